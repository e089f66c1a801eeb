package io.parley.web;

import io.parley.errors.BadRequest;
import java.util.UUID;

/** Field checks whose errors name the field, as the contract asks. */
public final class Require {
    private Require() {}

    public static UUID uuid(String field, String value) {
        if (value == null) {
            throw new BadRequest("field '" + field + "' is required");
        }
        return parseUuid(field, value);
    }

    public static UUID optionalUuid(String field, String value) {
        return value == null ? null : parseUuid(field, value);
    }

    public static String text(String field, String value, int maxLength) {
        if (value == null) {
            throw new BadRequest("field '" + field + "' is required");
        }
        if (value.isBlank()) {
            throw new BadRequest("field '" + field + "' must not be blank");
        }
        if (value.length() > maxLength) {
            throw new BadRequest("field '" + field + "' must be at most " + maxLength + " characters");
        }
        if (!isCleanText(value)) {
            throw new BadRequest("field '" + field + "' must be valid Unicode text without control characters");
        }
        return value;
    }

    /** Tabs and line breaks are text; other control characters and lone surrogates are refused, never stored. */
    static boolean isCleanText(String value) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 && c != '\t' && c != '\n' && c != '\r' || c == 0x7f) {
                return false;
            }
            if (Character.isHighSurrogate(c)) {
                if (i + 1 >= value.length() || !Character.isLowSurrogate(value.charAt(i + 1))) {
                    return false;
                }
                i++;
            } else if (Character.isLowSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw new BadRequest("field '" + field + "' is required");
        }
        return value;
    }

    private static UUID parseUuid(String field, String value) {
        try {
            if (value.length() == 36) {
                return UUID.fromString(value);
            }
        } catch (IllegalArgumentException ignored) {
            // falls through to the error below
        }
        throw new BadRequest("field '" + field + "' must be a UUID");
    }
}
