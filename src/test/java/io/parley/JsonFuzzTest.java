package io.parley;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.util.Random;
import org.junit.jupiter.api.Test;

class JsonFuzzTest {
    /**
     * Random JSON-ish bodies at every endpoint: the answer is always a status below 500 with the
     * contract's error shape, never a stack trace. A fixed seed keeps failures reproducible.
     */
    @Test
    void fuzzed_bodies_never_cause_a_500() {
        try (TestServer server = TestServer.start()) {
            String channelId = server.connectChannel("fuzz-site").get("id").asText();
            Visitor visitor = server.newVisitor(channelId);
            String[] endpoints = {
                "/channels.connect",
                "/channels.info",
                "/channels.update",
                "/channels.disconnect",
                "/chatplugin.authenticate",
                "/chatplugin.resumeToken",
                "/chatplugin.send",
                "/conversations.list",
                "/conversations.info",
                "/conversations.read",
                "/messages.list",
                "/messages.send"
            };
            String[] pieces = {
                "{",
                "}",
                "[",
                "]",
                ",",
                ":",
                "\"",
                "null",
                "true",
                "1e999",
                "-0",
                "\"source\"",
                "\"chat_plugin\"",
                "\"channel_id\"",
                "\"" + channelId + "\"",
                "\"message\"",
                "\"text\"",
                "\"resume_token\"",
                "\"allowed_origins\"",
                "\"conversation_id\"",
                "\"filter\"",
                "\"cursor\"",
                "\"page_size\"",
                "\"channel_ids\"",
                "100",
                "\"\\u0000\"",
                "\"\\ud800\"",
                "{\"text\":1}",
                "  ",
                "é"
            };
            Random random = new Random(20261125L);
            for (int i = 0; i < 400; i++) {
                StringBuilder body = new StringBuilder();
                int length = random.nextInt(12);
                for (int j = 0; j < length; j++) {
                    body.append(pieces[random.nextInt(pieces.length)]);
                }
                String endpoint = endpoints[random.nextInt(endpoints.length)];
                String token = endpoint.startsWith("/chatplugin") ? visitor.token() : server.apiToken();
                var response = server.http().post(endpoint, token, body.toString());
                String context = endpoint + " " + body + " -> " + response.status() + " " + response.body();
                assertTrue(response.status() < 500, context);
                assertFalse(response.body().contains("Exception"), context);
                if (response.status() >= 400) {
                    response.error(response.status());
                }
            }
        }
    }
}
