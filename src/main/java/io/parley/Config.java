package io.parley;

import io.parley.abuse.Limits;
import io.parley.config.BadSetting;
import io.parley.config.Env;
import io.parley.db.H2Url;
import io.parley.email.EmailSettings;
import io.parley.media.MediaSettings;
import io.parley.privacy.RetentionSettings;
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
        WebhookSettings webhooks,
        MediaSettings media,
        EmailSettings email,
        RetentionSettings retention) {

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
                limitsFromEnv(env),
                WebhookSettings.fromEnv(env),
                MediaSettings.fromEnv(env, dataDir),
                EmailSettings.fromEnv(env),
                RetentionSettings.fromEnv(env));
    }

    private static final int MANY = 1_000_000_000;

    static Limits limitsFromEnv(Env env) {
        Limits d = Limits.DEFAULT;
        return new Limits(
                env.decimal("PARLEY_MESSAGES_PER_SECOND", d.messagesPerSecond(), 0.001, MANY),
                env.integer("PARLEY_MESSAGE_BURST", d.messageBurst(), 1, MANY),
                env.decimal("PARLEY_NEW_CONVERSATIONS_PER_MINUTE", d.newConversationsPerMinute(), 0.001, MANY),
                env.integer("PARLEY_SOCKETS_PER_VISITOR", d.socketsPerVisitor(), 1, MANY),
                env.integer("PARLEY_SOCKETS_PER_IP", d.socketsPerIp(), 1, MANY),
                env.integer("PARLEY_SOCKETS_TOTAL", d.socketsTotal(), 1, MANY));
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
                    + " (jdbc:h2:... or jdbc:postgresql:...), got one starting \""
                    + url.substring(0, Math.min(url.length(), 8)) + "\"");
        }
        try {
            return H2Url.durable(url);
        } catch (IllegalArgumentException conflicting) {
            throw new BadSetting("PARLEY_DB_URL " + conflicting.getMessage());
        }
    }
}
