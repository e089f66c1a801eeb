package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.TestServer;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

class ChannelApiTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void connect_creates_a_channel_with_the_contract_shape() {
        var response = server.http()
                .operator(
                        "/channels.connect",
                        Map.of(
                                "source",
                                "chat_plugin",
                                "source_channel_id",
                                "shape-site",
                                "name",
                                "My site",
                                "image_url",
                                "https://example.com/logo.png",
                                "token",
                                ""));
        JsonNode channel = response.ok().json();
        assertEquals(36, channel.get("id").asText().length());
        assertEquals("My site", channel.get("name").asText());
        assertEquals("chat_plugin", channel.get("source").asText());
        assertEquals("shape-site", channel.get("source_channel_id").asText());
        assertEquals("https://example.com/logo.png", channel.get("image_url").asText());
        assertTrue(channel.get("allowed_origins").isArray());
        assertTrue(channel.get("connected").asBoolean());
    }

    @Test
    void connect_defaults_the_name_and_chooses_a_source_channel_id() {
        JsonNode channel = server.http()
                .operator("/channels.connect", Map.of("source", "chat_plugin"))
                .ok()
                .json();
        assertEquals("Chat plugin", channel.get("name").asText());
        UUID.fromString(channel.get("source_channel_id").asText());
    }

    @Test
    void connecting_the_same_source_channel_id_again_is_idempotent_with_202() {
        JsonNode first = server.connectChannel("again-site");
        var second = server.http()
                .operator(
                        "/channels.connect",
                        Map.of("source", "chat_plugin", "source_channel_id", "again-site", "name", "Renamed"));
        assertEquals(202, second.status());
        assertEquals(first.get("id"), second.json().get("id"));
        assertEquals("Renamed", second.json().get("name").asText());
    }

    @Test
    void connect_refuses_another_source_or_bad_fields_with_400_naming_the_field() {
        String message = server.http()
                .operator("/channels.connect", Map.of("source", "facebook"))
                .error(400);
        assertTrue(message.contains("source"), message);
        assertTrue(
                server.http().operator("/channels.connect", Map.of()).error(400).contains("source"));
        assertTrue(server.http()
                .operator("/channels.connect", Map.of("source", "chat_plugin", "image_url", "javascript:alert(1)"))
                .error(400)
                .contains("image_url"));
        assertTrue(server.http()
                .operator("/channels.connect", Map.of("source", "chat_plugin", "name", 42))
                .error(400)
                .contains("name"));
    }

    @Test
    void list_shows_connected_channels_only() {
        JsonNode kept = server.connectChannel("list-kept");
        JsonNode gone = server.connectChannel("list-gone");
        server.http()
                .operator(
                        "/channels.disconnect",
                        Map.of("channel_id", gone.get("id").asText()));
        List<String> ids = server.http()
                .operator("/channels.list", Map.of())
                .ok()
                .json()
                .get("data")
                .findValuesAsText("id");
        assertTrue(ids.contains(kept.get("id").asText()));
        assertFalse(ids.contains(gone.get("id").asText()));
    }

    @Test
    void info_returns_the_channel_or_404() {
        JsonNode channel = server.connectChannel("info-site");
        var info = server.http()
                .operator(
                        "/channels.info", Map.of("channel_id", channel.get("id").asText()));
        assertEquals(channel, info.ok().json());
        server.http()
                .operator(
                        "/channels.info", Map.of("channel_id", UUID.randomUUID().toString()))
                .error(404);
        assertTrue(server.http()
                .operator("/channels.info", Map.of("channel_id", "nope"))
                .error(400)
                .contains("channel_id"));
        assertTrue(server.http().operator("/channels.info", Map.of()).error(400).contains("channel_id"));
    }

    @Test
    void update_changes_name_image_and_allowed_origins() {
        JsonNode channel = server.connectChannel("update-site");
        JsonNode updated = server.http()
                .operator(
                        "/channels.update",
                        Map.of(
                                "channel_id",
                                channel.get("id").asText(),
                                "name",
                                "New name",
                                "allowed_origins",
                                List.of("https://shop.example.com", "*.example.org")))
                .ok()
                .json();
        assertEquals("New name", updated.get("name").asText());
        assertEquals(
                List.of("https://shop.example.com", "*.example.org"),
                List.of(
                        updated.get("allowed_origins").get(0).asText(),
                        updated.get("allowed_origins").get(1).asText()));
        assertEquals(
                updated,
                server.http()
                        .operator(
                                "/channels.info",
                                Map.of("channel_id", channel.get("id").asText()))
                        .json());
        server.http()
                .operator(
                        "/channels.update",
                        Map.of("channel_id", UUID.randomUUID().toString(), "name", "x"))
                .error(404);
        assertTrue(server.http()
                .operator(
                        "/channels.update",
                        Map.of("channel_id", channel.get("id").asText(), "allowed_origins", List.of("not an origin")))
                .error(400)
                .contains("allowed_origins"));
    }

    @Test
    void disconnect_is_202_even_twice_and_400_for_an_unknown_channel() {
        JsonNode channel = server.connectChannel("disconnect-site");
        var first = server.http()
                .operator(
                        "/channels.disconnect",
                        Map.of("channel_id", channel.get("id").asText()));
        assertEquals(202, first.status());
        assertEquals("{}", first.body());
        assertEquals(
                202,
                server.http()
                        .operator(
                                "/channels.disconnect",
                                Map.of("channel_id", channel.get("id").asText()))
                        .status());
        server.http()
                .operator(
                        "/channels.disconnect",
                        Map.of("channel_id", UUID.randomUUID().toString()))
                .error(400);
        assertFalse(server.http()
                .operator(
                        "/channels.info", Map.of("channel_id", channel.get("id").asText()))
                .json()
                .get("connected")
                .asBoolean());
    }

    @Test
    void reconnecting_a_disconnected_channel_brings_it_back() {
        JsonNode channel = server.connectChannel("comeback-site");
        server.http()
                .operator(
                        "/channels.disconnect",
                        Map.of("channel_id", channel.get("id").asText()));
        var again = server.http()
                .operator("/channels.connect", Map.of("source", "chat_plugin", "source_channel_id", "comeback-site"));
        assertEquals(202, again.status());
        assertTrue(again.json().get("connected").asBoolean());
        server.newVisitor(channel.get("id").asText());
    }

    @Test
    void channel_endpoints_need_the_api_token() {
        server.http().post("/channels.list", null, Map.of()).error(401);
        server.http().post("/channels.list", "wrong-token", Map.of()).error(401);
        JsonNode channel = server.connectChannel("token-site");
        String visitorToken = server.newVisitor(channel.get("id").asText()).token();
        server.http().post("/channels.list", visitorToken, Map.of()).error(401);
    }
}
