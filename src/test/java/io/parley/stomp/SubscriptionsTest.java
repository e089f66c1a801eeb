package io.parley.stomp;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {
    private final SocketPolicy policy = new SocketPolicy("test", (token, origin) -> null, Set.of("/queue/message"));
    private final Subscriptions subscriptions = new Subscriptions(2, policy::normalize);

    private List<String> hearing(String destination) {
        List<String> heard = new ArrayList<>();
        subscriptions.forEachHearing(destination, (id, subscribed) -> heard.add(id + "=" + subscribed));
        return heard;
    }

    @Test
    void a_subscription_hears_its_destination_quoted_as_the_client_wrote_it() {
        assertEquals(Subscriptions.Outcome.ADDED, subscriptions.add("s1", "/queue/message"));
        assertEquals(Subscriptions.Outcome.ADDED, subscriptions.add("s2", "/user/queue/message"));
        assertEquals(List.of("s1=/queue/message", "s2=/user/queue/message"), sorted(hearing("/queue/message")));
        assertEquals(List.of(), hearing("/queue/unread-count"));
    }

    @Test
    void a_destination_the_policy_does_not_allow_is_refused_and_not_kept() {
        assertEquals(Subscriptions.Outcome.UNKNOWN_DESTINATION, subscriptions.add("s1", "/topic/everything"));
        assertEquals(0, subscriptions.size());
    }

    @Test
    void the_bound_counts_ids_so_resubscribing_an_id_replaces_it() {
        subscriptions.add("s1", "/queue/message");
        subscriptions.add("s2", "/queue/message");
        assertEquals(Subscriptions.Outcome.TOO_MANY, subscriptions.add("s3", "/queue/message"));
        assertEquals(Subscriptions.Outcome.ADDED, subscriptions.add("s2", "/user/queue/message"));
        assertEquals(List.of("s1=/queue/message", "s2=/user/queue/message"), sorted(hearing("/queue/message")));
    }

    @Test
    void an_unsubscribed_id_hears_nothing_and_frees_its_place() {
        subscriptions.add("s1", "/queue/message");
        subscriptions.add("s2", "/queue/message");
        subscriptions.remove("s1");
        assertEquals(List.of("s2=/queue/message"), hearing("/queue/message"));
        assertEquals(Subscriptions.Outcome.ADDED, subscriptions.add("s3", "/queue/message"));
    }

    private static List<String> sorted(List<String> values) {
        return values.stream().sorted().toList();
    }
}
