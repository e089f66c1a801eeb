package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.stomp.Frame;
import io.parley.support.StompClient;
import io.parley.support.TwoNodes;
import io.parley.support.Wait;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Signing out on one node ends the session on the other within a second: HTTP and sockets. */
@Tag("postgresql")
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SignOutTwoNodesTest {
    static final String PASSWORD = "two nodes password";

    @RegisterExtension
    static final TwoNodes nodes = new TwoNodes();

    static String createAgent(String email) {
        var body = Map.of("email", email, "name", "Agent", "role", "agent", "password", PASSWORD);
        return nodes.post(0, "/operators.create", TwoNodes.API_TOKEN, body)
                .ok()
                .get("id")
                .asText();
    }

    static String login(int node, String email) {
        return nodes.post(node, "/auth.login", null, Map.of("email", email, "password", PASSWORD))
                .ok()
                .get("token")
                .asText();
    }

    /** Node 1 has checked (and cached) the token and holds a socket opened with it. */
    static StompClient warmOnNodeOne(String token) {
        assertEquals(200, nodes.post(1, "/operators.me", token, Map.of()).status());
        return StompClient.connect(nodes.wsUrl(1, "/ws.communication"), token);
    }

    static void assertSignedOutOnNodeOneWithinASecond(String token, StompClient socket, long sinceNanos) {
        Wait.until(
                "node 1 refuses the token",
                Duration.ofSeconds(1),
                () -> nodes.post(1, "/operators.me", token, Map.of()).status() == 401);
        long leftMs = Math.max(1, 1_000 - (System.nanoTime() - sinceNanos) / 1_000_000);
        Frame error = socket.poll(leftMs);
        assertNotNull(error, "no ERROR within a second");
        assertEquals("ERROR", error.command());
    }

    @Test
    void disabling_on_one_node_signs_the_operator_out_on_the_other_within_a_second() {
        String id = createAgent("disable-two@example.com");
        String token = login(0, "disable-two@example.com");
        try (StompClient socket = warmOnNodeOne(token)) {
            nodes.post(0, "/operators.update", TwoNodes.API_TOKEN, Map.of("operator_id", id, "disabled", true))
                    .ok();
            assertSignedOutOnNodeOneWithinASecond(token, socket, System.nanoTime());
        }
    }

    @Test
    void logout_on_one_node_voids_the_token_on_the_other_within_a_second() {
        createAgent("logout-two@example.com");
        String token = login(0, "logout-two@example.com");
        try (StompClient socket = warmOnNodeOne(token)) {
            assertEquals(202, nodes.post(0, "/auth.logout", token, Map.of()).status());
            assertSignedOutOnNodeOneWithinASecond(token, socket, System.nanoTime());
        }
        assertTrue(nodes.post(1, "/operators.me", token, Map.of()).status() == 401);
    }

    @Test
    void a_person_online_on_one_node_is_announced_online_on_the_other() {
        String id = createAgent("presence-two@example.com");
        String token = login(1, "presence-two@example.com");
        try (StompClient watcher = StompClient.connect(nodes.wsUrl(0, "/ws.communication"), TwoNodes.API_TOKEN)) {
            watcher.subscribe("p", "/queue/operator/presence");
            try (StompClient socket = StompClient.connect(nodes.wsUrl(1, "/ws.communication"), token)) {
                Frame online = TwoNodes.nextMessage(
                        watcher, body -> id.equals(body.path("operator_id").asText()));
                assertTrue(TwoNodes.body(online).get("online").asBoolean());
            }
            Frame offline = TwoNodes.nextMessage(
                    watcher, body -> id.equals(body.path("operator_id").asText()));
            assertEquals(false, TwoNodes.body(offline).get("online").asBoolean());
        }
    }
}
