package io.parley;

import io.parley.webhook.WebhookSettings;
import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the server reads from its environment. Secrets left null are generated on first
 * start and kept in {@code dataDir}.
 */
public record Config(
        int port,
        Path dataDir,
        String dbUrl,
        String apiToken,
        String jwtSecret,
        String previousJwtSecret,
        int maxBodyBytes,
        Limits limits,
        WebhookSettings webhooks) {

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

        static Limits fromEnv(Map<String, String> env) {
            return new Limits(
                    Double.parseDouble(
                            env.getOrDefault("PARLEY_MESSAGES_PER_SECOND", String.valueOf(DEFAULT.messagesPerSecond))),
                    Integer.parseInt(env.getOrDefault("PARLEY_MESSAGE_BURST", String.valueOf(DEFAULT.messageBurst))),
                    Double.parseDouble(env.getOrDefault(
                            "PARLEY_NEW_CONVERSATIONS_PER_MINUTE", String.valueOf(DEFAULT.newConversationsPerMinute))),
                    Integer.parseInt(
                            env.getOrDefault("PARLEY_SOCKETS_PER_VISITOR", String.valueOf(DEFAULT.socketsPerVisitor))),
                    Integer.parseInt(env.getOrDefault("PARLEY_SOCKETS_PER_IP", String.valueOf(DEFAULT.socketsPerIp))),
                    Integer.parseInt(env.getOrDefault("PARLEY_SOCKETS_TOTAL", String.valueOf(DEFAULT.socketsTotal))));
        }
    }

    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    public static Config fromEnv(Map<String, String> env) {
        Path dataDir = Path.of(env.getOrDefault("PARLEY_DATA_DIR", "./data"));
        return new Config(
                Integer.parseInt(env.getOrDefault("PARLEY_PORT", "8080")),
                dataDir,
                env.getOrDefault("PARLEY_DB_URL", defaultDbUrl(dataDir)),
                blankToNull(env.get("PARLEY_API_TOKEN")),
                blankToNull(env.get("PARLEY_JWT_SECRET")),
                blankToNull(env.get("PARLEY_JWT_PREVIOUS_SECRET")),
                Integer.parseInt(env.getOrDefault("PARLEY_MAX_BODY_BYTES", String.valueOf(DEFAULT_MAX_BODY_BYTES))),
                Limits.fromEnv(env),
                WebhookSettings.fromEnv(env));
    }

    /** A fresh server on a random port with its own data folder: what the tests and the benchmark use. */
    public static Config forDataDir(Path dataDir) {
        return new Config(
                0,
                dataDir,
                defaultDbUrl(dataDir),
                null,
                null,
                null,
                DEFAULT_MAX_BODY_BYTES,
                Limits.GENEROUS,
                WebhookSettings.DEFAULTS);
    }

    public Config withPort(int newPort) {
        return new Config(
                newPort, dataDir, dbUrl, apiToken, jwtSecret, previousJwtSecret, maxBodyBytes, limits, webhooks);
    }

    public Config withDbUrl(String newDbUrl) {
        return new Config(
                port, dataDir, newDbUrl, apiToken, jwtSecret, previousJwtSecret, maxBodyBytes, limits, webhooks);
    }

    public Config withLimits(Limits newLimits) {
        return new Config(
                port, dataDir, dbUrl, apiToken, jwtSecret, previousJwtSecret, maxBodyBytes, newLimits, webhooks);
    }

    public Config withJwtSecrets(String current, String previous) {
        return new Config(port, dataDir, dbUrl, apiToken, current, previous, maxBodyBytes, limits, webhooks);
    }

    public Config withWebhooks(WebhookSettings newWebhooks) {
        return new Config(
                port, dataDir, dbUrl, apiToken, jwtSecret, previousJwtSecret, maxBodyBytes, limits, newWebhooks);
    }

    /**
     * WRITE_DELAY=0: H2 otherwise keeps commits in memory for up to a second, and a 200 for a
     * message must mean it survives a crash. DB_CLOSE_ON_EXIT=FALSE: we close the database
     * ourselves after the last request has finished, not in H2's own shutdown hook.
     * LOCK_TIMEOUT=3000: a request stuck behind a lock fails with a 503 after 3 s instead of hanging.
     */
    static String defaultDbUrl(Path dataDir) {
        return "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("parley")
                + ";WRITE_DELAY=0;DB_CLOSE_ON_EXIT=FALSE;LOCK_TIMEOUT=3000";
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
