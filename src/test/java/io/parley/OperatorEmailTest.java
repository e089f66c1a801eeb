package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.email.OperatorEmails;
import io.parley.support.MailServer;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import io.parley.support.Wait;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * Operator notifications: the server schedules them with each visitor message; the decision is
 * taken here by a second decider, with the server's own directory of operators, whose clock runs
 * 61 s ahead, so nothing waits a minute.
 */
@Timeout(120)
class OperatorEmailTest {
    private static MailServer mail;
    private static TestServer server;
    private static String channelId;
    private static OperatorEmails later;
    private static String agentId;

    @BeforeAll
    static void start() {
        mail = MailServer.start();
        server = TestServer.start(c -> TestConfig.withEmail(c, mail.settings("https://chat.example.test")));
        channelId = server.connectChannel("notices").get("id").asText();
        agentId = server.http()
                .operator(
                        "/operators.create",
                        Map.of(
                                "email", "agent@team.test",
                                "name", "Agent",
                                "role", "agent",
                                "password", "a long enough password"))
                .ok()
                .json()
                .get("id")
                .asText();
        Jdbi jdbi = Jdbi.create(server.dbUrl()).installPlugin(new SqlObjectPlugin());
        Clock ahead = Clock.offset(Clock.systemUTC(), OperatorEmails.DELAY.plusSeconds(1));
        later = new OperatorEmails(
                jdbi,
                server.parley().services().emailOutbox(),
                server.parley().services().operators().notificationRecipients(jdbi),
                ahead,
                OperatorEmails.DELAY);
    }

    @AfterAll
    static void stop() {
        server.close();
        mail.close();
    }

    private static List<MimeMessage> toAgent() {
        return mail.messages().stream()
                .filter(m -> m.getEnvelopeReceiver().equals("agent@team.test"))
                .map(m -> {
                    try {
                        return m.getMimeMessage();
                    } catch (jakarta.mail.MessagingException e) {
                        throw new IllegalStateException(e);
                    }
                })
                .toList();
    }

    @Test
    void a_waiting_visitor_message_is_emailed_to_the_offline_agent_once_per_ten_minutes() throws Exception {
        int before = toAgent().size();
        Visitor visitor = server.newVisitor(channelId);
        String conversationId = server.visitorSends(visitor, "Is the <b>shop</b> open?")
                .get("conversation_id")
                .asText();

        assertTrue(later.sendDue() >= 1);
        Wait.until("the notice arrived", () -> toAgent().size() == before + 1);
        MimeMessage notice = toAgent().get(before);
        assertEquals("Visitor waiting on Test notices", notice.getSubject());
        Multipart parts = (Multipart) notice.getContent();
        String text = parts.getBodyPart(0).getContent().toString();
        String html = parts.getBodyPart(1).getContent().toString();
        assertTrue(text.contains("> Is the <b>shop</b> open?"), text);
        assertTrue(text.contains("https://chat.example.test/inbox#conversation=" + conversationId), text);
        assertTrue(html.contains("Is the &lt;b&gt;shop&lt;/b&gt; open?"), html);

        server.visitorSends(visitor, "Hello??");
        later.sendDue();
        long emailedAt = column(conversationId, "operator_emailed_at_ms");
        assertEquals(
                emailedAt + 600_000, column(conversationId, "operator_email_due_at_ms"), "the next waits 10 minutes");
        assertEquals(before + 1, toAgent().size());
    }

    @Test
    void a_message_an_operator_read_in_time_sends_nothing() {
        Visitor visitor = server.newVisitor(channelId);
        String conversationId = server.visitorSends(visitor, "Quick question")
                .get("conversation_id")
                .asText();
        server.http().operator("/conversations.read", Map.of("conversation_id", conversationId));
        // read "now"; the decider's clock is a minute ahead, but the message is older than the read
        later.sendDue();
        assertEquals(null, column(conversationId, "operator_email_due_at_ms"));
        assertEquals(null, column(conversationId, "operator_emailed_at_ms"));
        assertFalse(pendingFor(conversationId));
    }

    @Test
    void an_agent_who_turned_notifications_off_gets_none() {
        var off = server.http()
                .operator("/operators.update", Map.of("operator_id", agentId, "email_notifications", false))
                .ok()
                .json();
        assertFalse(off.get("email_notifications").asBoolean());
        try {
            Visitor visitor = server.newVisitor(channelId);
            String conversationId = server.visitorSends(visitor, "Anyone?")
                    .get("conversation_id")
                    .asText();
            later.sendDue();
            assertEquals(null, column(conversationId, "operator_email_due_at_ms"));
            assertFalse(pendingFor(conversationId));
        } finally {
            server.http()
                    .operator("/operators.update", Map.of("operator_id", agentId, "email_notifications", true))
                    .ok();
        }
    }

    private static Long column(String conversationId, String column) {
        return Jdbi.create(server.dbUrl())
                .withHandle(h -> h.createQuery("SELECT " + column + " FROM conversations WHERE id = :id")
                        .bind("id", UUID.fromString(conversationId))
                        .mapTo(Long.class)
                        .findOne()
                        .orElse(null));
    }

    private static boolean pendingFor(String conversationId) {
        return Jdbi.create(server.dbUrl())
                .withHandle(h -> h.createQuery("SELECT COUNT(*) FROM email_outbox WHERE conversation_id = :id")
                                .bind("id", UUID.fromString(conversationId))
                                .mapTo(Integer.class)
                                .one()
                        > 0);
    }
}
