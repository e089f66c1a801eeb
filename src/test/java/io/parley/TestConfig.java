package io.parley;

import io.parley.abuse.Limits;
import io.parley.email.EmailSettings;
import io.parley.media.MediaSettings;
import io.parley.privacy.RetentionSettings;
import io.parley.webhook.WebhookSettings;
import java.nio.file.Path;
import java.util.function.Consumer;

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
        return change(c, f -> f.port = port);
    }

    /** On another database, e.g. a PostgreSQL one: {@code jdbc:postgresql://…}. */
    public static Config withDbUrl(Config c, String dbUrl) {
        return change(c, f -> f.dbUrl = dbUrl);
    }

    public static Config withLimits(Config c, Limits limits) {
        return change(c, f -> f.limits = limits);
    }

    public static Config withJwtSecrets(Config c, String current, String previous) {
        return change(c, f -> {
            f.jwtSecret = current;
            f.previousJwtSecret = previous;
        });
    }

    public static Config withWebhooks(Config c, WebhookSettings webhooks) {
        return change(c, f -> f.webhooks = webhooks);
    }

    public static Config withMedia(Config c, MediaSettings media) {
        return change(c, f -> f.media = media);
    }

    public static Config withEmail(Config c, EmailSettings email) {
        return change(c, f -> f.email = email);
    }

    public static Config withRetention(Config c, RetentionSettings retention) {
        return change(c, f -> f.retention = retention);
    }

    /** A copy of {@code c} with what {@code edit} sets: records have no withers, so one place copies. */
    private static Config change(Config c, Consumer<Fields> edit) {
        Fields f = new Fields(c);
        edit.accept(f);
        return new Config(
                f.port,
                c.dataDir(),
                f.dbUrl,
                c.apiToken(),
                f.jwtSecret,
                f.previousJwtSecret,
                c.maxBodyBytes(),
                f.limits,
                f.webhooks,
                f.media,
                f.email,
                f.retention);
    }

    private static final class Fields {
        int port;
        String dbUrl;
        String jwtSecret;
        String previousJwtSecret;
        Limits limits;
        WebhookSettings webhooks;
        MediaSettings media;
        EmailSettings email;
        RetentionSettings retention;

        Fields(Config c) {
            port = c.port();
            dbUrl = c.dbUrl();
            jwtSecret = c.jwtSecret();
            previousJwtSecret = c.previousJwtSecret();
            limits = c.limits();
            webhooks = c.webhooks();
            media = c.media();
            email = c.email();
            retention = c.retention();
        }
    }
}
