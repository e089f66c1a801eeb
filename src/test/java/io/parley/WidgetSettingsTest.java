package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.support.Http;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import io.parley.support.Wait;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class WidgetSettingsTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static Http.Response update(String channelId, Object widget) {
        return server.http().operator("/channels.update", Map.of("channel_id", channelId, "widget", widget));
    }

    static JsonNode config(String channelId) {
        return server.http()
                .post("/chatplugin.config", null, Map.of("channel_id", channelId))
                .ok()
                .json();
    }

    @Test
    void a_new_channel_has_the_default_widget_settings() {
        JsonNode widget = server.connectChannel("widget-defaults").get("widget");
        assertEquals("right", widget.get("position").asText());
        assertEquals("#2563eb", widget.get("color").asText());
        assertEquals("auto", widget.get("locale").asText());
        assertEquals("off", widget.at("/pre_chat/email").asText());
        assertTrue(widget.get("business_hours").isNull());
        assertTrue(widget.get("read_receipts").asBoolean());
        assertFalse(widget.get("hide_when_offline").asBoolean());
        assertTrue(widget.has("title") && widget.has("welcome_message") && widget.has("away_message"));
    }

    @Test
    void updates_merge_nested_objects_and_keep_what_they_leave_out() {
        String id = server.connectChannel("widget-merge").get("id").asText();
        update(id, Map.of("color", "#FF0000", "title", "Acme", "pre_chat", Map.of("email", "required")))
                .ok();
        JsonNode widget = update(id, Map.of("position", "left", "pre_chat", Map.of("name", "optional")))
                .ok()
                .json()
                .get("widget");
        assertEquals("#ff0000", widget.get("color").asText());
        assertEquals("Acme", widget.get("title").asText());
        assertEquals("left", widget.get("position").asText());
        assertEquals("required", widget.at("/pre_chat/email").asText());
        assertEquals("optional", widget.at("/pre_chat/name").asText());
        assertEquals(
                widget,
                server.http()
                        .operator("/channels.info", Map.of("channel_id", id))
                        .ok()
                        .json()
                        .get("widget"));
    }

    @Test
    void invalid_values_are_400s_naming_the_field_and_change_nothing() {
        String id = server.connectChannel("widget-invalid").get("id").asText();
        Map<String, Object> cases = Map.of(
                "widget.color", Map.of("color", "red"),
                "widget.position", Map.of("position", "middle"),
                "widget.locale", Map.of("locale", "it"),
                "widget.pre_chat.email", Map.of("pre_chat", Map.of("email", "always")),
                "widget.read_receipts", Map.of("read_receipts", "yes"),
                "widget.title", Map.of("title", "x".repeat(101)),
                "widget.business_hours.time_zone",
                        Map.of("business_hours", Map.of("time_zone", "Mars/Olympus", "days", Map.of())),
                "widget.business_hours.days.mon[0]", hours(Map.of("mon", List.of(List.of("17:00", "09:00")))),
                "widget.business_hours.days.tue",
                        hours(Map.of("tue", List.of(List.of("09:00", "12:00"), List.of("11:00", "13:00")))),
                "widget.business_hours.days", hours(Map.of("monday", List.of())));
        cases.forEach((field, widget) -> {
            String message = update(id, widget).error(400);
            assertTrue(message.contains("'" + field + "'"), field + ": " + message);
        });
        JsonNode widget = server.http()
                .operator("/channels.info", Map.of("channel_id", id))
                .ok()
                .json()
                .get("widget");
        assertEquals("#2563eb", widget.get("color").asText());
        assertTrue(widget.get("business_hours").isNull());
    }

    static Map<String, Object> hours(Map<String, Object> days) {
        return Map.of("business_hours", Map.of("time_zone", "Europe/Berlin", "days", days));
    }

    @Test
    void config_is_public_cacheable_and_shows_no_secret() {
        String id = server.connectChannel("widget-config").get("id").asText();
        update(id, Map.of("welcome_message", "Hi there")).ok();
        Http.Response response = server.http()
                .post("/chatplugin.config", null, Map.of("channel_id", id))
                .ok();
        assertEquals("public, max-age=10", response.header("Cache-Control"));
        JsonNode body = response.json();
        assertEquals("Hi there", body.at("/widget/welcome_message").asText());
        assertFalse(response.body().contains("identity"), response.body());
        assertFalse(body.get("online").asBoolean(), "nobody is online: the server has no people yet");
        assertFalse(body.has("next_open_at"), "no business hours: never closed by the clock");
    }

    @Test
    void config_is_online_while_a_person_has_an_operator_socket_open_and_a_bot_does_not_count() {
        String id = server.connectChannel("widget-presence").get("id").asText();
        String botToken = server.http()
                .operator("/operators.create", Map.of("name", "Robo", "role", "bot"))
                .ok()
                .json()
                .get("api_token")
                .asText();
        server.http()
                .operator(
                        "/operators.create",
                        Map.of(
                                "name",
                                "Agent",
                                "role",
                                "agent",
                                "email",
                                "agent@example.com",
                                "password",
                                "a long password"))
                .ok();
        String agentToken = server.http()
                .post("/auth.login", null, Map.of("email", "agent@example.com", "password", "a long password"))
                .ok()
                .json()
                .get("token")
                .asText();
        try (StompClient bot = StompClient.connect(server.wsUrl("/ws.communication"), botToken)) {
            assertFalse(config(id).get("online").asBoolean(), "a bot is nobody");
            try (StompClient agent = StompClient.connect(server.wsUrl("/ws.communication"), agentToken)) {
                Wait.until(
                        "the agent counts as online",
                        () -> config(id).get("online").asBoolean());
                update(id, Map.of("business_hours", Map.of("time_zone", "UTC", "days", Map.of())))
                        .ok();
                assertFalse(config(id).get("online").asBoolean(), "outside business hours nobody answers");
                server.http()
                        .operator(
                                "/channels.update",
                                "{\"channel_id\":\"" + id + "\",\"widget\":{\"business_hours\":null}}")
                        .ok();
                assertTrue(config(id).get("online").asBoolean());
            }
            Wait.until(
                    "the agent's socket closed: offline",
                    () -> !config(id).get("online").asBoolean());
        }
    }

    @Test
    void config_of_an_unknown_or_disconnected_channel_is_404() {
        server.http()
                .post(
                        "/chatplugin.config",
                        null,
                        Map.of("channel_id", java.util.UUID.randomUUID().toString()))
                .error(404);
        String id = server.connectChannel("widget-gone").get("id").asText();
        server.http().operator("/channels.disconnect", Map.of("channel_id", id));
        server.http().post("/chatplugin.config", null, Map.of("channel_id", id)).error(404);
    }

    @Test
    void outside_business_hours_config_says_offline_and_when_it_opens() {
        String id = server.connectChannel("widget-hours").get("id").asText();
        LocalDate inTwoDays = LocalDate.now(ZoneOffset.UTC).plusDays(2);
        String day = inTwoDays.getDayOfWeek().name().substring(0, 3).toLowerCase(java.util.Locale.ROOT);
        update(
                        id,
                        Map.of(
                                "business_hours",
                                Map.of("time_zone", "UTC", "days", Map.of(day, List.of(List.of("10:00", "11:00"))))))
                .ok();
        JsonNode body = config(id);
        assertFalse(body.get("online").asBoolean());
        assertEquals(inTwoDays + "T10:00:00.000Z", body.get("next_open_at").asText());

        update(id, Map.of("business_hours", Map.of("days", Map.of()))).ok();
        JsonNode closedForever = config(id);
        assertFalse(closedForever.has("next_open_at"), "every day missing: closed, no opening to announce");
        assertEquals(
                "UTC", closedForever.at("/widget/business_hours/time_zone").asText(), "time_zone kept by the merge");

        server.http()
                .operator("/channels.update", "{\"channel_id\":\"" + id + "\",\"widget\":{\"business_hours\":null}}")
                .ok();
        assertTrue(config(id).at("/widget/business_hours").isNull(), "null removes the hours");
    }
}
