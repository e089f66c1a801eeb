package io.parley.operator;

import io.parley.errors.BadRequest;
import io.parley.web.Require;
import java.net.URI;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Pattern;

/** The checks of operator fields, each error naming its field. */
final class Fields {
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+");
    private static final Set<String> ROLES = Set.of(Operator.ADMIN, Operator.AGENT, Operator.BOT);

    private Fields() {}

    /** Lower-cased: addresses are compared without regard to case, as mail systems do. */
    static String email(String value) {
        String email = Require.text("email", value, 320).strip().toLowerCase(Locale.ROOT);
        if (!EMAIL.matcher(email).matches()) {
            throw new BadRequest("field 'email' must be an email address");
        }
        return email;
    }

    static String name(String value) {
        return Require.text("name", value, 200).strip();
    }

    static String role(String value) {
        if (value == null || !ROLES.contains(value)) {
            throw new BadRequest("field 'role' must be \"admin\", \"agent\" or \"bot\"");
        }
        return value;
    }

    static String avatarUrl(String value) {
        if (value == null || value.isEmpty()) {
            return null;
        }
        String url = Require.text("avatar_url", value, 2048);
        try {
            String scheme = URI.create(url).getScheme();
            if ("https".equalsIgnoreCase(scheme) || "http".equalsIgnoreCase(scheme)) {
                return url;
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the error below
        }
        throw new BadRequest("field 'avatar_url' must be an http or https URL");
    }

    static String availability(String value) {
        if (!"online".equals(value) && !"away".equals(value)) {
            throw new BadRequest("field 'availability' must be \"online\" or \"away\"");
        }
        return value;
    }
}
