package io.parley;

import io.parley.abuse.Limits;
import io.parley.email.EmailSettings;
import io.parley.media.MediaSettings;
import io.parley.privacy.RetentionSettings;
import io.parley.webhook.WebhookSettings;
import java.nio.file.Path;

/** Configurations for tests: what {@link Config#fromEnv} reads, built directly. */
public final class TestConfig {
    /** For tests and the benchmark, which open thousands of sockets from one address. */
    public static final Limits GENEROUS_LIMITS = new Limits(10_000, 10_000, 1_000_000, 1_000, 1_000_000, 1_000_000);

    private TestConfig() {}

    /** A fresh server on a random port with its own data folder and generous limits. */
    public static Config forDataDir(Path dataDir) {
        return new Config(
                0,
                dataDir,
                Config.defaultDbUrl(dataDir),
                null,
                null,
                null,
                Config.DEFAULT_MAX_BODY_BYTES,
                GENEROUS_LIMITS,
                WebhookSettings.DEFAULTS,
                MediaSettings.defaults(dataDir),
                EmailSettings.OFF,
                RetentionSettings.FOREVER);
    }

    public static Config withPort(Config c, int port) {
        return new Config(
                port,
                c.dataDir(),
                c.dbUrl(),
                c.apiToken(),
                c.jwtSecret(),
                c.previousJwtSecret(),
                c.maxBodyBytes(),
                c.limits(),
                c.webhooks(),
                c.media(),
                c.email(),
                c.retention());
    }

    /** On another database, e.g. a PostgreSQL one: {@code jdbc:postgresql://…}. */
    public static Config withDbUrl(Config c, String dbUrl) {
        return new Config(
                c.port(),
                c.dataDir(),
                dbUrl,
                c.apiToken(),
                c.jwtSecret(),
                c.previousJwtSecret(),
                c.maxBodyBytes(),
                c.limits(),
                c.webhooks(),
                c.media(),
                c.email(),
                c.retention());
    }

    public static Config withLimits(Config c, Limits limits) {
        return new Config(
                c.port(),
                c.dataDir(),
                c.dbUrl(),
                c.apiToken(),
                c.jwtSecret(),
                c.previousJwtSecret(),
                c.maxBodyBytes(),
                limits,
                c.webhooks(),
                c.media(),
                c.email(),
                c.retention());
    }

    public static Config withJwtSecrets(Config c, String current, String previous) {
        return new Config(
                c.port(),
                c.dataDir(),
                c.dbUrl(),
                c.apiToken(),
                current,
                previous,
                c.maxBodyBytes(),
                c.limits(),
                c.webhooks(),
                c.media(),
                c.email(),
                c.retention());
    }

    public static Config withWebhooks(Config c, WebhookSettings webhooks) {
        return new Config(
                c.port(),
                c.dataDir(),
                c.dbUrl(),
                c.apiToken(),
                c.jwtSecret(),
                c.previousJwtSecret(),
                c.maxBodyBytes(),
                c.limits(),
                webhooks,
                c.media(),
                c.email(),
                c.retention());
    }

    public static Config withMedia(Config c, MediaSettings media) {
        return new Config(
                c.port(),
                c.dataDir(),
                c.dbUrl(),
                c.apiToken(),
                c.jwtSecret(),
                c.previousJwtSecret(),
                c.maxBodyBytes(),
                c.limits(),
                c.webhooks(),
                media,
                c.email(),
                c.retention());
    }

    public static Config withEmail(Config c, EmailSettings email) {
        return new Config(
                c.port(),
                c.dataDir(),
                c.dbUrl(),
                c.apiToken(),
                c.jwtSecret(),
                c.previousJwtSecret(),
                c.maxBodyBytes(),
                c.limits(),
                c.webhooks(),
                c.media(),
                email,
                c.retention());
    }

    public static Config withRetention(Config c, RetentionSettings retention) {
        return new Config(
                c.port(),
                c.dataDir(),
                c.dbUrl(),
                c.apiToken(),
                c.jwtSecret(),
                c.previousJwtSecret(),
                c.maxBodyBytes(),
                c.limits(),
                c.webhooks(),
                c.media(),
                c.email(),
                retention);
    }
}
