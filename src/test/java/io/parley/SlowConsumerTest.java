package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.support.RawWebSocket;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;

/** A socket that never reads is cut off once its queue is full, and never holds up anyone else. */
@Timeout(value = 120, unit = TimeUnit.SECONDS)
class SlowConsumerTest {

    @Test
    void a_socket_that_never_reads_is_closed_and_other_visitors_get_every_message() throws Exception {
        try (TestServer server = TestServer.start()) {
            String channelId = server.connectChannel("slow-site").get("id").asText();
            Visitor stuck = server.newVisitor(channelId);
            Visitor healthy = server.newVisitor(channelId);
            var sockets = server.parley().services().visitorSockets();
            try (RawWebSocket neverReads = new RawWebSocket("localhost", server.port(), "/ws.chatplugin", 4096);
                    StompClient reader = StompClient.connect(server.wsUrl("/ws.chatplugin"), healthy.token())
                            .subscribe("s", "/queue/message")) {
                neverReads.sendText("CONNECT\naccept-version:1.2\nAuthorization:Bearer " + stuck.token() + "\n\n\0");
                neverReads.sendText("SUBSCRIBE\nid:0\ndestination:/queue/message\n\n\0");
                assertEquals(2, sockets.openConnections());

                String big = "x".repeat(9_000);
                int sent = 0;
                int healthyReceived = 0;
                // push the stuck visitor's queue over its bound; each round the healthy visitor gets one message too
                while (sockets.openConnections() == 2 && sent < 20_000) {
                    server.visitorSends(stuck, big + sent);
                    sent++;
                    if (sent % 50 == 0) {
                        server.visitorSends(healthy, "ping " + sent);
                        assertEquals("ping " + sent, content(reader));
                        healthyReceived++;
                    }
                }
                assertEquals(
                        1,
                        sockets.openConnections(),
                        "the socket that never reads was dropped after " + sent + " messages");
                assertTrue(sent > 1_024, "it was dropped only after its queue filled, not before");
                server.visitorSends(healthy, "after");
                assertEquals("after", content(reader));
                assertTrue(healthyReceived > 0);
            }
        }
    }

    static String content(StompClient client) throws Exception {
        var frame = client.next();
        assertEquals("MESSAGE", frame.command());
        return new com.fasterxml.jackson.databind.ObjectMapper()
                .readTree(frame.bodyText())
                .get("message")
                .get("content")
                .asText();
    }
}
