package io.parley.email;

import io.parley.config.BadSetting;
import io.parley.config.Env;
import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.time.Duration;

/**
 * Email delivery. {@code smtp}, {@code from} and {@code publicUrl} are all set or all null: without
 * them Parley sends no email and nothing else changes. Retries wait a random time up to
 * {@code min(backoffCap, backoffBase * 2^(attempt-1))}; after {@code maxAttempts} an email is failed.
 * {@code startDelay} holds the sender back after start (tests use it to restart between commit and send).
 */
public record EmailSettings(
        Smtp smtp,
        String from,
        URI publicUrl,
        Path trustedCertificates,
        Duration timeout,
        Duration backoffBase,
        Duration backoffCap,
        int maxAttempts,
        Duration pollInterval,
        Duration startDelay,
        Duration visitorDelay) {

    public static final EmailSettings OFF = new EmailSettings(
            null,
            null,
            null,
            null,
            Duration.ofSeconds(10),
            Duration.ofSeconds(5),
            Duration.ofMinutes(30),
            10,
            Duration.ofSeconds(5),
            Duration.ZERO,
            Duration.ofSeconds(180));

    public boolean enabled() {
        return smtp != null;
    }

    /** The origin of {@link #publicUrl} (scheme, host, port), where Parley's own pages live; null without email. */
    public String serverOrigin() {
        if (publicUrl == null) {
            return null;
        }
        return publicUrl.getScheme() + "://" + publicUrl.getHost()
                + (publicUrl.getPort() == -1 ? "" : ":" + publicUrl.getPort());
    }

    private static final int DAY_MS = 86_400_000;
    private static final String TRIO = "PARLEY_SMTP_URL, PARLEY_MAIL_FROM and PARLEY_PUBLIC_URL";

    public static EmailSettings fromEnv(Env env) {
        String url = env.string("PARLEY_SMTP_URL");
        String from = env.string("PARLEY_MAIL_FROM");
        String publicUrl = env.string("PARLEY_PUBLIC_URL");
        // PARLEY_PUBLIC_URL alone is fine: media URLs use it too
        if (url == null && from != null) {
            throw new BadSetting("PARLEY_MAIL_FROM is set but PARLEY_SMTP_URL is not: email needs " + TRIO
                    + " (or no PARLEY_SMTP_URL and no PARLEY_MAIL_FROM, for no email)");
        }
        if (url != null && (from == null || publicUrl == null)) {
            throw new BadSetting("email needs all three of " + TRIO + ": "
                    + (from == null ? "PARLEY_MAIL_FROM" : "PARLEY_PUBLIC_URL") + " is missing");
        }
        if (url == null) {
            publicUrl = null; // no email: the public URL is media's business alone
        }
        EmailSettings d = OFF;
        return new EmailSettings(
                url == null ? null : Smtp.parse(url),
                from == null ? null : address(from),
                publicUrl == null ? null : publicUrl(publicUrl),
                trust(env.string("PARLEY_SMTP_TRUST")),
                env.millis("PARLEY_SMTP_TIMEOUT_MS", d.timeout, 100, DAY_MS),
                env.millis("PARLEY_EMAIL_BACKOFF_BASE_MS", d.backoffBase, 1, DAY_MS),
                env.millis("PARLEY_EMAIL_BACKOFF_CAP_MS", d.backoffCap, 1, DAY_MS),
                env.integer("PARLEY_EMAIL_MAX_ATTEMPTS", d.maxAttempts, 1, 1000),
                d.pollInterval,
                d.startDelay,
                Duration.ofSeconds(env.integer("PARLEY_VISITOR_EMAIL_DELAY_SECONDS", 180, 0, 7 * 86_400)));
    }

    private static String address(String from) {
        if (!MailAddresses.validSender(from)) {
            throw Env.refused(
                    "PARLEY_MAIL_FROM",
                    "an email address such as parley@example.com or Acme Support <support@example.com>",
                    from);
        }
        return from.strip();
    }

    private static URI publicUrl(String value) {
        try {
            URI uri = new URI(value.strip().replaceAll("/+$", ""));
            if (("http".equals(uri.getScheme()) || "https".equals(uri.getScheme()))
                    && uri.getHost() != null
                    && uri.getQuery() == null
                    && uri.getFragment() == null) {
                return uri;
            }
        } catch (java.net.URISyntaxException e) {
            // refused below
        }
        throw Env.refused(
                "PARLEY_PUBLIC_URL", "the http(s) URL visitors reach Parley at, e.g. https://chat.example.com", value);
    }

    private static Path trust(String value) {
        if (value == null) {
            return null;
        }
        Path path = Path.of(value);
        try (var in = Files.newInputStream(path)) {
            if (!CertificateFactory.getInstance("X.509")
                    .generateCertificates(in)
                    .isEmpty()) {
                return path;
            }
        } catch (IOException | CertificateException e) {
            // refused below
        }
        throw Env.refused("PARLEY_SMTP_TRUST", "a readable PEM file of the certificate(s) to trust", value);
    }

    /** A copy with other retry timings and start delay: for tests. */
    public EmailSettings withTimings(
            Duration backoffBase, Duration backoffCap, int maxAttempts, Duration poll, Duration startDelay) {
        return new EmailSettings(
                smtp,
                from,
                publicUrl,
                trustedCertificates,
                timeout,
                backoffBase,
                backoffCap,
                maxAttempts,
                poll,
                startDelay,
                visitorDelay);
    }

    /** How long a claimed email stays invisible to other claims: a send that has not ended by then is retried. */
    Duration lease() {
        return timeout.multipliedBy(4).plusSeconds(5);
    }
}
