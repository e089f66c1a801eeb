package io.parley.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** What crosses nodes: every NOTIFY payload stays under PostgreSQL's 8,000 bytes, and nothing is lost on the way. */
class EnvelopeTest {
    final String node = UUID.randomUUID().toString();
    final AtomicLong seq = new AtomicLong();

    @Test
    void many_small_events_share_payloads_that_stay_under_8000_bytes_and_keep_their_order() {
        List<Envelope.Event> events = new ArrayList<>();
        for (int i = 0; i < 500; i++) {
            events.add(Envelope.Event.publish(
                    Topic.conversation(UUID.randomUUID()), "/queue/message", "{\"n\":" + i + ",\"text\":\"ünïcödé\"}"));
        }
        Envelope.Outgoing out = Envelope.pack(node, seq::getAndIncrement, events);

        assertTrue(out.stored().isEmpty());
        assertTrue(
                out.payloads().size() > 1 && out.payloads().size() < 100,
                "packed: " + out.payloads().size());
        List<Envelope.Event> received = new ArrayList<>();
        for (String payload : out.payloads()) {
            assertTrue(payload.getBytes(StandardCharsets.UTF_8).length < 8_000);
            Envelope.Notice notice = Envelope.readNotice(payload);
            assertEquals(node, notice.node());
            received.addAll(notice.events());
        }
        assertEquals(events, received);
    }

    @Test
    void an_event_too_large_for_notify_goes_by_id_in_its_place_in_the_order() {
        String large = "{\"text\":\"" + "é\\\"".repeat(5_000) + "\"}";
        List<Envelope.Event> events = List.of(
                Envelope.Event.control("channel.changed", "a"),
                Envelope.Event.publish(Topic.OPERATORS, "/queue/message", large),
                Envelope.Event.close(Topic.OPERATORS, "bye"));
        Envelope.Outgoing out = Envelope.pack(node, seq::getAndIncrement, events);

        assertEquals(3, out.payloads().size());
        assertEquals(1, out.stored().size());
        Envelope.Notice byId = Envelope.readNotice(out.payloads().get(1));
        assertNull(byId.events());
        assertEquals(out.stored().get(0).id(), byId.ref());
        assertEquals(events.get(1), Envelope.readEvent(out.stored().get(0).body()));
        assertEquals(
                List.of(events.get(2)),
                Envelope.readNotice(out.payloads().get(2)).events());
    }

    @Test
    void equal_events_in_one_batch_get_payloads_that_differ_so_postgresql_does_not_merge_them() {
        Envelope.Event same = Envelope.Event.publish(Topic.OPERATORS, "/queue/typing", "{}");
        Envelope.Outgoing first = Envelope.pack(node, seq::getAndIncrement, List.of(same));
        Envelope.Outgoing second = Envelope.pack(node, seq::getAndIncrement, List.of(same));
        assertTrue(!first.payloads().get(0).equals(second.payloads().get(0)));
    }
}
