package io.parley.bench;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.TestConfig;
import io.parley.support.TestServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** The load generator in miniature, in-process: every count must add up. Timings are never asserted. */
@Timeout(180) // a guard against hanging, not a timing: the suite may share the machine
class LoadGeneratorSmokeTest {
    private static TestServer server;
    private static Clients clients;
    private static ParleyTarget parley;

    @BeforeAll
    static void start() throws Exception {
        server = TestServer.start(c -> TestConfig.withLimits(c, TestConfig.GENEROUS_LIMITS));
        clients = new Clients();
        parley = new ParleyTarget(server.baseUrl(), server.apiToken(), clients);
    }

    @AfterAll
    static void stop() {
        clients.close();
    }

    @Test
    void idle_sockets_are_all_held() throws Exception {
        IdleSockets idle = new IdleSockets();
        IdleSockets.Result result = idle.run(parley, 30, 10, null);
        assertEquals(30, result.held(), () -> "first error: " + result.firstError());
        assertEquals(0, result.failed());
        idle.trimTo(0);
    }

    @Test
    void chat_load_loses_and_duplicates_nothing() throws Exception {
        ChatLoad.Result result = ChatLoad.run(parley, 5, 50, 2, 4);
        assertEquals(0, result.failed(), () -> "first error: " + result.firstError());
        assertEquals(result.issued(), result.ok());
        assertEquals(0, result.lost(), "lost");
        assertEquals(0, result.duplicated(), "duplicated");
        assertTrue(result.operatorSocket());
    }

    @Test
    void fan_out_reaches_every_tab_exactly_once() throws Exception {
        Fanout.Result result = Fanout.run(parley, 8, 5);
        assertEquals(5, result.complete());
        assertEquals(0, result.lost());
        assertEquals(0, result.duplicated());
    }

    @Test
    void the_throughput_run_counts_what_the_server_counts() throws Exception {
        Throughput.Result result = Throughput.run(clients, server.baseUrl(), server.apiToken(), 4, 1);
        assertEquals(0, result.failed(), () -> "first error: " + result.firstError());
        assertTrue(result.ok() > 0, "nothing was sent");
        assertTrue(result.messagesPerCommit() >= 1, "messages per commit: " + result.messagesPerCommit());
        assertTrue(result.dbMicrosPerMessage() > 0, "database time per message: " + result.dbMicrosPerMessage());
        assertTrue(
                result.dbCpuMicrosPerMessage() > 0
                        && result.dbCpuMicrosPerMessage() <= result.dbMicrosPerMessage() * 1.5,
                "database CPU per message: " + result.dbCpuMicrosPerMessage());
    }
}
