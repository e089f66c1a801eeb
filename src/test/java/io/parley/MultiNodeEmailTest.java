package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;

import io.parley.email.OutgoingEmail;
import io.parley.support.MailServer;
import io.parley.support.TestServer;
import io.parley.support.Wait;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.sqlobject.SqlObjectPlugin;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** Two nodes on one PostgreSQL database share the email outbox: every email goes out exactly once. */
@Tag("postgresql")
@Timeout(value = 180, unit = TimeUnit.SECONDS)
class MultiNodeEmailTest {

    @Test
    void two_nodes_send_each_queued_email_once() {
        try (MailServer mail = MailServer.start();
                TestServer a = TestServer.startOnPostgres(
                        c -> TestConfig.withEmail(c, mail.settings("https://chat.example.test")));
                TestServer b = a.secondNode()) {
            Jdbi jdbi = Jdbi.create(a.dbUrl()).installPlugin(new SqlObjectPlugin());
            int count = 40;
            for (int i = 0; i < count; i++) {
                TestServer node = i % 2 == 0 ? a : b; // both nodes' senders are woken
                String to = "visitor" + i + "@visitor.test";
                jdbi.useTransaction(tx -> node.parley()
                        .services()
                        .emailOutbox()
                        .enqueue(
                                tx,
                                new OutgoingEmail(
                                        "transcript",
                                        to,
                                        "once",
                                        "text",
                                        "<p>html</p>",
                                        Map.of(),
                                        null,
                                        UUID.randomUUID())));
            }
            Wait.until("every email arrived", () -> mail.messages().size() >= count);
            Wait.until(
                    "the outbox is empty",
                    () -> jdbi.withHandle(h -> h.createQuery("SELECT COUNT(*) FROM email_outbox")
                                    .mapTo(Integer.class)
                                    .one())
                            == 0);
            List<String> receivers =
                    mail.messages().stream().map(m -> m.getEnvelopeReceiver()).toList();
            Set<String> distinct = new HashSet<>(receivers);
            assertEquals(count, receivers.size(), "no email sent twice: " + receivers);
            assertEquals(count, distinct.size());
        }
    }
}
