package io.parley.media;

/** {@code {"media_url","name","size","content_type"}}, the contract's upload response. */
public record UploadResponse(String mediaUrl, String name, long size, String contentType) {}
