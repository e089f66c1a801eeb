package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.email.EmailSettings;
import io.parley.email.OutgoingEmail;
import io.parley.support.MailServer;
import io.parley.support.TestServer;
import io.parley.support.Wait;
import jakarta.mail.Multipart;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.UnaryOperator;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The email outbox against a real SMTP server that requires STARTTLS and a login. */
@Timeout(120)
class EmailDeliveryTest {

    private static UnaryOperator<Config> mailingTo(MailServer mail) {
        return c -> TestConfig.withEmail(c, mail.settings("https://chat.example.test"));
    }

    private static OutgoingEmail email(String to, String subject) {
        return new OutgoingEmail(
                "transcript",
                to,
                subject,
                "Hello in plain text",
                "<p>Hello in <b>HTML</b></p>",
                Map.of("List-Unsubscribe", "<https://chat.example.test/u/x>"),
                null,
                UUID.randomUUID());
    }

    /** Queues as a cause would: in a transaction of the server's database, through its outbox. */
    private static void queue(TestServer server, OutgoingEmail email) {
        Jdbi.create(server.dbUrl())
                .installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin())
                .useTransaction(tx -> server.parley().services().emailOutbox().enqueue(tx, email));
    }

    private static long metric(TestServer server, String name) {
        String body =
                server.http().send("/metrics", server.apiToken(), null, "GET").body();
        return body.lines()
                .filter(line -> line.startsWith(name + " "))
                .mapToLong(
                        line -> Long.parseLong(line.substring(name.length() + 1).strip()))
                .findFirst()
                .orElseThrow(() -> new AssertionError(name + " missing from /metrics"));
    }

    @Test
    void a_queued_email_arrives_over_starttls_with_login_with_both_parts_and_headers() throws Exception {
        try (MailServer mail = MailServer.start();
                TestServer server = TestServer.start(mailingTo(mail))) {
            queue(server, email("ada@visitor.test", "Your conversation — Acme"));

            MimeMessage received = mail.waitForMessages(1).get(0);
            assertEquals("ada@visitor.test", mail.messages().get(0).getEnvelopeReceiver());
            assertEquals("support@parley.test", mail.messages().get(0).getEnvelopeSender());
            assertEquals("Your conversation — Acme", received.getSubject());
            assertEquals("<https://chat.example.test/u/x>", received.getHeader("List-Unsubscribe", null));
            Multipart parts = (Multipart) received.getContent();
            assertEquals(2, parts.getCount());
            assertTrue(parts.getBodyPart(0).isMimeType("text/plain"));
            assertEquals(
                    "Hello in plain text",
                    parts.getBodyPart(0).getContent().toString().strip());
            assertTrue(parts.getBodyPart(1).isMimeType("text/html"));
            Wait.until("the sent email left the outbox", () -> metric(server, "parley_email_pending") == 0);
        }
    }

    @Test
    void an_email_whose_transaction_rolls_back_is_never_sent() {
        try (MailServer mail = MailServer.start();
                TestServer server = TestServer.start(mailingTo(mail))) {
            Jdbi jdbi = Jdbi.create(server.dbUrl()).installPlugin(new org.jdbi.v3.sqlobject.SqlObjectPlugin());
            assertThrows(
                    IllegalStateException.class,
                    () -> jdbi.useTransaction(tx -> {
                        server.parley().services().emailOutbox().enqueue(tx, email("lost@visitor.test", "rolled back"));
                        throw new IllegalStateException("the cause failed");
                    }));
            queue(server, email("kept@visitor.test", "committed"));

            mail.waitForMessages(1);
            Wait.until("the outbox is empty", () -> metric(server, "parley_email_pending") == 0);
            assertEquals(
                    List.of("kept@visitor.test"),
                    mail.messages().stream().map(m -> m.getEnvelopeReceiver()).toList());
        }
    }

    @Test
    void emails_wait_while_the_smtp_server_is_down_and_go_out_once_it_is_up() {
        try (MailServer mail = MailServer.notStarted();
                TestServer server = TestServer.start(mailingTo(mail))) {
            queue(server, email("patient@visitor.test", "after the outage"));
            Wait.until("a failed attempt was recorded", () -> failedAttempts(server) >= 2);
            assertEquals(1, metric(server, "parley_email_pending"));

            mail.startAgain();
            mail.waitForMessages(1);
            Wait.until("the outbox is empty", () -> metric(server, "parley_email_pending") == 0);
            assertEquals(1, mail.messages().size());
        }
    }

    @Test
    void an_email_is_failed_after_the_capped_attempts_and_counted_in_metrics() {
        try (MailServer mail = MailServer.notStarted();
                TestServer server = TestServer.start(c -> {
                    EmailSettings s = mail.settings("https://chat.example.test");
                    return TestConfig.withEmail(
                            c,
                            s.withTimings(
                                    Duration.ofMillis(10),
                                    Duration.ofMillis(20),
                                    3,
                                    Duration.ofMillis(50),
                                    Duration.ZERO));
                })) {
            queue(server, email("never@visitor.test", "never sent"));
            Wait.until("the email is failed", () -> metric(server, "parley_email_failed") == 1);
            assertEquals(0, metric(server, "parley_email_pending"));
            assertEquals(3, failedAttempts(server));
        }
    }

    @Test
    void a_restart_between_commit_and_send_loses_no_email() {
        try (MailServer mail = MailServer.start();
                TestServer server = TestServer.start(c -> {
                    EmailSettings s = mail.settings("https://chat.example.test");
                    // the sender holds back for an hour: the server stops with the email only committed
                    return TestConfig.withEmail(
                            c,
                            s.withTimings(s.backoffBase(), s.backoffCap(), 10, s.pollInterval(), Duration.ofHours(1)));
                })) {
            queue(server, email("durable@visitor.test", "survives a restart"));
            assertEquals(1, metric(server, "parley_email_pending"));
            assertTrue(mail.messages().isEmpty());

            server.restartWith(mailingTo(mail));
            mail.waitForMessages(1);
            assertEquals("durable@visitor.test", mail.messages().get(0).getEnvelopeReceiver());
        }
    }

    @Test
    void erasing_a_contact_drops_its_queued_emails_before_they_are_sent() {
        try (MailServer mail = MailServer.start();
                TestServer server = TestServer.start(c -> {
                    EmailSettings s = mail.settings("https://chat.example.test");
                    return TestConfig.withEmail(
                            c,
                            s.withTimings(s.backoffBase(), s.backoffCap(), 10, s.pollInterval(), Duration.ofHours(1)));
                })) {
            OutgoingEmail email = email("erase.me@visitor.test", "never leaves");
            queue(server, email);
            assertEquals(1, metric(server, "parley_email_pending"));
            var erased = server.http()
                    .operator(
                            "/contacts.delete",
                            Map.of("contact_id", email.contactId().toString()));
            assertEquals(202, erased.status(), erased.body());
            assertEquals(0, metric(server, "parley_email_pending"));
            assertEquals(List.of(), ErasureTest.tablesMentioning(server, "erase.me@visitor.test"));
        }
    }

    @Test
    void without_smtp_settings_nothing_is_queued() {
        try (TestServer server = TestServer.start()) {
            queue(server, email("nobody@visitor.test", "email is off"));
            assertEquals(0, metric(server, "parley_email_pending"));
            assertFalse(server.parley().services().emailOutbox().enabled());
        }
    }

    private static int failedAttempts(TestServer server) {
        return Jdbi.create(server.dbUrl())
                .withHandle(h -> h.createQuery("SELECT COALESCE(MAX(attempts), 0) FROM email_outbox")
                        .mapTo(Integer.class)
                        .one());
    }
}
