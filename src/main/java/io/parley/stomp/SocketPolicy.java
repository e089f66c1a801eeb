package io.parley.stomp;

import io.parley.fanout.Topic;
import java.util.List;
import java.util.Set;

/**
 * What one kind of socket may do: how its CONNECT token is checked (throwing the contract's
 * ApiException when refused) and which destinations it may subscribe to.
 */
public record SocketPolicy(String name, Authenticator authenticator, Set<String> destinations) {

    public interface Authenticator {
        /** The topics this token may hear; throws ApiException (401, 404) when refused. */
        List<Topic> topicsFor(String token);
    }

    /** "/user/queue/message" is the same destination as "/queue/message", as with Spring's user prefix. */
    public String normalize(String destination) {
        String plain = destination.startsWith("/user/") ? destination.substring(5) : destination;
        return destinations.contains(plain) ? plain : null;
    }
}
