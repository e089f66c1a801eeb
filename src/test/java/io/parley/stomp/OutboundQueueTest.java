package io.parley.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.junit.jupiter.api.Test;

class OutboundQueueTest {
    private final FakeTransport transport = new FakeTransport();
    private final OutboundQueue queue = new OutboundQueue(transport, 3);

    @Test
    void frames_the_peer_reads_do_not_count_against_the_bound() {
        for (int i = 0; i < 10; i++) {
            assertTrue(queue.offer("frame " + i));
        }
        assertEquals(10, transport.sent.size());
        assertEquals(0, queue.pending());
    }

    @Test
    void a_peer_that_stops_reading_is_refused_past_the_bound_and_nothing_more_is_sent() {
        transport.autoFinish = false;
        assertTrue(queue.offer("a"));
        assertTrue(queue.offer("b"));
        assertTrue(queue.offer("c"));
        assertFalse(queue.offer("d"));
        assertEquals(3, transport.sent.size());
        assertEquals(3, queue.pending());
    }

    @Test
    void room_comes_back_once_pending_frames_are_written() {
        transport.autoFinish = false;
        queue.offer("a");
        queue.offer("b");
        queue.offer("c");
        transport.finishAll();
        assertEquals(0, queue.pending());
        assertTrue(queue.offer("d"));
    }
}
