package io.parley.stomp;

import io.parley.fanout.Topic;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * What one kind of socket may do: how its CONNECT is admitted (throwing a
 * {@link io.parley.errors.ParleyError} when refused) and which destinations it may subscribe to.
 */
public record SocketPolicy(String name, Authenticator authenticator, Set<String> destinations) {

    public interface Authenticator {
        /**
         * Checks the CONNECT credential (the {@code Authorization} or {@code passcode} header as
         * sent, so possibly "Bearer ..."; null when absent) and the handshake's Origin header (null
         * when absent); throws Unauthorized, Forbidden or NotFound when refused.
         */
        Admission admit(String authorization, String origin);
    }

    /**
     * Who connected and what it may hear. {@code identity} counts sockets against the
     * per-visitor limit; null for callers without that limit (operators). {@code onClose} runs
     * once when the admitted socket closes (presence counts sockets); null for nothing.
     */
    public record Admission(String identity, List<Topic> topics, Runnable onClose, Map<String, Inbound> sends) {
        public Admission(String identity, List<Topic> topics) {
            this(identity, topics, null, Map.of());
        }

        public Admission(String identity, List<Topic> topics, Runnable onClose) {
            this(identity, topics, onClose, Map.of());
        }
    }

    /**
     * What a client SEND to one destination does, for this connection only (so it may keep
     * per-socket state, such as a throttle). Throws a {@link io.parley.errors.ParleyError} to
     * answer with an ERROR frame; the connection stays open either way.
     */
    public interface Inbound {
        void receive(byte[] body);
    }

    /** "/user/queue/message" is the same destination as "/queue/message", as with Spring's user prefix. */
    public String normalize(String destination) {
        String plain = destination.startsWith("/user/") ? destination.substring(5) : destination;
        return destinations.contains(plain) ? plain : null;
    }
}
