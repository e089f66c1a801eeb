package io.parley.config;

/** A setting from the environment that Parley cannot use; its message is the one line shown to the person. */
public final class BadSetting extends IllegalArgumentException {
    public BadSetting(String message) {
        super(message);
    }
}
