package io.parley.webhook;

import io.parley.errors.BadRequest;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/** What a webhook may point at and send: checked at subscribe time, so delivery never trips on it. */
final class WebhookTargets {
    static final int MAX_URL_LENGTH = 2048;
    static final int MAX_HEADERS = 20;
    static final int MAX_NAME_LENGTH = 128;
    static final int MAX_VALUE_LENGTH = 4096;
    private static final Pattern TOKEN = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]+");
    /** Hop-by-hop or framing headers, and the ones Parley sets itself. */
    private static final Set<String> RESERVED = Set.of(
            "host",
            "content-length",
            "content-type",
            "transfer-encoding",
            "connection",
            "keep-alive",
            "proxy-connection",
            "proxy-authenticate",
            "proxy-authorization",
            "te",
            "trailer",
            "upgrade",
            "expect",
            "http2-settings");

    private WebhookTargets() {}

    static String url(String url) {
        if (url == null) {
            throw new BadRequest("field 'url' is required");
        }
        try {
            URI uri = new URI(url);
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if (url.length() <= MAX_URL_LENGTH
                    && (scheme.equals("http") || scheme.equals("https"))
                    && uri.getHost() != null
                    && uri.getRawUserInfo() == null) {
                return url;
            }
        } catch (URISyntaxException ignored) {
            // reported below
        }
        throw new BadRequest("field 'url' must be an http or https URL with a host (no user:password@)," + " at most "
                + MAX_URL_LENGTH + " characters");
    }

    static Map<String, String> headers(Map<String, String> headers) {
        if (headers == null) {
            return Map.of();
        }
        if (headers.size() > MAX_HEADERS) {
            throw invalid("may have at most " + MAX_HEADERS + " headers");
        }
        Set<String> seen = new TreeSet<>(String.CASE_INSENSITIVE_ORDER);
        Map<String, String> valid = new LinkedHashMap<>();
        headers.forEach((name, value) -> {
            String lower = name.toLowerCase(Locale.ROOT);
            if (name.length() > MAX_NAME_LENGTH || !TOKEN.matcher(name).matches()) {
                throw invalid("has a header name that is not a valid HTTP token");
            }
            if (RESERVED.contains(lower) || lower.startsWith("x-parley-")) {
                throw invalid("must not set '" + name + "': Parley sets it, or it is hop-by-hop");
            }
            if (!seen.add(name)) {
                throw invalid("names '" + name + "' twice");
            }
            if (value == null || value.length() > MAX_VALUE_LENGTH || !printable(value)) {
                throw invalid("'" + name + "' must be printable ASCII, at most " + MAX_VALUE_LENGTH + " characters");
            }
            valid.put(name, value);
        });
        return valid;
    }

    /** Visible ASCII, spaces and tabs: no CR/LF (header injection) and nothing an HTTP client would re-encode. */
    private static boolean printable(String value) {
        return value.chars().allMatch(c -> c == '\t' || (c >= 0x20 && c < 0x7f));
    }

    private static BadRequest invalid(String reason) {
        return new BadRequest("field 'headers' " + reason);
    }
}
