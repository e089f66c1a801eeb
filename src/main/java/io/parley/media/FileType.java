package io.parley.media;

import java.nio.ByteBuffer;

/**
 * The kinds of file Parley accepts, decided from the bytes alone. Each check walks the format's whole
 * structure and wants it to end exactly at its last byte: a file that is also something else (a
 * GIF followed by a script, HTML inside a ".txt") is refused, not guessed about. See docs/api.md.
 */
public enum FileType {
    PNG("image/png", "image"),
    JPEG("image/jpeg", "image"),
    GIF("image/gif", "image"),
    WEBP("image/webp", "image"),
    PDF("application/pdf", "file"),
    TEXT("text/plain; charset=utf-8", "file");

    private final String contentType;
    private final String attachmentType;

    FileType(String contentType, String attachmentType) {
        this.contentType = contentType;
        this.attachmentType = attachmentType;
    }

    public String contentType() {
        return contentType;
    }

    /** Airy's {@code attachment.type}: "image" is shown inline, "file" is a link. */
    public String attachmentType() {
        return attachmentType;
    }

    public static FileType ofContentType(String contentType) {
        for (FileType type : values()) {
            if (type.contentType.equals(contentType)) {
                return type;
            }
        }
        throw new IllegalArgumentException("not a stored content type: " + contentType);
    }

    /** The type of the whole file, or null when it is none of the allowed ones (or malformed). */
    public static FileType detect(ByteBuffer file) {
        if (ImageFormats.isPng(file.duplicate())) return PNG;
        if (ImageFormats.isJpeg(file.duplicate())) return JPEG;
        if (ImageFormats.isGif(file.duplicate())) return GIF;
        if (ImageFormats.isWebp(file.duplicate())) return WEBP;
        if (DocumentFormats.isPdf(file.duplicate())) return PDF;
        if (DocumentFormats.isPlainText(file.duplicate())) return TEXT;
        return null;
    }
}
