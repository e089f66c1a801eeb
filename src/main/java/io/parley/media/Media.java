package io.parley.media;

import java.util.UUID;

/** One uploaded file's row; the bytes are the file named {@code id} in the media folder. */
public record Media(
        String id,
        String ownerKind,
        UUID ownerConversationId,
        UUID ownerContactId,
        String ownerOperatorId,
        String name,
        long sizeBytes,
        String contentType,
        String url,
        long createdAtMs,
        UUID sentConversationId,
        Long sentAtMs) {

    static final String VISITOR = "visitor";
    static final String OPERATOR = "operator";
    static final String ANONYMOUS = "anonymous";

    public FileType type() {
        return FileType.ofContentType(contentType);
    }

    /** A token-less upload is nobody's until a visitor sends it: until then it is not served. */
    boolean servable() {
        return !ownerKind.equals(ANONYMOUS) || sentConversationId != null;
    }
}
