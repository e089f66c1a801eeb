package io.parley.conversation;

/**
 * A file sent with a message: {@code type} {@code image} or {@code file}, and where to fetch it.
 * On a request only {@code payload.url} counts (Airy's widget sends just that); everything else
 * comes from the stored upload, through {@link AttachmentResolver}.
 */
public record Attachment(String type, Payload payload) {
    public static final String IMAGE = "image";
    public static final String FILE = "file";

    public record Payload(String url, String name, Long size, String contentType) {}

    /** What the text format shows as {@code content} of a message that has only this file. */
    public String displayName() {
        return payload != null && payload.name() != null ? payload.name() : "attachment";
    }
}
