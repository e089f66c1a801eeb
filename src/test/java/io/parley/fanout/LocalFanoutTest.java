package io.parley.fanout;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class LocalFanoutTest {
    private final LocalFanout fanout = new LocalFanout();
    private final Topic one = new Topic("conversation:1");
    private final Topic two = new Topic("conversation:2");

    /** Records what it is given. */
    private static final class Recorder implements Fanout.Subscriber {
        final List<String> heard = new ArrayList<>();

        @Override
        public void deliver(String destination, String json) {
            heard.add(destination + " " + json);
        }

        @Override
        public void close(String reason) {
            heard.add("closed: " + reason);
        }
    }

    @Test
    void an_event_reaches_every_subscriber_of_its_topic_and_no_one_else() {
        var a = new Recorder();
        var b = new Recorder();
        var other = new Recorder();
        fanout.subscribe(one, a);
        fanout.subscribe(one, b);
        fanout.subscribe(two, other);

        fanout.publish(one, "/queue/message", "{}");

        assertEquals(List.of("/queue/message {}"), a.heard);
        assertEquals(List.of("/queue/message {}"), b.heard);
        assertEquals(List.of(), other.heard);
    }

    @Test
    void a_closed_registration_hears_nothing_more_and_others_still_do() {
        var leaving = new Recorder();
        var staying = new Recorder();
        Fanout.Registration registration = fanout.subscribe(one, leaving);
        fanout.subscribe(one, staying);

        registration.close();
        fanout.publish(one, "/queue/message", "{}");

        assertEquals(List.of(), leaving.heard);
        assertEquals(List.of("/queue/message {}"), staying.heard);
    }

    @Test
    void a_topic_emptied_by_its_last_subscriber_can_be_subscribed_to_again() {
        var first = new Recorder();
        fanout.subscribe(one, first).close();
        var second = new Recorder();
        fanout.subscribe(one, second);

        fanout.publish(one, "/queue/message", "{}");

        assertEquals(List.of("/queue/message {}"), second.heard);
    }

    @Test
    void close_all_tells_each_subscriber_of_the_topic_why() {
        var a = new Recorder();
        var other = new Recorder();
        fanout.subscribe(one, a);
        fanout.subscribe(two, other);

        fanout.closeAll(one, "channel disconnected");

        assertEquals(List.of("closed: channel disconnected"), a.heard);
        assertEquals(List.of(), other.heard);
    }

    @Test
    void publishing_to_a_topic_without_subscribers_does_nothing() {
        fanout.publish(one, "/queue/message", "{}");
        fanout.closeAll(one, "nobody there");
        var late = new Recorder();
        fanout.subscribe(one, late);
        assertEquals(List.of(), late.heard);
    }
}
