package io.parley;

import io.parley.config.BadSetting;
import io.parley.config.Env;
import io.parley.db.H2Url;
import io.parley.webhook.WebhookSettings;
import java.nio.file.Path;
import java.sql.DriverManager;
import java.sql.SQLException;
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

        private static final int MANY = 1_000_000_000;

        static Limits fromEnv(Env env) {
            return new Limits(
                    env.decimal("PARLEY_MESSAGES_PER_SECOND", DEFAULT.messagesPerSecond, 0.001, MANY),
                    env.integer("PARLEY_MESSAGE_BURST", DEFAULT.messageBurst, 1, MANY),
                    env.decimal("PARLEY_NEW_CONVERSATIONS_PER_MINUTE", DEFAULT.newConversationsPerMinute, 0.001, MANY),
                    env.integer("PARLEY_SOCKETS_PER_VISITOR", DEFAULT.socketsPerVisitor, 1, MANY),
                    env.integer("PARLEY_SOCKETS_PER_IP", DEFAULT.socketsPerIp, 1, MANY),
                    env.integer("PARLEY_SOCKETS_TOTAL", DEFAULT.socketsTotal, 1, MANY));
        }
    }

    public static final int DEFAULT_MAX_BODY_BYTES = 64 * 1024;

    /** Reads and checks every setting before anything is created; a bad one is a {@link BadSetting}. */
    public static Config fromEnv(Map<String, String> vars) {
        Env env = new Env(vars);
        int port = env.integer("PARLEY_PORT", 8080, 0, 65_535);
        Path dataDir = env.path("PARLEY_DATA_DIR", Path.of("./data"));
        String dbUrl = env.string("PARLEY_DB_URL");
        return new Config(
                port,
                dataDir,
                dbUrl == null ? defaultDbUrl(dataDir) : userDbUrl(dbUrl),
                env.string("PARLEY_API_TOKEN"),
                env.string("PARLEY_JWT_SECRET"),
                env.string("PARLEY_JWT_PREVIOUS_SECRET"),
                env.integer("PARLEY_MAX_BODY_BYTES", DEFAULT_MAX_BODY_BYTES, 1024, 64 * 1024 * 1024),
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

    /** The database file in the data folder, with the settings {@link H2Url} explains. */
    static String defaultDbUrl(Path dataDir) {
        return H2Url.durable(
                "jdbc:h2:file:" + dataDir.toAbsolutePath().normalize().resolve("parley"));
    }

    /** A URL the user gave, with what the durability promise needs added (see {@link H2Url}). */
    private static String userDbUrl(String url) {
        try {
            DriverManager.getDriver(url);
        } catch (SQLException noDriver) { // the URL itself is not echoed: it may hold a password
            throw new BadSetting("PARLEY_DB_URL must be a JDBC URL of a database Parley has a driver for"
                    + " (jdbc:h2:...), got one starting \"" + url.substring(0, Math.min(url.length(), 8)) + "\"");
        }
        try {
            return H2Url.durable(url);
        } catch (IllegalArgumentException conflicting) {
            throw new BadSetting("PARLEY_DB_URL " + conflicting.getMessage());
        }
    }
}
