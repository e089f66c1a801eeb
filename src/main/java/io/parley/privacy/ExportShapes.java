package io.parley.privacy;

import com.fasterxml.jackson.core.type.TypeReference;
import io.parley.json.Json;
import io.parley.json.Times;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Stored rows in the export's shape: snake_case names and the contract's times, as the API answers. */
final class ExportShapes {
    private static final TypeReference<LinkedHashMap<String, Object>> OBJECT = new TypeReference<>() {};

    private ExportShapes() {}

    static Map<String, Object> contact(PrivacyDao.ContactRow row) {
        Map<String, Object> contact = new LinkedHashMap<>();
        contact.put("display_name", row.displayName());
        contact.put("email", row.email());
        contact.put("attributes", parse(row.attributes()));
        contact.put(
                "email_unsubscribed_at",
                row.emailUnsubscribedAtMs() == null ? null : Times.iso(row.emailUnsubscribedAtMs()));
        contact.put("created_at", Times.iso(row.createdAtMs()));
        contact.put("updated_at", Times.iso(row.updatedAtMs()));
        return contact;
    }

    static ContactExport.Conversation conversation(
            PrivacyDao.ConversationRow c, PrivacyDao.ContextRow context, List<PrivacyDao.MessageRow> messages) {
        return new ContactExport.Conversation(
                c.id().toString(),
                c.channelId().toString(),
                Times.iso(c.createdAtMs()),
                context == null ? null : context(context),
                messages.stream().map(ExportShapes::message).toList());
    }

    private static Map<String, Object> context(PrivacyDao.ContextRow row) {
        Map<String, Object> context = new LinkedHashMap<>();
        context.put("page_url", row.pageUrl());
        context.put("referrer", row.referrer());
        context.put("user_agent", row.userAgent());
        context.put("locale", row.locale());
        context.put("time_zone", row.timeZone());
        context.put("updated_at", Times.iso(row.updatedAtMs()));
        return context;
    }

    private static ContactExport.Message message(PrivacyDao.MessageRow m) {
        return new ContactExport.Message(
                m.id().toString(),
                m.fromContact(),
                m.senderId(),
                m.content(),
                m.state(),
                Times.iso(m.sentAtMs()),
                m.attachment() == null ? null : tree(m.attachment()));
    }

    static ContactExport.Identity identity(PrivacyDao.IdentityRow i) {
        return new ContactExport.Identity(i.channelId().toString(), i.userId(), Times.iso(i.createdAtMs()));
    }

    static ContactExport.Email email(PrivacyDao.EmailRow e) {
        return new ContactExport.Email(
                e.id().toString(), e.kind(), e.recipient(), e.subject(), e.status(), Times.iso(e.createdAtMs()));
    }

    /** A stored attachment (type, URL, name, size, content type) as the JSON it was stored as. */
    private static Object tree(String json) {
        try {
            return Json.MAPPER.readTree(json);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("a stored attachment is not JSON", e);
        }
    }

    private static Map<String, Object> parse(String json) {
        try {
            return json == null ? Map.of() : Json.MAPPER.readValue(json, OBJECT);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored contact attributes are not a JSON object", e);
        }
    }
}
