package io.parley.media;

import java.net.URI;
import java.net.URISyntaxException;

/** {@code media_url}s: {@code <origin>/media/<id>}, and reading the id back out of one a client sends. */
final class MediaUrls {
    static final String PATH = "/media/";

    private MediaUrls() {}

    /**
     * The id in a URL this server could have issued: {@code /media/<id>} alone or after an http(s)
     * origin, which must be PARLEY_PUBLIC_URL's when that is set; null for anything else.
     */
    static String idOf(String url, String publicUrl) {
        if (url == null || url.length() > 2048) return null;
        try {
            URI uri = new URI(url);
            if (uri.getRawQuery() != null || uri.getRawFragment() != null || uri.getRawPath() == null) return null;
            if (uri.isAbsolute()) {
                boolean web = "http".equalsIgnoreCase(uri.getScheme()) || "https".equalsIgnoreCase(uri.getScheme());
                if (!web || uri.getHost() == null || uri.getRawUserInfo() != null) return null;
                if (publicUrl != null && !url.startsWith(publicUrl + PATH)) return null;
            } else if (uri.getRawAuthority() != null) {
                return null;
            }
            String path = uri.getRawPath();
            String prefix = publicUrl != null && uri.isAbsolute()
                    ? URI.create(publicUrl).getRawPath()
                    : "";
            String rest = path.startsWith(prefix + PATH) ? path.substring(prefix.length() + PATH.length()) : null;
            return MediaStore.isWellFormedId(rest) ? rest : null;
        } catch (URISyntaxException | IllegalArgumentException malformed) {
            return null;
        }
    }
}
