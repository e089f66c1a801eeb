package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.media.MediaSettings;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import io.parley.support.Wait;
import io.parley.webhook.WebhookSettings;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class RestartTest {

    @Test
    void a_restart_on_the_same_data_keeps_channels_messages_and_tokens() throws Exception {
        try (TestServer server = TestServer.start()) {
            String apiToken = server.apiToken();
            String channelId = server.connectChannel("restart-site").get("id").asText();
            Visitor visitor = server.newVisitor(channelId);
            server.http()
                    .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "before restart")))
                    .ok();
            String resume = server.http()
                    .post("/chatplugin.resumeToken", visitor.token(), Map.of())
                    .ok()
                    .json()
                    .get("resume_token")
                    .asText();

            server.restart();

            assertEquals(apiToken, server.apiToken(), "the generated API token is kept in the data folder");
            assertEquals(
                    channelId,
                    server.http()
                            .operator("/channels.info", Map.of("channel_id", channelId))
                            .ok()
                            .json()
                            .get("id")
                            .asText());
            // the visitor token issued before the restart still works
            server.http()
                    .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "after restart")))
                    .ok();
            JsonNode resumed = server.http()
                    .post("/chatplugin.authenticate", null, Map.of("resume_token", resume))
                    .ok()
                    .json();
            assertEquals(
                    List.of("before restart", "after restart"),
                    resumed.get("messages").findValuesAsText("content"));
        }
    }

    @Test
    void generated_secrets_are_readable_by_the_owner_only() throws Exception {
        try (TestServer server = TestServer.start()) {
            for (String name : List.of("api-token", "jwt-secret")) {
                var permissions = Files.getPosixFilePermissions(server.dataDir().resolve(name));
                assertEquals(PosixFilePermissions.fromString("rw-------"), permissions, name);
            }
        }
    }

    @Test
    void a_request_in_flight_when_the_server_stops_still_completes_and_is_kept() throws Exception {
        try (TestServer server = TestServer.start()) {
            String channelId = server.connectChannel("draining-site").get("id").asText();
            Visitor visitor = server.newVisitor(channelId);
            String conversationId = server.http()
                    .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "first")))
                    .ok()
                    .json()
                    .get("conversation_id")
                    .asText();
            String resume = server.http()
                    .post("/chatplugin.resumeToken", visitor.token(), Map.of())
                    .ok()
                    .json()
                    .get("resume_token")
                    .asText();
            var inFlight = new java.util.concurrent.CompletableFuture<io.parley.support.Http.Response>();
            try (var admin = java.sql.DriverManager.getConnection(server.dbUrl())) {
                // hold the conversation's row lock so the next send is still running when stop() begins
                admin.setAutoCommit(false);
                try (var lock = admin.prepareStatement("SELECT * FROM conversations WHERE id = ? FOR UPDATE")) {
                    lock.setObject(1, java.util.UUID.fromString(conversationId));
                    lock.executeQuery().close();
                }
                new Thread(() -> inFlight.complete(server.http()
                                .post(
                                        "/chatplugin.send",
                                        visitor.token(),
                                        Map.of("message", Map.of("text", "in flight")))))
                        .start();
                awaitRequestInFlight(admin);
                int port = server.port();
                Thread stopper = new Thread(server::stopOnly);
                stopper.start();
                awaitNotAccepting(port); // stop() has begun while the send still waits for the lock
                admin.rollback();
                stopper.join(20_000);
            }
            assertEquals(200, inFlight.get(20, TimeUnit.SECONDS).status(), "the in-flight send was allowed to finish");
            server.startAgain(0);
            JsonNode resumed = server.http()
                    .post("/chatplugin.authenticate", null, Map.of("resume_token", resume))
                    .ok()
                    .json();
            assertEquals(List.of("first", "in flight"), resumed.get("messages").findValuesAsText("content"));
        }
    }

    static void awaitNotAccepting(int port) {
        Wait.until("the server stops accepting connections", () -> {
            try (var probe = new java.net.Socket("localhost", port)) {
                return false;
            } catch (java.io.IOException refused) {
                return true;
            }
        });
    }

    /** The send is inside the server once a database session waits for the lock {@code admin} holds. */
    static void awaitRequestInFlight(java.sql.Connection admin) throws java.sql.SQLException {
        String sessionsWaitingForALock =
                admin.getMetaData().getDatabaseProductName().equals("PostgreSQL")
                        ? "SELECT COUNT(*) FROM pg_stat_activity WHERE cardinality(pg_blocking_pids(pid)) > 0"
                        : "SELECT COUNT(*) FROM INFORMATION_SCHEMA.SESSIONS WHERE BLOCKER_ID IS NOT NULL";
        Wait.until("the send waits for the conversation's lock", () -> {
            try (var blocked = admin.prepareStatement(sessionsWaitingForALock);
                    var rows = blocked.executeQuery()) {
                return rows.next() && rows.getInt(1) > 0;
            } catch (java.sql.SQLException e) {
                throw new AssertionError(e);
            }
        });
    }

    @Test
    void stopping_the_server_tells_open_sockets_why() {
        try (TestServer server = TestServer.start()) {
            String channelId = server.connectChannel("stopping-site").get("id").asText();
            Visitor visitor = server.newVisitor(channelId);
            StompClient client = StompClient.connect(server.wsUrl("/ws.chatplugin"), visitor.token());
            server.stopOnly();
            var error = client.next();
            assertEquals("ERROR", error.command());
            assertTrue(error.header("message").contains("shutting down"));
            assertTrue(client.awaitClose(5_000));
            server.startAgain(0);
        }
    }

    @Test
    @Tag("h2-only") // an H2 file URL made to fail; PostgreSQL's start-up errors are the driver's own
    void a_database_that_cannot_be_opened_stops_the_start_with_its_error_and_frees_the_port(@TempDir Path dir)
            throws Exception {
        Path notAFolder = Files.writeString(dir.resolve("not-a-folder"), "a file where the database folder should be");
        int port;
        try (ServerSocket probe = new ServerSocket(0)) {
            port = probe.getLocalPort();
        }
        Config config = new Config(
                port,
                dir,
                "jdbc:h2:file:" + notAFolder.resolve("parley"),
                "api-token",
                "jwt-secret-of-some-length-0123456789",
                null,
                65_536,
                TestConfig.GENEROUS_LIMITS,
                WebhookSettings.DEFAULTS,
                MediaSettings.defaults(dir),
                io.parley.email.EmailSettings.OFF,
                io.parley.privacy.RetentionSettings.FOREVER);

        var failure = assertThrows(StartFailure.class, () -> Parley.start(config));
        assertTrue(
                failure.getMessage().startsWith("cannot open the database of PARLEY_DB_URL: ")
                        && failure.getMessage().contains("not-a-folder"),
                "one line saying which database and why: " + failure);
        try (ServerSocket again = new ServerSocket(port)) { // Javalin, started alongside the migration, was stopped
            assertEquals(port, again.getLocalPort());
        }
    }
}
