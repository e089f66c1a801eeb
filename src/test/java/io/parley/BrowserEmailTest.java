package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.email.EmailSettings;
import io.parley.support.Browser;
import io.parley.support.MailServer;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import io.parley.support.Wait;
import jakarta.mail.Multipart;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A follow-up email's link, opened in headless Chromium: the conversation shows and the reply reaches the operator. */
@Tag("browser")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class BrowserEmailTest {

    @Test
    void the_continue_link_opens_the_conversation_where_the_visitor_answers() throws Exception {
        try (MailServer mail = MailServer.start();
                TestServer server = TestServer.start(c -> {
                    EmailSettings s = mail.settings("https://chat.example.test");
                    return TestConfig.withEmail(
                            c,
                            new EmailSettings(
                                    s.smtp(),
                                    s.from(),
                                    s.publicUrl(),
                                    s.trustedCertificates(),
                                    s.timeout(),
                                    s.backoffBase(),
                                    s.backoffCap(),
                                    s.maxAttempts(),
                                    s.pollInterval(),
                                    s.startDelay(),
                                    Duration.ZERO));
                })) {
            String channelId = server.connectChannel("email-browser").get("id").asText();
            Visitor visitor = server.newVisitor(channelId);
            server.http()
                    .post("/chatplugin.updateContact", visitor.token(), Map.of("email", "left@visitor.test"))
                    .ok();
            String conversationId = server.visitorSends(visitor, "Is anyone there?")
                    .get("conversation_id")
                    .asText();
            server.http()
                    .operator(
                            "/messages.send",
                            Map.of(
                                    "conversation_id",
                                    conversationId,
                                    "message",
                                    Map.of("text", "Yes! Sorry for the wait.")))
                    .ok();
            String text = ((Multipart) mail.waitForMessages(1).get(0).getContent())
                    .getBodyPart(0)
                    .getContent()
                    .toString();
            Matcher link =
                    Pattern.compile("https://chat\\.example\\.test(/c/\\S+)").matcher(text);
            assertTrue(link.find(), text);

            JsonNode findings;
            try (Browser browser = Browser.start(
                    "browser-email.mjs",
                    Map.of("PARLEY_URL", server.baseUrl(), "PARLEY_API_TOKEN", server.apiToken()))) {
                findings = browser.run(
                        "continue_link",
                        Map.of(
                                "url", server.baseUrl() + link.group(1),
                                "operatorText", "Yes! Sorry for the wait.",
                                "replyText", "Great, here is my question"),
                        (step, event) -> {
                            throw new AssertionError("unexpected step " + step);
                        });
            }
            assertEquals(conversationId, findings.get("conversationId").asText(), findings.toString());
            Wait.until(
                    "the operator sees the reply",
                    () -> server.http()
                            .operator("/messages.list", Map.of("conversation_id", conversationId))
                            .ok()
                            .json()
                            .get("data")
                            .toString()
                            .contains("Great, here is my question"));
        }
    }
}
