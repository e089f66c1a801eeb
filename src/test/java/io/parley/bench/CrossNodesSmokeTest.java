package io.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.TwoNodes;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Scenario 6 in miniature on two in-process nodes: sends on A, sockets on B, every count adds up. */
@Tag("postgresql")
@Timeout(180) // a guard against hanging, not a timing: the suite may share the machine
class CrossNodesSmokeTest {
    @RegisterExtension
    static final TwoNodes nodes = new TwoNodes();

    private static Clients clients;

    @BeforeAll
    static void start() {
        clients = new Clients();
    }

    @AfterAll
    static void stop() {
        clients.close();
    }

    @Test
    void chat_load_across_nodes_loses_and_duplicates_nothing() throws Exception {
        var twoNodes = new TwoNodeTarget(
                new ParleyTarget(nodes.baseUrl(0), TwoNodes.API_TOKEN, clients),
                new ParleyTarget(nodes.baseUrl(1), TwoNodes.API_TOKEN, clients));
        ChatLoad.Result result = ChatLoad.run(twoNodes, 5, 50, 2, 4);
        assertEquals(0, result.failed(), () -> "first error: " + result.firstError());
        assertEquals(result.issued(), result.ok());
        assertEquals(0, result.lost(), "lost");
        assertEquals(0, result.duplicated(), "duplicated");
        assertTrue(result.operatorSocket());
        assertTrue(result.toAck().count() > 0);
    }
}
