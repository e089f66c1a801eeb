package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.stomp.Frame;
import io.parley.support.Postgres;
import io.parley.support.StompClient;
import io.parley.support.TwoNodes;
import io.parley.support.Wait;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * The listening connection is cut (pg_terminate_backend) and kept from reconnecting for a while:
 * /health turns 503, sockets that may have missed events are closed with an ERROR once the node
 * listens again, and fan-out works again.
 */
@Tag("postgresql")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class ListenerOutageTest {
    static final int A = 0;
    static final int B = 1;

    @RegisterExtension
    static final TwoNodes nodes = new TwoNodes();

    @Test
    void a_cut_listener_turns_health_503_until_it_reconnects_then_sockets_resync_and_fanout_works() throws Exception {
        String channelId = nodes.connectChannel(A, "outage-site");
        String token = nodes.visitor(A, channelId);
        assertEquals(200, nodes.get(B, "/health").status());
        try (StompClient before = nodes.visitorSocket(B, token)) {
            String database = databaseName(nodes.dbUrl());
            admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS false");
            try {
                admin("SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = '" + database
                        + "' AND application_name = 'parley-fanout'");
                for (int node : new int[] {A, B}) {
                    Wait.until(
                            "/health 503 on node " + node,
                            () -> nodes.get(node, "/health").status() == 503);
                    JsonNode error = nodes.get(node, "/health").json();
                    assertTrue(error.get("message").asText().contains("other nodes"), error.toString());
                }
            } finally {
                admin("ALTER DATABASE " + database + " ALLOW_CONNECTIONS true");
            }
            for (int node : new int[] {A, B}) {
                Wait.until(
                        "/health 200 again on node " + node,
                        Duration.ofSeconds(30),
                        () -> nodes.get(node, "/health").status() == 200);
            }
            Frame error = before.next();
            assertEquals("ERROR", error.command(), "a socket that may have missed events is told to reconnect");
            assertTrue(before.awaitClose(5_000));
        }
        try (StompClient after = nodes.visitorSocket(B, token)) {
            JsonNode sent = nodes.say(A, token, "after the outage");
            assertEquals(
                    sent.get("id"),
                    TwoNodes.body(TwoNodes.nextMessage(after, m -> true))
                            .get("message")
                            .get("id"));
        }
    }

    static String databaseName(String url) {
        String path = url.substring(url.lastIndexOf('/') + 1);
        return path.contains("?") ? path.substring(0, path.indexOf('?')) : path;
    }

    /** A statement on the cluster's maintenance database, as its superuser. */
    static void admin(String sql) throws SQLException {
        try (Connection connection =
                        DriverManager.getConnection(Postgres.shared().url("postgres"));
                Statement statement = connection.createStatement()) {
            statement.execute(sql);
        }
    }
}
