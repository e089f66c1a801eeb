package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.longs;

import io.parley.stomp.Frame;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * Random bytes and half-valid frames over a real socket: whatever arrives, the server answers
 * (RECEIPT, ERROR) or closes cleanly, and keeps serving everyone else.
 */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class StompSocketFuzzTest {
    static final String[] PIECES = {
        "SUBSCRIBE",
        "UNSUBSCRIBE",
        "SEND",
        "ACK",
        "CONNECT",
        "DISCONNECT",
        "subscribe",
        "\n",
        "\r\n",
        ":",
        "\0",
        "\\",
        "\\c",
        "\\t",
        "id",
        "destination",
        "/queue/message",
        "/user/queue/message",
        "receipt",
        "content-length",
        "5",
        "-1",
        "99999999999",
        "é",
        "😀",
        "x".repeat(300)
    };

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String token;

    @BeforeAll
    static void start() {
        token = server.newVisitor(
                        server.connectChannel("fuzz-socket-site").get("id").asText())
                .token();
    }

    @Test
    void every_random_input_gets_an_answer_or_a_clean_close() {
        qt().withFixedSeed(20261125L)
                .withExamples(40)
                .withShrinkCycles(0)
                .forAll(longs().all())
                .checkAssert(StompSocketFuzzTest::answeredOrClosed);
        qt().withExamples(15)
                .withShrinkCycles(0)
                .forAll(longs().all())
                .checkAssert(StompSocketFuzzTest::answeredOrClosed);
        // and the server still works for a well-behaved visitor
        try (StompClient client =
                StompClient.connect(server.wsUrl("/ws.chatplugin"), token).subscribe("ok", "/queue/message")) {
            server.http()
                    .post("/chatplugin.send", token, Map.of("message", Map.of("text", "still fine")))
                    .ok();
            assertEquals("MESSAGE", client.next().command());
        }
    }

    static void answeredOrClosed(long seed) {
        Random random = new Random(seed);
        StringBuilder garbage = new StringBuilder();
        for (int i = random.nextInt(12); i >= 0; i--) {
            garbage.append(PIECES[random.nextInt(PIECES.length)]);
        }
        try (StompClient client = StompClient.connect(server.wsUrl("/ws.chatplugin"), token)) {
            try {
                client.send(garbage.toString());
                client.send("\0\nDISCONNECT\nreceipt:fuzz-end\n\n\0");
            } catch (java.util.concurrent.CompletionException closedByServer) {
                // the server may answer the garbage with ERROR and close before the DISCONNECT
            }
            boolean answered = false;
            for (Frame frame = client.poll(5_000); frame != null; frame = client.poll(2_000)) {
                if (frame.command().equals("RECEIPT") && "fuzz-end".equals(frame.header("receipt-id"))
                        || frame.command().equals("ERROR")) {
                    answered = true;
                    break;
                }
            }
            assertTrue(
                    answered || client.awaitClose(5_000), "seed " + seed + ": no answer and no close for " + garbage);
        }
    }
}
