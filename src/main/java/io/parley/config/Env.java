package io.parley.config;

import java.math.BigDecimal;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;

/**
 * The one place a {@code PARLEY_*} variable is read and checked. A bad value is a {@link BadSetting}
 * naming the variable, what it allows and what it got, so the server can refuse to start with one line.
 *
 * <p>An empty value is refused for numbers and paths (it is almost always a typo such as
 * {@code PARLEY_PORT=$PORT} with {@code PORT} unset, and silently starting on the default would hide
 * it), but counts as unset for optional strings such as secrets and the database URL, where "empty"
 * has no other sensible meaning.
 */
public final class Env {
    private final Map<String, String> vars;

    public Env(Map<String, String> vars) {
        this.vars = vars;
    }

    public int integer(String name, int fallback, int min, int max) {
        String value = vars.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            int parsed = Integer.parseInt(value.strip());
            if (parsed >= min && parsed <= max) {
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, with the range
        }
        throw refused(name, "a whole number from " + min + " to " + max, value);
    }

    public double decimal(String name, double fallback, double min, double max) {
        String value = vars.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            double parsed = Double.parseDouble(value.strip());
            if (parsed >= min && parsed <= max) { // false for NaN
                return parsed;
            }
        } catch (NumberFormatException notANumber) {
            // refused below, with the range
        }
        throw refused(name, "a number from " + plain(min) + " to " + plain(max), value);
    }

    /** Whole milliseconds, given as a number of milliseconds (the variable's name ends in {@code _MS}). */
    public Duration millis(String name, Duration fallback, int min, int max) {
        int fallbackMs = (int) Math.min(Integer.MAX_VALUE, fallback.toMillis());
        return Duration.ofMillis(integer(name, fallbackMs, min, max));
    }

    public Path path(String name, Path fallback) {
        String value = vars.get(name);
        if (value == null) {
            return fallback;
        }
        try {
            if (!value.isBlank()) {
                return Path.of(value);
            }
        } catch (InvalidPathException notAPath) {
            // refused below
        }
        throw refused(name, "a folder path", value);
    }

    /** The value, or null when the variable is unset or empty. */
    public String string(String name) {
        String value = vars.get(name);
        return value == null || value.isBlank() ? null : value;
    }

    public static BadSetting refused(String name, String allowed, String value) {
        String got = value.isEmpty() ? "got an empty value" : "got \"" + value + "\"";
        return new BadSetting(name + " must be " + allowed + ", " + got);
    }

    private static String plain(double number) {
        return BigDecimal.valueOf(number).stripTrailingZeros().toPlainString();
    }
}
