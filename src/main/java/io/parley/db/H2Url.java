package io.parley.db;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What an embedded H2 database file needs for Parley's promise that a 200 means committed to the
 * file. WRITE_DELAY=0: H2 otherwise keeps commits in memory for up to half a second.
 * DB_CLOSE_ON_EXIT=FALSE: we close the database ourselves after the last request has finished, not
 * in H2's own shutdown hook. LOCK_TIMEOUT=3000: a request stuck behind a lock fails with a 503 after
 * 3 s instead of hanging. Other URLs (a server, PostgreSQL) are left as they are.
 */
public final class H2Url {
    /** Setting, value, and whether the user may choose another value. */
    private record Setting(String key, String value, boolean required) {}

    private static final List<Setting> SETTINGS = List.of(
            new Setting("WRITE_DELAY", "0", true),
            new Setting("DB_CLOSE_ON_EXIT", "FALSE", true),
            new Setting("LOCK_TIMEOUT", "3000", false));

    private H2Url() {}

    /**
     * The URL with the settings above added where absent.
     *
     * @throws IllegalArgumentException naming the setting, when the URL sets one of them otherwise
     */
    public static String durable(String url) {
        if (!isEmbeddedFile(url)) {
            return url;
        }
        String[] parts = url.split(";");
        Map<String, String> given = new HashMap<>();
        for (int i = 1; i < parts.length; i++) {
            String[] pair = parts[i].split("=", 2);
            given.put(pair[0].strip().toUpperCase(Locale.ROOT), pair.length > 1 ? pair[1].strip() : "");
        }
        StringBuilder result = new StringBuilder(url);
        for (Setting setting : SETTINGS) {
            String value = given.get(setting.key());
            if (value == null) {
                result.append(';').append(setting.key()).append('=').append(setting.value());
            } else if (setting.required() && !value.equalsIgnoreCase(setting.value())) {
                throw new IllegalArgumentException("sets " + setting.key() + "=" + value + ", but Parley needs "
                        + setting.key() + "=" + setting.value()
                        + " so that an acknowledged message is on disk: remove it from the URL");
            }
        }
        return result.toString();
    }

    /** {@code jdbc:h2:file:…} or a bare path such as {@code jdbc:h2:./data/x}; not mem, tcp, ssl or zip. */
    static boolean isEmbeddedFile(String url) {
        String lower = url.toLowerCase(Locale.ROOT);
        if (!lower.startsWith("jdbc:h2:")) {
            return false;
        }
        String rest = lower.substring("jdbc:h2:".length());
        for (String other : new String[] {"mem:", "tcp:", "ssl:", "zip:"}) {
            if (rest.startsWith(other)) {
                return false;
            }
        }
        return true;
    }
}
