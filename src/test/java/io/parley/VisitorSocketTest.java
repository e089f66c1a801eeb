package io.parley;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.parley.stomp.Frame;
import io.parley.support.StompClient;
import io.parley.support.TestServer;
import io.parley.support.TestServer.Visitor;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.extension.RegisterExtension;

@Timeout(value = 60, unit = TimeUnit.SECONDS)
class VisitorSocketTest {
    static final ObjectMapper JSON = new ObjectMapper();

    @RegisterExtension
    static final TestServer server = TestServer.perClass();

    static String channelId;

    @BeforeAll
    static void start() {
        channelId = server.connectChannel("socket-site").get("id").asText();
    }

    static String url() {
        return server.wsUrl("/ws.chatplugin");
    }

    static JsonNode body(Frame frame) throws Exception {
        return JSON.readTree(frame.bodyText());
    }

    @Test
    void connect_negotiates_version_and_honours_the_clients_heart_beats() {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient client = StompClient.open(url())) {
            client.send("CONNECT\naccept-version:1.0,1.1,1.2\nheart-beat:4000,4000\nAuthorization:Bearer "
                    + visitor.token() + "\n\n\0");
            Frame connected = client.next();
            assertEquals("CONNECTED", connected.command());
            assertEquals("1.2", connected.header("version"));
            assertEquals("4000,4000", connected.header("heart-beat"));
        }
    }

    @Test
    void a_bare_token_without_bearer_is_accepted_and_1_0_is_spoken_when_asked() {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient client = StompClient.open(url())) {
            client.send("STOMP\naccept-version:1.0\nAuthorization:" + visitor.token() + "\n\n\0");
            Frame connected = client.next();
            assertEquals("CONNECTED", connected.command());
            assertEquals("1.0", connected.header("version"));
        }
    }

    @Test
    void a_bad_token_gets_an_error_mentioning_401_and_the_socket_closes() {
        try (StompClient client = StompClient.open(url())) {
            client.send("CONNECT\naccept-version:1.2\nAuthorization:Bearer nonsense\n\n\0");
            Frame error = client.next();
            assertEquals("ERROR", error.command());
            assertTrue(error.header("message").contains("401"), error.header("message"));
            assertTrue(client.awaitClose(5_000));
        }
    }

    @Test
    void the_api_token_does_not_open_a_visitor_socket() {
        try (StompClient client = StompClient.open(url())) {
            client.send("CONNECT\naccept-version:1.2\nAuthorization:Bearer " + server.apiToken() + "\n\n\0");
            assertTrue(client.next().header("message").contains("401"));
        }
    }

    @Test
    void any_frame_before_connect_is_an_error_and_closes() {
        try (StompClient client = StompClient.open(url())) {
            client.send("SUBSCRIBE\nid:0\ndestination:/queue/message\n\n\0");
            assertEquals("ERROR", client.next().command());
            assertTrue(client.awaitClose(5_000));
        }
    }

    @Test
    void a_message_sent_over_http_reaches_every_open_tab_of_that_visitor_only() throws Exception {
        Visitor alice = server.newVisitor(channelId);
        Visitor bob = server.newVisitor(channelId);
        try (StompClient tab1 = StompClient.connect(url(), alice.token()).subscribe("a", "/queue/message");
                StompClient tab2 = StompClient.connect(url(), alice.token()).subscribe("b", "/user/queue/message");
                StompClient other = StompClient.connect(url(), bob.token()).subscribe("c", "/queue/message")) {
            JsonNode sent = server.visitorSends(alice, "hello from alice");
            for (StompClient tab : new StompClient[] {tab1, tab2}) {
                Frame message = tab.next();
                assertEquals("MESSAGE", message.command());
                assertEquals("application/json", message.header("content-type"));
                assertEquals(String.valueOf(message.body().length), message.header("content-length"));
                JsonNode payload = body(message).get("message");
                assertEquals(sent.get("id"), payload.get("id"));
                assertEquals("hello from alice", payload.get("content").asText());
                assertEquals("RIGHT", payload.get("alignment").asText());
            }
            assertNull(tab1.poll(0), "one message, one frame");
            assertNull(other.poll(500), "bob must not receive alice's message");
            server.visitorSends(bob, "bob here");
            assertEquals(
                    "bob here", body(other.next()).get("message").get("content").asText());
            assertNull(tab1.poll(300), "alice must not receive bob's message");
        }
    }

    @Test
    void message_frames_carry_subscription_message_id_and_destination() {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient client =
                StompClient.connect(url(), visitor.token()).subscribe("sub-7", "/user/queue/message")) {
            server.visitorSends(visitor, "héllo ✓");
            Frame message = client.next();
            assertEquals("sub-7", message.header("subscription"));
            assertEquals("/user/queue/message", message.header("destination"));
            assertTrue(message.header("message-id") != null
                    && !message.header("message-id").isBlank());
            assertEquals(
                    String.valueOf(message.bodyText().getBytes(StandardCharsets.UTF_8).length),
                    message.header("content-length"));
        }
    }

    @Test
    void unsubscribe_stops_delivery() {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient client = StompClient.connect(url(), visitor.token()).subscribe("s", "/queue/message")) {
            client.send("UNSUBSCRIBE\nid:s\nreceipt:u\n\n\0");
            assertEquals("RECEIPT", client.next().command());
            server.visitorSends(visitor, "nobody listens");
            assertNull(client.poll(500));
        }
    }

    @Test
    void disconnect_with_receipt_gets_the_receipt_then_closes() {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient client = StompClient.connect(url(), visitor.token())) {
            client.send("DISCONNECT\nreceipt:bye-1\n\n\0");
            Frame receipt = client.next();
            assertEquals("RECEIPT", receipt.command());
            assertEquals("bye-1", receipt.header("receipt-id"));
            assertTrue(client.awaitClose(5_000));
        }
    }

    @Test
    void send_frames_get_an_error_but_the_connection_stays_open() {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient client = StompClient.connect(url(), visitor.token()).subscribe("s", "/queue/message")) {
            client.send("SEND\ndestination:/queue/message\n\nhi\0");
            assertEquals("ERROR", client.next().command());
            server.visitorSends(visitor, "still here");
            assertEquals("MESSAGE", client.next().command());
        }
    }

    @Test
    void subscribing_to_an_unknown_destination_is_an_error() {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient client = StompClient.connect(url(), visitor.token())) {
            client.send("SUBSCRIBE\nid:x\ndestination:/topic/everything\n\n\0");
            assertTrue(client.next().header("message").contains("destination"));
        }
    }

    @Test
    void a_malformed_frame_is_answered_with_error_and_close() {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient client = StompClient.connect(url(), visitor.token())) {
            client.send("HELLO\n\n\0");
            assertEquals("ERROR", client.next().command());
            assertTrue(client.awaitClose(5_000));
        }
        try (StompClient client = StompClient.connect(url(), visitor.token())) {
            client.send("SUBSCRIBE\nid:1\ndestination:/queue/message\ncontent-length:abc\n\n\0");
            assertEquals("ERROR", client.next().command());
            assertTrue(client.awaitClose(5_000));
        }
        try (StompClient client = StompClient.connect(url(), visitor.token())) {
            client.send("SUBSCRIBE\n\n\0");
            assertTrue(client.next().header("message").contains("id"));
            assertTrue(client.awaitClose(5_000));
        }
    }

    @Test
    void crlf_line_ends_and_frames_split_across_websocket_messages_are_understood() {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient client = StompClient.open(url())) {
            String connect = "CONNECT\r\naccept-version:1.2\r\nAuthorization:Bearer " + visitor.token() + "\r\n\r\n\0";
            client.send(connect.substring(0, 7));
            client.send(connect.substring(7, 40));
            client.send(connect.substring(40));
            assertEquals("CONNECTED", client.next().command());
            // two frames in one WebSocket message, with heart-beat EOLs between them
            client.send(
                    "\n\nSUBSCRIBE\r\nid:1\r\ndestination:/queue/message\r\n\r\n\0\nSUBSCRIBE\nid:2\ndestination:/user/queue/message\nreceipt:both\n\n\0");
            assertEquals("both", client.next().header("receipt-id"));
            server.visitorSends(visitor, "twice");
            assertEquals("MESSAGE", client.next().command());
            assertEquals("MESSAGE", client.next().command());
        }
    }

    @Test
    void content_length_bodies_may_hold_nul_bytes_and_escaped_headers_are_decoded() {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient client = StompClient.connect(url(), visitor.token())) {
            // a SEND with a NUL inside its content-length body is one frame: one ERROR, connection still open
            client.sendBinary(
                    "SEND\ndestination:/queue/message\ncontent-length:5\n\na\0b\0c\0".getBytes(StandardCharsets.UTF_8));
            assertEquals("ERROR", client.next().command());
            client.send("SUBSCRIBE\nid:weird\\cid\ndestination:/queue/message\nreceipt:r\\\\1\n\n\0");
            assertEquals("r\\1", client.next().header("receipt-id"));
            server.visitorSends(visitor, "escaped");
            assertEquals("weird:id", client.next().header("subscription"));
        }
    }

    @Test
    void the_server_sends_heart_beats_at_the_agreed_interval() throws Exception {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient client = StompClient.open(url())) {
            client.send("CONNECT\naccept-version:1.2\nheart-beat:0,1000\nAuthorization:Bearer " + visitor.token()
                    + "\n\n\0");
            assertTrue(client.nextRaw(5_000).startsWith("CONNECTED"));
            assertEquals("\n", client.nextRaw(3_000));
            assertEquals("\n", client.nextRaw(3_000));
        }
    }

    @Test
    void a_silent_client_is_closed_after_well_over_its_heart_beat_interval() {
        Visitor visitor = server.newVisitor(channelId);
        try (StompClient client = StompClient.open(url())) {
            client.send("CONNECT\naccept-version:1.2\nheart-beat:1000,0\nAuthorization:Bearer " + visitor.token()
                    + "\n\n\0");
            assertEquals("CONNECTED", client.next().command());
            assertTrue(client.awaitClose(10_000), "a client that promised beats every second and went silent");
        }
    }

    @Test
    void disconnecting_the_channel_closes_its_visitors_sockets_with_an_error() {
        String site = server.connectChannel("closing-socket-site").get("id").asText();
        Visitor visitor = server.newVisitor(site);
        try (StompClient client = StompClient.connect(url(), visitor.token()).subscribe("s", "/queue/message")) {
            server.http().operator("/channels.disconnect", Map.of("channel_id", site));
            Frame error = client.next();
            assertEquals("ERROR", error.command());
            assertTrue(error.header("message").contains("disconnected"));
            assertTrue(client.awaitClose(5_000));
        }
    }
}
