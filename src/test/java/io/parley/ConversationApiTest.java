package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.auth0.jwt.JWT;
import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.Paging;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ConversationApiTest {
    static final String ISO_MILLIS = "\\d{4}-\\d\\d-\\d\\dT\\d\\d:\\d\\d:\\d\\d\\.\\d{3}Z";

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String channel(String sourceChannelId) {
        return server.connectChannel(sourceChannelId).get("id").asText();
    }

    static String startConversation(String channelId, String text) {
        return server.visitorSends(server.newVisitor(channelId), text)
                .get("conversation_id")
                .asText();
    }

    static JsonNode reply(String conversationId, String text) {
        return server.http()
                .operator("/messages.send", Map.of("conversation_id", conversationId, "message", Map.of("text", text)))
                .ok()
                .json();
    }

    static JsonNode list(Map<String, ?> body) {
        return server.http().operator("/conversations.list", body).ok().json();
    }

    static JsonNode listChannel(String channelId, String cursor, int pageSize) {
        Map<String, Object> body =
                new HashMap<>(Map.of("filter", Map.of("channel_ids", List.of(channelId)), "page_size", pageSize));
        if (cursor != null) {
            body.put("cursor", cursor);
        }
        return list(body);
    }

    static List<String> conversationIds(JsonNode page) {
        List<String> ids = new ArrayList<>();
        page.get("data").forEach(conversation -> ids.add(conversation.get("id").asText()));
        return ids;
    }

    static JsonNode info(String conversationId) {
        return server.http()
                .operator("/conversations.info", Map.of("conversation_id", conversationId))
                .ok()
                .json();
    }

    @Test
    void a_conversation_appears_only_after_the_visitors_first_message() {
        String site = channel("appear-site");
        Visitor visitor = server.newVisitor(site);
        JsonNode before = listChannel(site, null, 20);
        assertEquals(0, before.get("data").size());
        assertEquals(0, before.get("response_metadata").get("filtered_total").asLong());

        JsonNode sent = server.visitorSends(visitor, "Hi there");
        String conversationId = sent.get("conversation_id").asText();
        JsonNode after = listChannel(site, null, 20);
        assertEquals(List.of(conversationId), conversationIds(after));
        assertEquals(1, after.get("response_metadata").get("filtered_total").asLong());
        server.http()
                .operator("/conversations.info", Map.of("conversation_id", conversationId))
                .ok();
    }

    @Test
    void the_conversation_object_has_the_contract_shape_in_list_and_info() {
        String site = channel("shape-site");
        Visitor visitor = server.newVisitor(site);
        JsonNode sent = server.visitorSends(visitor, "Where is my order?");
        String conversationId = sent.get("conversation_id").asText();
        JsonNode listed = listChannel(site, null, 20).get("data").get(0);
        assertEquals(listed, info(conversationId), "list and info show the same object");

        assertEquals(conversationId, listed.get("id").asText());
        assertEquals(
                Map.of("id", site, "name", "Test shape-site", "source", "chat_plugin"),
                Map.of(
                        "id",
                        listed.get("channel").get("id").asText(),
                        "name",
                        listed.get("channel").get("name").asText(),
                        "source",
                        listed.get("channel").get("source").asText()));
        assertTrue(
                listed.get("created_at").asText().matches(ISO_MILLIS),
                listed.get("created_at").asText());
        UUID.fromString(listed.get("contact").get("id").asText());
        JsonNode last = listed.get("last_message");
        assertEquals(sent.get("id"), last.get("id"));
        assertEquals("Where is my order?", last.get("content").asText());
        assertEquals("DELIVERED", last.get("state").asText());
        assertEquals("LEFT", last.get("alignment").asText(), "operators see the contact's messages on the left");
        assertEquals(sent.get("sent_at"), last.get("sent_at"));
        assertEquals(1, listed.get("unread_message_count").asInt());
    }

    @Test
    void the_contact_id_stays_the_same_for_one_visitors_conversation() {
        String site = channel("contact-site");
        Visitor visitor = server.newVisitor(site);
        String conversationId =
                server.visitorSends(visitor, "one").get("conversation_id").asText();
        String contact = info(conversationId).get("contact").get("id").asText();
        server.visitorSends(visitor, "two");
        assertEquals(contact, info(conversationId).get("contact").get("id").asText());
        String other = startConversation(site, "someone else");
        assertFalse(contact.equals(info(other).get("contact").get("id").asText()));
    }

    @Test
    void conversations_are_listed_by_most_recent_activity_first() {
        String site = channel("activity-site");
        Visitor a = server.newVisitor(site);
        Visitor b = server.newVisitor(site);
        Visitor c = server.newVisitor(site);
        String first = server.visitorSends(a, "a1").get("conversation_id").asText();
        String second = server.visitorSends(b, "b1").get("conversation_id").asText();
        String third = server.visitorSends(c, "c1").get("conversation_id").asText();
        assertEquals(List.of(third, second, first), conversationIds(listChannel(site, null, 20)));

        server.visitorSends(a, "a2");
        assertEquals(List.of(first, third, second), conversationIds(listChannel(site, null, 20)));

        reply(second, "an operator reply is activity too");
        JsonNode page = listChannel(site, null, 20);
        assertEquals(List.of(second, first, third), conversationIds(page));
        JsonNode last = page.get("data").get(0).get("last_message");
        assertEquals("an operator reply is activity too", last.get("content").asText());
        assertEquals("RIGHT", last.get("alignment").asText());
    }

    @Test
    void filters_by_conversation_ids_and_channel_ids() {
        String red = channel("filter-red");
        String blue = channel("filter-blue");
        String red1 = startConversation(red, "r1");
        String red2 = startConversation(red, "r2");
        String blue1 = startConversation(blue, "b1");

        assertEquals(List.of(red2, red1), conversationIds(list(Map.of("filter", Map.of("channel_ids", List.of(red))))));
        assertEquals(
                List.of(blue1, red2, red1),
                conversationIds(list(Map.of("filter", Map.of("channel_ids", List.of(red, blue))))));
        assertEquals(
                List.of(blue1, red1),
                conversationIds(list(Map.of("filter", Map.of("conversation_ids", List.of(red1, blue1))))));
        JsonNode both =
                list(Map.of("filter", Map.of("conversation_ids", List.of(red1, blue1), "channel_ids", List.of(red))));
        assertEquals(List.of(red1), conversationIds(both));
        assertEquals(1, both.get("response_metadata").get("filtered_total").asLong());
        assertTrue(both.get("response_metadata").get("total").asLong() >= 3);

        JsonNode nothing = list(
                Map.of("filter", Map.of("channel_ids", List.of(UUID.randomUUID().toString()))));
        assertEquals(0, nothing.get("data").size());
        assertEquals(0, nothing.get("response_metadata").get("filtered_total").asLong());

        JsonNode unfiltered = list(Map.of("filter", Map.of("conversation_ids", List.of(), "channel_ids", List.of())));
        assertEquals(
                unfiltered.get("response_metadata").get("total"),
                unfiltered.get("response_metadata").get("filtered_total"),
                "empty id lists do not restrict");
    }

    @Test
    void filter_ids_must_be_uuids_and_at_most_100_of_each() {
        var http = server.http();
        assertTrue(http.operator("/conversations.list", Map.of("filter", Map.of("conversation_ids", List.of("nope"))))
                .error(400)
                .contains("filter.conversation_ids"));
        assertTrue(http.operator(
                        "/conversations.list",
                        Map.of(
                                "filter",
                                Map.of("channel_ids", List.of(UUID.randomUUID().toString(), "x"))))
                .error(400)
                .contains("filter.channel_ids[1]"));
        assertTrue(http.operator("/conversations.list", Map.of("filter", Map.of("channel_ids", "not-a-list")))
                .error(400)
                .contains("channel_ids"));
        assertTrue(http.operator("/conversations.list", Map.of("filter", Map.of("conversation_ids", List.of(42))))
                .error(400)
                .contains("conversation_ids"));
        assertTrue(http.operator("/conversations.list", Map.of("filter", "everything"))
                .error(400)
                .contains("filter"));
        List<String> hundred = IntStream.range(0, 100)
                .mapToObj(i -> UUID.randomUUID().toString())
                .toList();
        list(Map.of("filter", Map.of("conversation_ids", hundred)));
        List<String> tooMany = new ArrayList<>(hundred);
        tooMany.add(UUID.randomUUID().toString());
        assertTrue(http.operator("/conversations.list", Map.of("filter", Map.of("conversation_ids", tooMany)))
                .error(400)
                .contains("filter.conversation_ids"));
    }

    @Test
    void page_size_defaults_to_20_and_must_be_an_integer_from_1_to_100() {
        String site = channel("size-site");
        for (int i = 0; i < 21; i++) {
            startConversation(site, "visitor " + i);
        }
        JsonNode defaults = list(Map.of("filter", Map.of("channel_ids", List.of(site))));
        assertEquals(20, defaults.get("data").size());
        assertFalse(
                defaults.get("response_metadata").get("next_cursor").asText().isEmpty());
        assertEquals(1, listChannel(site, null, 1).get("data").size());
        assertEquals(21, listChannel(site, null, 100).get("data").size());
        for (Object bad : new Object[] {0, 101, -1, "5", 2.5, true, 10_000_000_000L, List.of(5)}) {
            String message = server.http()
                    .operator("/conversations.list", Map.of("page_size", bad))
                    .error(400);
            assertTrue(message.contains("page_size"), bad + ": " + message);
        }
    }

    @Test
    void a_malformed_cursor_is_400_naming_the_cursor() {
        var http = server.http();
        String messagesCursor = Base64.getUrlEncoder().withoutPadding().encodeToString("ma:1".getBytes());
        for (Object bad : new Object[] {
            "garbage",
            "!!!",
            "Y2E6",
            messagesCursor,
            42,
            Base64.getUrlEncoder().encodeToString("ca:99999999999999999999".getBytes())
        }) {
            String message =
                    http.operator("/conversations.list", Map.of("cursor", bad)).error(400);
            assertTrue(message.contains("cursor"), bad + ": " + message);
        }
        assertEquals(
                200, http.operator("/conversations.list", Map.of("cursor", "")).status(), "\"\" is the start");
    }

    @Test
    void a_single_page_has_empty_cursors_at_both_ends() {
        String site = channel("single-page-site");
        startConversation(site, "alone");
        JsonNode metadata = listChannel(site, null, 20).get("response_metadata");
        assertEquals("", metadata.get("previous_cursor").asText());
        assertEquals("", metadata.get("next_cursor").asText());
        assertEquals(1, metadata.get("filtered_total").asLong());
        assertTrue(metadata.has("badge_unread_count"));
    }

    @Test
    void paging_forwards_and_back_is_stable_while_conversations_are_being_added() throws Exception {
        String site = channel("paging-site");
        String elsewhere = channel("paging-elsewhere");
        List<String> existing = new ArrayList<>();
        for (int i = 0; i < 23; i++) {
            existing.add(0, startConversation(site, "existing " + i)); // newest first, as listed
        }
        Visitor busy = server.newVisitor(elsewhere);
        AtomicBoolean walking = new AtomicBoolean(true);
        Thread writer = new Thread(() -> {
            for (int i = 0; walking.get() && i < 25; i++) {
                startConversation(site, "new while paging " + i);
                server.visitorSends(busy, "noise elsewhere " + i);
            }
        });
        writer.start();
        try {
            Runnable between = () -> startConversation(site, "new between pages");
            var forwards = Paging.forwards(cursor -> listChannel(site, cursor, 5), between);
            List<String> seen = Paging.ids(forwards.items());
            assertNoDuplicates(seen);
            assertEquals(
                    existing,
                    seen.subList(seen.size() - existing.size(), seen.size()),
                    "every conversation that existed is met once, in order; added ones can only come first");

            List<String> back = new ArrayList<>(Paging.ids(Paging.backwards(
                    cursor -> listChannel(site, cursor, 5), forwards.previousCursorOfLastPage(), between)));
            back.addAll(Paging.ids(toList(forwards.lastPage().get("data"))));
            assertNoDuplicates(back);
            assertEquals(
                    existing,
                    back.subList(back.size() - existing.size(), back.size()),
                    "on the way back too, every conversation that existed is met once, in order");
            assertTrue(back.size() > existing.size(), "the way back reaches the conversations added meanwhile");
        } finally {
            walking.set(false);
            writer.join();
        }
    }

    @Test
    void unread_count_rises_per_contact_message_not_for_replies_and_resets_on_read() {
        String site = channel("unread-site");
        Visitor visitor = server.newVisitor(site);
        String conversationId =
                server.visitorSends(visitor, "one").get("conversation_id").asText();
        server.visitorSends(visitor, "two");
        server.visitorSends(visitor, "three");
        assertEquals(3, info(conversationId).get("unread_message_count").asInt());
        reply(conversationId, "on it");
        assertEquals(3, info(conversationId).get("unread_message_count").asInt(), "replies are not unread");
        assertEquals(
                1,
                listChannel(site, null, 20)
                        .get("response_metadata")
                        .get("badge_unread_count")
                        .asInt());

        var read = server.http().operator("/conversations.read", Map.of("conversation_id", conversationId));
        assertEquals(202, read.status());
        assertEquals(0, read.json().size(), "body is {}");
        assertEquals(0, info(conversationId).get("unread_message_count").asInt());
        assertEquals(
                0,
                listChannel(site, null, 20)
                        .get("response_metadata")
                        .get("badge_unread_count")
                        .asInt());

        server.visitorSends(visitor, "four");
        assertEquals(1, info(conversationId).get("unread_message_count").asInt());
    }

    @Test
    void badge_unread_count_counts_filtered_conversations_with_unread_messages() {
        String site = channel("badge-site");
        String quiet = startConversation(site, "read me");
        startConversation(site, "unread");
        startConversation(site, "unread too");
        server.http().operator("/conversations.read", Map.of("conversation_id", quiet));
        JsonNode metadata = listChannel(site, null, 1).get("response_metadata");
        assertEquals(2, metadata.get("badge_unread_count").asInt());
        assertEquals(3, metadata.get("filtered_total").asInt());
    }

    @Test
    void info_and_read_of_unknown_conversations_are_404_and_bad_ids_are_400() {
        var http = server.http();
        String unknown = UUID.randomUUID().toString();
        for (String path : List.of("/conversations.info", "/conversations.read")) {
            http.operator(path, Map.of("conversation_id", unknown)).error(404);
            assertTrue(http.operator(path, Map.of("conversation_id", "nope"))
                    .error(400)
                    .contains("conversation_id"));
            assertTrue(http.operator(path, Map.of()).error(400).contains("conversation_id"));
            assertTrue(
                    http.operator(path, Map.of("conversation_id", 7)).error(400).contains("conversation_id"));
        }
    }

    @Test
    void a_visitor_without_messages_has_no_conversation_yet() {
        String site = channel("silent-site");
        Visitor visitor = server.newVisitor(site);
        String resume = server.http()
                .post("/chatplugin.resumeToken", visitor.token(), Map.of())
                .ok()
                .json()
                .get("resume_token")
                .asText();
        String conversationId = JWT.decode(resume).getClaim("conversation_id").asString();
        server.http()
                .operator("/conversations.info", Map.of("conversation_id", conversationId))
                .error(404);
        server.http()
                .operator("/messages.list", Map.of("conversation_id", conversationId))
                .error(404);
        server.http()
                .operator(
                        "/messages.send",
                        Map.of("conversation_id", conversationId, "message", Map.of("text", "hello?")))
                .error(404);
    }

    @Test
    void visitor_and_resume_tokens_are_refused_on_every_operator_endpoint() {
        String site = channel("refuse-site");
        Visitor visitor = server.newVisitor(site);
        String conversationId =
                server.visitorSends(visitor, "hi").get("conversation_id").asText();
        String resume = server.http()
                .post("/chatplugin.resumeToken", visitor.token(), Map.of())
                .ok()
                .json()
                .get("resume_token")
                .asText();
        Map<String, Object> body = Map.of("conversation_id", conversationId, "message", Map.of("text", "sneaky"));
        for (String path : List.of(
                "/conversations.list",
                "/conversations.info",
                "/conversations.read",
                "/messages.list",
                "/messages.send")) {
            for (String token : new String[] {visitor.token(), resume, null, "nonsense"}) {
                server.http().post(path, token, body).error(401);
            }
        }
        assertEquals(
                1,
                server.http()
                        .operator("/messages.list", Map.of("conversation_id", conversationId))
                        .ok()
                        .json()
                        .get("data")
                        .size(),
                "the refused send left nothing behind");
    }

    static List<JsonNode> toList(JsonNode array) {
        List<JsonNode> items = new ArrayList<>();
        array.forEach(items::add);
        return items;
    }

    static void assertNoDuplicates(List<String> ids) {
        assertEquals(ids.size(), new HashSet<>(ids).size(), () -> "duplicates in " + ids);
    }
}
