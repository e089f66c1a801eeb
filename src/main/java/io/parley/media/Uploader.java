package io.parley.media;

import java.util.UUID;

/** Who sent an upload request: a visitor, an operator (or the API token), or nobody (Airy's 2022 widget). */
public record Uploader(String kind, UUID conversationId, UUID contactId, String operatorId, String clientIp) {
    public static Uploader visitor(UUID conversationId, UUID contactId, String clientIp) {
        return new Uploader(Media.VISITOR, conversationId, contactId, null, clientIp);
    }

    /** {@code operatorId} null for the system API token. */
    public static Uploader operator(String operatorId, String clientIp) {
        return new Uploader(Media.OPERATOR, null, null, operatorId, clientIp);
    }

    public static Uploader anonymous(String clientIp) {
        return new Uploader(Media.ANONYMOUS, null, null, null, clientIp);
    }

    /** The rate-limit key: the visitor's conversation, or the address of a token-less client; null: unlimited. */
    String limitKey() {
        return switch (kind) {
            case Media.VISITOR -> "conversation:" + conversationId;
            case Media.ANONYMOUS -> "address:" + clientIp;
            default -> null;
        };
    }
}
