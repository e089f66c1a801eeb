package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;

import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A locked or unavailable database gives a clear 503 that saved nothing, and the server recovers. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class DatabaseTroubleTest {

    @Test
    void a_send_blocked_by_a_database_lock_fails_with_503_and_succeeds_once_the_lock_is_gone() throws Exception {
        try (TestServer server = TestServer.start()) {
            Visitor visitor = server.newVisitor(
                    server.connectChannel("locked-site").get("id").asText());
            String conversationId = server.http()
                    .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "first")))
                    .ok()
                    .json()
                    .get("conversation_id")
                    .asText();

            // another session of the same embedded database holds the conversation's row lock
            try (Connection admin = DriverManager.getConnection(server.dbUrl())) {
                admin.setAutoCommit(false);
                try (PreparedStatement lock =
                        admin.prepareStatement("SELECT * FROM conversations WHERE id = ? FOR UPDATE")) {
                    lock.setObject(1, java.util.UUID.fromString(conversationId));
                    lock.executeQuery().close();
                }
                var refused = server.http()
                        .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "while locked")));
                refused.error(503);
                assertNotNull(refused.header("Retry-After"));
                admin.rollback();
            }
            server.http()
                    .post("/chatplugin.send", visitor.token(), Map.of("message", Map.of("text", "after")))
                    .ok();
            String resume = server.http()
                    .post("/chatplugin.resumeToken", visitor.token(), Map.of())
                    .json()
                    .get("resume_token")
                    .asText();
            var history = server.http()
                    .post("/chatplugin.authenticate", null, Map.of("resume_token", resume))
                    .json()
                    .get("messages");
            assertEquals(
                    java.util.List.of("first", "after"), history.findValuesAsText("content"), "nothing half-written");
        }
    }
}
