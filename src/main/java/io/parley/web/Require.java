package io.parley.web;

import java.util.UUID;

/** Field checks whose errors name the field, as the contract asks. */
public final class Require {
    private Require() {
    }

    public static UUID uuid(String field, String value) {
        if (value == null) {
            throw ApiException.badRequest("field '" + field + "' is required");
        }
        return parseUuid(field, value);
    }

    public static UUID optionalUuid(String field, String value) {
        return value == null ? null : parseUuid(field, value);
    }

    public static String text(String field, String value, int maxLength) {
        if (value == null) {
            throw ApiException.badRequest("field '" + field + "' is required");
        }
        if (value.isBlank()) {
            throw ApiException.badRequest("field '" + field + "' must not be blank");
        }
        if (value.length() > maxLength) {
            throw ApiException.badRequest("field '" + field + "' must be at most " + maxLength + " characters");
        }
        return value;
    }

    public static <T> T present(String field, T value) {
        if (value == null) {
            throw ApiException.badRequest("field '" + field + "' is required");
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
        throw ApiException.badRequest("field '" + field + "' must be a UUID");
    }
}
