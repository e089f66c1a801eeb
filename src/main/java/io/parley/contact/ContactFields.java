package io.parley.contact;

import com.fasterxml.jackson.databind.JsonNode;
import io.parley.errors.BadRequest;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks and merges a contact update; every error names its field (e.g. {@code attributes.plan}). */
final class ContactFields {
    static final int MAX_ATTRIBUTES = 50;
    static final int MAX_KEY = 64;
    static final int MAX_VALUE = 1024;
    static final int MAX_NAME = 255;
    static final int MAX_EMAIL = 254;
    /** Deliberately plain: one @, no spaces, a dot in the domain; mail delivery is the real check. */
    private static final Pattern EMAIL = Pattern.compile("[^\\s@]+@[^\\s@.]+(\\.[^\\s@.]+)+");

    private ContactFields() {}

    static Contact merge(Contact old, UpdateContactRequest request) {
        return new Contact(
                old.id(),
                request.name() == null ? old.displayName() : name(request.name()),
                request.email() == null ? old.email() : email(request.email()),
                request.attributes() == null ? old.attributes() : attributes(old.attributes(), request.attributes()));
    }

    private static String name(String name) {
        String stripped = name.strip();
        if (stripped.length() > MAX_NAME || hasControl(stripped)) {
            throw new BadRequest("field 'name' must be at most " + MAX_NAME + " characters of text");
        }
        return stripped.isEmpty() ? null : stripped;
    }

    private static String email(String email) {
        String stripped = email.strip();
        if (stripped.isEmpty()) {
            return null;
        }
        if (stripped.length() > MAX_EMAIL || !EMAIL.matcher(stripped).matches()) {
            throw new BadRequest("field 'email' must be a valid email address");
        }
        return stripped;
    }

    private static Map<String, Object> attributes(Map<String, Object> old, JsonNode update) {
        if (!update.isObject()) {
            throw new BadRequest("field 'attributes' must be an object");
        }
        var merged = new LinkedHashMap<>(old);
        var fields = update.fields();
        while (fields.hasNext()) {
            var field = fields.next();
            String key = field.getKey();
            if (key.isEmpty() || key.length() > MAX_KEY || hasControl(key)) {
                throw new BadRequest("attribute keys must be 1 to " + MAX_KEY + " characters: '"
                        + (key.length() > MAX_KEY ? key.substring(0, MAX_KEY) + "…" : key) + "'");
            }
            if (field.getValue().isNull()) {
                merged.remove(key);
            } else {
                merged.put(key, value("attributes." + key, field.getValue()));
            }
        }
        if (merged.size() > MAX_ATTRIBUTES) {
            throw new BadRequest("field 'attributes' may hold at most " + MAX_ATTRIBUTES + " attributes");
        }
        return merged;
    }

    private static Object value(String field, JsonNode value) {
        if (value.isTextual() && value.textValue().length() <= MAX_VALUE && !hasControl(value.textValue())) {
            return value.textValue();
        }
        if (value.isNumber()) {
            return value.numberValue();
        }
        if (value.isBoolean()) {
            return value.booleanValue();
        }
        throw new BadRequest("field '" + field + "' must be a string of at most " + MAX_VALUE
                + " characters, a number or a boolean");
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> c < 0x20 && c != '\t' || c == 0x7f);
    }
}
