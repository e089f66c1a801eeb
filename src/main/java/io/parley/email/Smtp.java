package io.parley.email;

import io.parley.config.BadSetting;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;

/**
 * Where mail goes, read from {@code PARLEY_SMTP_URL}: {@code smtp://user:pass@host:587} (STARTTLS
 * required unless {@code ?starttls=off}) or {@code smtps://user:pass@host:465} (TLS from the start).
 * User and password are URL-decoded, so a password may carry any character as {@code %xx}.
 */
public record Smtp(String host, int port, String user, String password, Security security) {

    public enum Security {
        /** Plain connection upgraded with STARTTLS; a server that does not offer it is refused. */
        STARTTLS,
        /** TLS from the first byte (smtps). */
        TLS,
        /** No encryption: only for a relay on the same machine or network ({@code ?starttls=off}). */
        NONE
    }

    private static final String VARIABLE = "PARLEY_SMTP_URL";

    public static Smtp parse(String url) {
        URI uri;
        try {
            uri = new URI(url.strip());
        } catch (URISyntaxException e) {
            throw refused("is not a URL");
        }
        String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(java.util.Locale.ROOT);
        if (!scheme.equals("smtp") && !scheme.equals("smtps")) {
            throw refused("must start with smtp:// or smtps://");
        }
        if (uri.getHost() == null || uri.getHost().isBlank()) {
            throw refused("names no host");
        }
        Security security = scheme.equals("smtps") ? Security.TLS : starttls(uri.getRawQuery());
        int port = uri.getPort() != -1 ? uri.getPort() : security == Security.TLS ? 465 : 587;
        String user = null;
        String password = null;
        if (uri.getRawUserInfo() != null) {
            String[] parts = uri.getRawUserInfo().split(":", 2);
            user = decode(parts[0]);
            password = parts.length == 2 ? decode(parts[1]) : "";
        }
        return new Smtp(uri.getHost(), port, user, password, security);
    }

    private static Security starttls(String query) {
        if (query == null || query.isEmpty()) {
            return Security.STARTTLS;
        }
        return switch (query) {
            case "starttls=off" -> Security.NONE;
            case "starttls=on" -> Security.STARTTLS;
            default -> throw refused("takes only ?starttls=off (or =on)");
        };
    }

    private static String decode(String raw) {
        try {
            return URLDecoder.decode(raw.replace("+", "%2B"), StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            throw refused("has a user or password with a broken %-escape");
        }
    }

    /** The URL is never echoed: it holds the password. */
    private static BadSetting refused(String why) {
        return new BadSetting(VARIABLE + " " + why
                + " (expected smtp://user:pass@host:587, smtp://host:25?starttls=off or smtps://user:pass@host:465)");
    }

    /** Without the password, for logs. */
    @Override
    public String toString() {
        return "Smtp[" + host + ":" + port + ", " + security + (user == null ? "" : ", with login") + "]";
    }
}
