package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.support.Http;
import io.parley.support.TestServer;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** HEAD for monitors, 405 for a method a route does not take, and one answer for a body cut short. */
class HttpMethodsTest {
    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    @Test
    void head_of_a_get_route_is_that_route_without_a_body() {
        for (String path : List.of("/health", "/", "/s.js", "/inbox", "/inbox.js")) {
            Http.Response get = server.http().get(path).ok();
            Http.Response head = server.http().send(path, null, null, "HEAD");
            assertEquals(200, head.status(), "HEAD " + path);
            assertEquals("", head.body(), "HEAD " + path);
            assertEquals(get.header("Content-Type"), head.header("Content-Type"), "HEAD " + path);
        }
    }

    @Test
    void head_of_an_operator_route_still_needs_the_token() {
        assertEquals(401, server.http().send("/metrics", null, null, "HEAD").status());
    }

    @Test
    void get_on_a_post_endpoint_is_405_with_allow_post() {
        Http.Response response = server.http().get("/channels.list");
        assertEquals("method not allowed: /channels.list takes POST", response.error(405));
        assertEquals("POST", response.header("Allow"));
    }

    @Test
    void post_on_a_get_route_is_405_with_allow_get_and_head() {
        Http.Response response = server.http().post("/health", null, "{}");
        assertEquals("method not allowed: /health takes GET or HEAD", response.error(405));
        assertEquals("GET, HEAD", response.header("Allow"));
    }

    @Test
    void a_path_that_does_not_exist_is_still_404() {
        assertEquals("no such endpoint", server.http().get("/no-such-thing").error(404));
        assertEquals(
                "no such endpoint", server.http().post("/no.such", null, "{}").error(404));
    }

    @Test
    void a_body_cut_short_is_not_valid_json_on_every_endpoint() {
        String channelId = server.connectChannel("cut-short").get("id").asText();
        String visitor = server.newVisitor(channelId).token();
        String api = server.apiToken();
        record Call(String path, String token, String body) {}
        List<Call> calls = List.of(
                new Call("/channels.list", api, "{\"page_size\":"),
                new Call("/channels.connect", api, "{\"source\":\"chat_plugin\",\"source_channel_id\":\"x"),
                new Call("/channels.info", api, "{\"channel_id\":"),
                new Call("/channels.update", api, "{\"channel_id\":\"" + channelId + "\",\"name\":\"n"),
                new Call("/channels.disconnect", api, "{\"channel_id\""),
                new Call("/conversations.list", api, "{\"page_size\":1"),
                new Call("/conversations.info", api, "{\"conversation_id\":\"a"),
                new Call("/conversations.read", api, "{"),
                new Call("/messages.list", api, "{\"conversation_id\":"),
                new Call("/messages.send", api, "{\"conversation_id\":\"a\",\"message\":{\"text\":\"hi"),
                new Call("/chatplugin.authenticate", null, "{\"channel_id\":\"" + channelId),
                new Call("/chatplugin.resumeToken", api, "{\"channel_id\":\"" + channelId + "\","),
                new Call("/chatplugin.resumeToken", visitor, "{"),
                new Call("/chatplugin.send", visitor, "{\"message\":{\"text\":\"hi\""),
                new Call("/chatplugin.send", visitor, "{\"message\":{\"text\":\"hi\"}"),
                new Call("/webhooks.subscribe", api, "{\"url\":\"https://example.com/h"),
                new Call("/webhooks.unsubscribe", api, "{\"a\":["),
                new Call("/webhooks.info", api, "[{"));
        for (Call call : calls) {
            assertEquals(
                    "request body is not valid JSON",
                    server.http().post(call.path(), call.token(), call.body()).error(400),
                    call.path() + " " + call.body());
        }
    }
}
