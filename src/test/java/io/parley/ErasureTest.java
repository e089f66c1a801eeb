package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.privacy.RetentionSettings;
import io.parley.support.Multipart;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Export and erasure of a contact, and retention, checked against every table of the database. */
@Timeout(120)
class ErasureTest {
    private static final Duration KEEP = Duration.ofDays(30);

    @RegisterExtension
    static final TestServer server =
            TestServer.perClass(c -> TestConfig.withRetention(c, new RetentionSettings(KEEP, Duration.ofDays(1), 2)));

    private record Chat(Visitor visitor, String conversationId, String contactId, String resumeToken) {}

    private Chat chat(String text) {
        String channelId =
                server.connectChannel("erasure-" + System.nanoTime()).get("id").asText();
        Visitor visitor = server.newVisitor(channelId);
        server.http()
                .post(
                        "/chatplugin.updateContact",
                        visitor.token(),
                        Map.of("name", "Ada Lovelace", "email", "ada." + System.nanoTime() + "@example.test"))
                .ok();
        String conversationId =
                server.visitorSends(visitor, text).get("conversation_id").asText();
        server.http()
                .operator(
                        "/messages.send",
                        Map.of("conversation_id", conversationId, "message", Map.of("text", "Operator answer")))
                .ok();
        JsonNode info = server.http()
                .operator("/conversations.info", Map.of("conversation_id", conversationId))
                .ok()
                .json();
        String resume = server.http()
                .post("/chatplugin.resumeToken", visitor.token(), Map.of())
                .ok()
                .json()
                .get("resume_token")
                .asText();
        return new Chat(visitor, conversationId, info.get("contact").get("id").asText(), resume);
    }

    @Test
    void export_returns_the_contact_its_context_conversations_and_messages() {
        Chat chat = chat("Hello, I need help with my order");
        JsonNode export = server.http()
                .operator("/contacts.export", Map.of("contact_id", chat.contactId()))
                .ok()
                .json();
        assertEquals(chat.contactId(), export.get("contact_id").asText());
        assertEquals("Ada Lovelace", export.get("contact").get("display_name").asText());
        assertTrue(export.get("contact").get("email").asText().endsWith("@example.test"));
        JsonNode conversation = export.get("conversations").get(0);
        assertEquals(chat.conversationId(), conversation.get("id").asText());
        assertEquals(2, conversation.get("messages").size());
        assertEquals(
                "Hello, I need help with my order",
                conversation.get("messages").get(0).get("content").asText());
        assertTrue(conversation.get("context").has("user_agent"), conversation.toString());
    }

    @Test
    void delete_leaves_nothing_of_the_contact_in_any_table_and_its_tokens_lead_elsewhere() {
        Chat chat = chat("Please forget me");
        Chat other = chat("I stay");
        String mediaUrl = Multipart.file("notes.txt", "text/plain", "my private notes".getBytes(StandardCharsets.UTF_8))
                .post(server, "/chatplugin.upload", chat.visitor().token())
                .ok()
                .json()
                .get("media_url")
                .asText();
        server.http()
                .post(
                        "/chatplugin.send",
                        chat.visitor().token(),
                        Map.of(
                                "message",
                                Map.of("attachment", Map.of("type", "file", "payload", Map.of("url", mediaUrl)))))
                .ok();
        String mediaId = mediaUrl.substring(mediaUrl.lastIndexOf('/') + 1);
        Path mediaDir = io.parley.media.MediaSettings.defaults(server.dataDir()).dir();
        assertTrue(filesUnder(mediaDir).stream().anyMatch(f -> f.contains(mediaId)), "the upload is on disk");
        assertTrue(server.http()
                .operator("/contacts.export", Map.of("contact_id", chat.contactId()))
                .body()
                .contains(mediaId));

        var response = server.http().operator("/contacts.delete", Map.of("contact_id", chat.contactId()));
        assertEquals(202, response.status(), response.body());
        assertEquals("{}", response.body());

        assertEquals(List.of(), tablesMentioning(chat.contactId()));
        assertEquals(List.of(), tablesMentioning(chat.conversationId()));
        assertEquals(List.of(), tablesMentioning("Please forget me"));
        assertEquals(List.of(), tablesMentioning(mediaId));
        assertTrue(filesUnder(mediaDir).stream().noneMatch(f -> f.contains(mediaId)), "no file of it remains");
        assertEquals(404, server.http().get("/media/" + mediaId).status());
        assertTrue(!tablesMentioning(other.conversationId()).isEmpty(), "the other visitor's data stays");

        assertEquals(
                401, server.visitorTriesToSend(chat.visitor(), "still here?").status());
        JsonNode resumed = server.http()
                .post("/chatplugin.authenticate", null, Map.of("resume_token", chat.resumeToken()))
                .ok()
                .json();
        assertEquals(0, resumed.get("messages").size());
        String fresh = server.visitorSends(
                        new Visitor(
                                chat.visitor().channelId(), resumed.get("token").asText()),
                        "new")
                .get("conversation_id")
                .asText();
        assertNotEquals(chat.conversationId(), fresh);
        assertEquals(
                404,
                server.http()
                        .operator("/contacts.export", Map.of("contact_id", chat.contactId()))
                        .status());
    }

    @Test
    void unknown_and_malformed_contact_ids_are_refused() {
        var unknown = server.http()
                .operator("/contacts.delete", Map.of("contact_id", "7b1a0f7e-0000-4000-8000-000000000000"));
        assertEquals(404, unknown.status());
        assertEquals("contact not found", unknown.json().get("message").asText());
        var malformed = server.http().operator("/contacts.export", Map.of("contact_id", "nope"));
        assertEquals(400, malformed.status());
        assertTrue(malformed.json().get("message").asText().contains("contact_id"));
        assertEquals(
                401,
                server.http()
                        .post("/contacts.delete", "not-a-token", Map.of("contact_id", "x"))
                        .status());
    }

    @Test
    void retention_erases_conversations_idle_too_long_and_keeps_recent_ones() {
        Chat old = chat("An old conversation");
        Chat old2 = chat("Another old conversation");
        Chat old3 = chat("A third old conversation"); // three: more than one batch of two
        Chat recent = chat("A recent conversation");
        long recentAt = lastActivity(recent.conversationId());
        // as if the clock stood KEEP after the recent conversation's last message: the others are older
        int erased = server.parley().services().retention().runOnce(recentAt + KEEP.toMillis());

        assertTrue(erased >= 3, "erased " + erased);
        for (Chat gone : List.of(old, old2, old3)) {
            assertEquals(List.of(), tablesMentioning(gone.conversationId()));
            assertEquals(
                    401, server.visitorTriesToSend(gone.visitor(), "hello?").status());
        }
        assertEquals(
                200,
                server.http()
                        .operator("/conversations.info", Map.of("conversation_id", recent.conversationId()))
                        .status());
        server.visitorSends(recent.visitor(), "still chatting");
    }

    private static List<String> filesUnder(Path dir) {
        try (var files = Files.walk(dir)) {
            return files.map(Path::toString).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static long lastActivity(String conversationId) {
        JsonNode messages = server.http()
                .operator("/messages.list", Map.of("conversation_id", conversationId))
                .ok()
                .json()
                .get("data");
        long newest = 0;
        for (JsonNode message : messages) {
            newest = Math.max(
                    newest, Instant.parse(message.get("sent_at").asText()).toEpochMilli());
        }
        return newest;
    }

    /** "table.column" for every column of every table whose text contains {@code needle}. */
    static List<String> tablesMentioning(String needle) {
        return tablesMentioning(server, needle);
    }

    static List<String> tablesMentioning(TestServer server, String needle) {
        Jdbi jdbi = Jdbi.create(server.dbUrl());
        return jdbi.withHandle(h -> {
            List<Map<String, Object>> columns = h.createQuery("""
                            SELECT table_name, column_name FROM information_schema.columns
                            WHERE LOWER(table_schema) = 'public'""").mapToMap().list();
            List<String> found = new ArrayList<>();
            for (Map<String, Object> column : columns) {
                String table = column.get("table_name").toString();
                String name = column.get("column_name").toString();
                int hits = h.createQuery("SELECT COUNT(*) FROM \"" + table + "\" WHERE CAST(\"" + name
                                + "\" AS VARCHAR(1000000)) LIKE :needle")
                        .bind("needle", "%" + needle + "%")
                        .mapTo(Integer.class)
                        .one();
                if (hits > 0) {
                    found.add(table + "." + name);
                }
            }
            assertTrue(columns.size() > 30, "saw the columns: " + columns.size());
            return found;
        });
    }
}
