package io.parley;

import io.parley.abuse.Limits;
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
                limitsFromEnv(env),
                WebhookSettings.fromEnv(env));
    }

    static Limits limitsFromEnv(Map<String, String> env) {
        return new Limits(
                Double.parseDouble(env.getOrDefault(
                        "PARLEY_MESSAGES_PER_SECOND", String.valueOf(Limits.DEFAULT.messagesPerSecond()))),
                Integer.parseInt(
                        env.getOrDefault("PARLEY_MESSAGE_BURST", String.valueOf(Limits.DEFAULT.messageBurst()))),
                Double.parseDouble(env.getOrDefault(
                        "PARLEY_NEW_CONVERSATIONS_PER_MINUTE",
                        String.valueOf(Limits.DEFAULT.newConversationsPerMinute()))),
                Integer.parseInt(env.getOrDefault(
                        "PARLEY_SOCKETS_PER_VISITOR", String.valueOf(Limits.DEFAULT.socketsPerVisitor()))),
                Integer.parseInt(
                        env.getOrDefault("PARLEY_SOCKETS_PER_IP", String.valueOf(Limits.DEFAULT.socketsPerIp()))),
                Integer.parseInt(
                        env.getOrDefault("PARLEY_SOCKETS_TOTAL", String.valueOf(Limits.DEFAULT.socketsTotal()))));
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
