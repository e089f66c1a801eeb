package io.parley.channel;

import io.parley.errors.BadRequest;
import io.parley.errors.Forbidden;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;

/**
 * A channel's allowed origins: exact origins ({@code https://shop.example.com}) or wildcard
 * subdomains ({@code https://*.example.com}, or {@code *.example.com} for any scheme).
 * An empty list allows every origin.
 */
final class Origins {
    private static final Pattern ENTRY = Pattern.compile(
            "^(https?://)?(\\*\\.)?[a-z0-9]([a-z0-9-]*[a-z0-9])?(\\.[a-z0-9]([a-z0-9-]*[a-z0-9])?)*(:\\d{1,5})?$");
    private static final int MAX_ENTRIES = 100;

    private Origins() {}

    static List<String> validate(List<String> entries) {
        if (entries.size() > MAX_ENTRIES) {
            throw new BadRequest("field 'allowed_origins' may list at most " + MAX_ENTRIES + " origins");
        }
        return entries.stream().map(Origins::normalize).distinct().toList();
    }

    /**
     * Browsers always send Origin on cross-origin calls; a request without one is not from
     * another website's page (curl, a server), which origin checks cannot stop anyway.
     */
    static void require(Channel channel, String origin) {
        if (origin != null && !allows(channel.allowedOrigins(), origin)) {
            throw new Forbidden("origin not allowed for this channel");
        }
    }

    static boolean allows(List<String> allowed, String origin) {
        if (allowed.isEmpty()) {
            return true;
        }
        if (origin == null) {
            return false;
        }
        String candidate = origin.toLowerCase(Locale.ROOT);
        return allowed.stream().anyMatch(entry -> matches(entry, candidate));
    }

    private static boolean matches(String entry, String origin) {
        String pattern = entry.contains("://") ? entry : null;
        if (!entry.contains("*")) {
            return entry.equals(origin)
                    || pattern == null && stripScheme(origin).equals(entry);
        }
        String suffix = entry.substring(entry.indexOf('*') + 1); // ".example.com" or ".example.com:8443"
        String scheme = pattern == null ? null : entry.substring(0, entry.indexOf("://") + 3);
        if (scheme != null && !origin.startsWith(scheme)) {
            return false;
        }
        String host = stripScheme(origin);
        return host.endsWith(suffix) && host.length() > suffix.length();
    }

    private static String stripScheme(String origin) {
        int at = origin.indexOf("://");
        return at < 0 ? origin : origin.substring(at + 3);
    }

    private static String normalize(String entry) {
        if (entry == null) {
            throw new BadRequest("field 'allowed_origins' must list strings");
        }
        String value = entry.strip().toLowerCase(Locale.ROOT);
        if (value.endsWith("/")) {
            value = value.substring(0, value.length() - 1);
        }
        if (value.length() > 255 || !ENTRY.matcher(value).matches()) {
            throw new BadRequest("field 'allowed_origins' has an invalid origin: use https://host[:port] or *.host");
        }
        return value;
    }
}
