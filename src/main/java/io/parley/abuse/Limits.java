package io.parley.abuse;

/** Abuse limits; see README "Security". */
public record Limits(
        double messagesPerSecond,
        int messageBurst,
        double newConversationsPerMinute,
        int socketsPerVisitor,
        int socketsPerIp,
        int socketsTotal) {

    public static final Limits DEFAULT = new Limits(5, 20, 30, 10, 500, 19_000);
}
