package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.parley.support.Http;
import io.parley.support.Postgres;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import io.parley.support.Wait;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/**
 * PostgreSQL going away (a restart, a failover) is a 503 with Retry-After, never a 500 or a hang,
 * and Parley serves again by itself once the database is back: no node restart needed.
 */
@Tag("postgresql")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DatabaseOutageTest {

    @Test
    void while_postgresql_is_down_sends_are_503_and_they_succeed_again_once_it_is_back() {
        try (Postgres cluster = Postgres.dedicated();
                TestServer server = TestServer.startOnDatabase(cluster.freshDatabase(), UnaryOperator.identity())) {
            Visitor visitor = server.newVisitor(
                    server.connectChannel("outage-site").get("id").asText());
            send(server, visitor, "before").ok();

            cluster.stopServer();
            Http.Response refused = send(server, visitor, "while down");
            refused.error(503);
            assertNotNull(refused.header("Retry-After"));

            cluster.startServer();
            Wait.until(
                    "a send succeeds again",
                    Duration.ofSeconds(30),
                    () -> send(server, visitor, "after").status() == 200);
            assertEquals(
                    "before",
                    server.http()
                            .post(
                                    "/chatplugin.authenticate",
                                    null,
                                    Map.of("resume_token", resumeToken(server, visitor)))
                            .ok()
                            .json()
                            .get("messages")
                            .get(0)
                            .get("content")
                            .asText(),
                    "what was committed before the outage is still there");
        }
    }

    private static Http.Response send(TestServer server, Visitor visitor, String text) {
        return server.http().post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", text)));
    }

    private static String resumeToken(TestServer server, Visitor visitor) {
        return server.http()
                .post("/chatplugin.resumeToken", visitor.token(), Map.of())
                .ok()
                .json()
                .get("resume_token")
                .asText();
    }
}
