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
    /** For tests and the benchmark, which open thousands of sockets from one address. */
    public static final Limits GENEROUS = new Limits(10_000, 10_000, 1_000_000, 1_000, 1_000_000, 1_000_000);
}
