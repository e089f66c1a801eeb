package io.parley.privacy;

import java.util.List;
import java.util.Map;

/** The answer of {@code /contacts.export}: every stored thing about one contact, as one document. */
public record ContactExport(
        String contactId,
        String exportedAt,
        Map<String, Object> contact,
        List<Conversation> conversations,
        List<Identity> verifiedIdentities,
        List<Email> emails) {

    public record Conversation(
            String id, String channelId, String createdAt, Map<String, Object> context, List<Message> messages) {}

    public record Message(
            String id,
            boolean fromContact,
            String senderId,
            String content,
            String state,
            String sentAt,
            Object attachment) {}

    public record Identity(String channelId, String userId, String createdAt) {}

    public record Email(String id, String kind, String recipient, String subject, String status, String createdAt) {}
}
