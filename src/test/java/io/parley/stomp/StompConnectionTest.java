package io.parley.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.parley.errors.BadRequest;
import io.parley.errors.Forbidden;
import io.parley.errors.Unauthorized;
import io.parley.fanout.LocalFanout;
import io.parley.fanout.Topic;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The connection's dispatch, against a recording transport and the in-process fan-out. */
class StompConnectionTest {
    private static final Topic TOPIC = new Topic("conversation:test");

    private final LocalFanout fanout = new LocalFanout();
    private final FakeTransport transport = new FakeTransport();
    private final List<String> sends = new java.util.ArrayList<>();
    private final SocketPolicy policy = new SocketPolicy(
            "test",
            (authorization, origin) -> switch (String.valueOf(authorization)) {
                case "Bearer good", "good" -> new SocketPolicy.Admission("visitor:1", List.of(TOPIC));
                case "sender" ->
                    new SocketPolicy.Admission("visitor:2", List.of(TOPIC), null, Map.of("/app/typing", body -> {
                        if (body.length > 0) {
                            throw new BadRequest("field 'conversation_id' is required");
                        }
                        sends.add("typing");
                    }));
                case "elsewhere" -> throw new Forbidden("origin not allowed for this channel");
                default -> throw new Unauthorized("invalid visitor token");
            },
            Set.of("/queue/message"));
    private final SocketLimits limits = new SocketLimits(1, 100, 100);
    private final StompConnection connection = connection(transport);

    private StompConnection connection(Transport to) {
        return new StompConnection("c1", policy, fanout, limits, null, "127.0.0.1", to);
    }

    private static String frame(String command, String... headers) {
        var text = new StringBuilder(command).append('\n');
        for (String header : headers) {
            text.append(header).append('\n');
        }
        return text.append('\n').append('\0').toString();
    }

    private void connect() {
        connection.receive(frame("CONNECT", "accept-version:1.1,1.2", "passcode:Bearer good"));
        assertEquals("CONNECTED", transport.last().command());
    }

    @Test
    void a_send_goes_to_the_handler_its_admission_named_and_other_sends_are_errors_that_keep_it_open() {
        connection.receive(frame("CONNECT", "accept-version:1.2", "passcode:sender"));
        connection.receive(frame("SEND", "destination:/app/typing", "receipt:t1"));
        assertEquals(List.of("typing"), sends);
        assertEquals("t1", transport.last().header("receipt-id"));

        connection.receive(frame("SEND", "destination:/app/other", "receipt:t2"));
        assertEquals("ERROR", transport.last().command());
        assertTrue(
                transport.last().header("message").contains("/app/typing"),
                transport.last().header("message"));

        connection.receive("SEND\ndestination:/app/typing\n\n{}\0");
        assertEquals("ERROR", transport.last().command());
        assertTrue(transport.last().header("message").contains("400 field 'conversation_id'"));

        connection.receive(frame("SUBSCRIBE", "id:s1", "destination:/queue/message", "receipt:r1"));
        assertEquals("r1", transport.last().header("receipt-id"), "still connected");
        assertEquals(List.of("typing"), sends);
    }

    @Test
    void a_socket_admitted_without_handlers_refuses_every_send_as_before() {
        connect();
        connection.receive(frame("SEND", "destination:/app/typing"));
        assertTrue(transport.last().header("message").startsWith("SEND is not supported here"));
    }

    @Test
    void connect_negotiates_the_highest_common_version_and_names_the_session() {
        connect();
        Frame connected = transport.last();
        assertEquals("1.2", connected.header("version"));
        assertEquals("c1", connected.header("session"));
    }

    @Test
    void a_subscriber_gets_published_events_under_the_destination_it_subscribed_to() {
        connect();
        connection.receive(frame("SUBSCRIBE", "id:s1", "destination:/user/queue/message", "receipt:r1"));
        assertEquals("r1", transport.last().header("receipt-id"));

        fanout.publish(TOPIC, "/queue/message", "{\"n\":1}");

        Frame message = transport.last();
        assertEquals("MESSAGE", message.command());
        assertEquals("s1", message.header("subscription"));
        assertEquals("/user/queue/message", message.header("destination"));
        assertEquals("{\"n\":1}", message.bodyText());
    }

    @Test
    void an_unsubscribed_client_hears_nothing_more() {
        connect();
        connection.receive(frame("SUBSCRIBE", "id:s1", "destination:/queue/message"));
        connection.receive(frame("UNSUBSCRIBE", "id:s1"));
        int before = transport.sent.size();
        fanout.publish(TOPIC, "/queue/message", "{}");
        assertEquals(before, transport.sent.size());
    }

    @Test
    void a_refused_connect_gets_the_status_and_reason_then_the_socket_is_closed() {
        connection.receive(frame("CONNECT", "accept-version:1.2", "passcode:wrong"));
        assertEquals("ERROR", transport.last().command());
        assertEquals("401 invalid visitor token", transport.last().header("message"));
        assertEquals(1000, transport.closeCode);
    }

    @Test
    void a_refused_origin_is_a_403_error() {
        connection.receive(frame("CONNECT", "accept-version:1.2", "passcode:elsewhere"));
        assertEquals("403 origin not allowed for this channel", transport.last().header("message"));
    }

    @Test
    void a_visitor_over_its_socket_limit_is_refused_with_429() {
        connect();
        var second = new FakeTransport();
        connection(second).receive(frame("CONNECT", "accept-version:1.2", "passcode:good"));
        assertEquals("429 too many open sockets for this visitor", second.last().header("message"));
        assertEquals(1000, second.closeCode);
    }

    @Test
    void frames_before_connect_end_the_connection() {
        connection.receive(frame("SUBSCRIBE", "id:s1", "destination:/queue/message"));
        assertEquals("not connected: send CONNECT first", transport.last().header("message"));
        assertEquals(1000, transport.closeCode);
    }

    @Test
    void an_unsupported_version_ends_the_connection() {
        connection.receive(frame("CONNECT", "accept-version:2.0", "passcode:good"));
        assertEquals(
                "unsupported STOMP version: this server speaks 1.2, 1.1 and 1.0",
                transport.last().header("message"));
        assertEquals(1000, transport.closeCode);
    }

    @Test
    void an_unknown_destination_and_a_send_are_errors_but_the_connection_stays_open() {
        connect();
        connection.receive(frame("SUBSCRIBE", "id:s1", "destination:/topic/all"));
        assertEquals("unknown destination: /topic/all", transport.last().header("message"));
        connection.receive(frame("SEND", "destination:/queue/message"));
        assertTrue(transport.last().header("message").startsWith("SEND is not supported here"));
        assertNull(transport.closeCode);

        connection.receive(frame("SUBSCRIBE", "id:s1", "destination:/queue/message", "receipt:r2"));
        assertEquals("r2", transport.last().header("receipt-id"));
    }

    @Test
    void disconnect_answers_the_receipt_then_closes_and_frees_the_visitors_socket() {
        connect();
        connection.receive(frame("DISCONNECT", "receipt:bye"));
        assertEquals("bye", transport.last().header("receipt-id"));
        assertEquals(1000, transport.closeCode);

        var next = new FakeTransport();
        connection(next).receive(frame("CONNECT", "accept-version:1.2", "passcode:good"));
        assertEquals("CONNECTED", next.last().command());
    }

    @Test
    void a_peer_that_stops_reading_is_dropped_and_unsubscribed() {
        connect();
        connection.receive(frame("SUBSCRIBE", "id:s1", "destination:/queue/message"));
        transport.autoFinish = false;
        for (int i = 0; i <= StompConnection.MAX_PENDING_FRAMES; i++) {
            fanout.publish(TOPIC, "/queue/message", "{}");
        }
        assertTrue(transport.aborted);
        int sent = transport.sent.size();
        fanout.publish(TOPIC, "/queue/message", "{}");
        assertEquals(sent, transport.sent.size());
    }

    @Test
    void a_closed_socket_gets_no_more_deliveries() {
        connect();
        connection.receive(frame("SUBSCRIBE", "id:s1", "destination:/queue/message"));
        connection.closed();
        int sent = transport.sent.size();
        fanout.publish(TOPIC, "/queue/message", "{}");
        assertEquals(sent, transport.sent.size());
    }
}
