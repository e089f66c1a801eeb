package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.net.URI;
import java.net.http.HttpRequest;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Text fields take Unicode text only: control characters and lone surrogates are refused, never stored. */
class TextHygieneTest {
    @Test
    void control_characters_and_lone_surrogates_in_text_are_refused_and_nothing_is_stored() {
        try (TestServer server = TestServer.start()) {
            Visitor visitor = server.newVisitor(
                    server.connectChannel("text-site").get("id").asText());
            for (String body : new String[] {
                "{\"message\":{\"text\":\"bell\\u0007\"}}",
                "{\"message\":{\"text\":\"nul\\u0000byte\"}}",
                "{\"message\":{\"text\":\"half \\ud800 pair\"}}"
            }) {
                assertTrue(server.http()
                        .post("/chatplugin.send", visitor.token(), body)
                        .error(400)
                        .contains("message.text"));
            }
            var ok = server.http()
                    .post("/chatplugin.send", visitor.token(), "{\"message\":{\"text\":\"tab\\tnew\\nline 😀\"}}")
                    .ok();
            assertEquals("tab\tnew\nline 😀", ok.json().get("content").asText());
            byte[] invalidUtf8 = {'{', '"', 'm', '"', ':', '"', (byte) 0xC3, (byte) 0x28, '"', '}'};
            var request = HttpRequest.newBuilder(URI.create(server.baseUrl() + "/chatplugin.send"))
                    .header("Authorization", "Bearer " + visitor.token())
                    .POST(HttpRequest.BodyPublishers.ofByteArray(invalidUtf8))
                    .build();
            server.http().execute(request).error(400);
            String resume = server.http()
                    .post("/chatplugin.resumeToken", visitor.token(), Map.of())
                    .json()
                    .get("resume_token")
                    .asText();
            assertEquals(
                    1,
                    server.http()
                            .post("/chatplugin.authenticate", null, Map.of("resume_token", resume))
                            .json()
                            .get("messages")
                            .size());
        }
    }
}
