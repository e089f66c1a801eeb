package io.parley.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.errors.BadRequest;
import io.parley.json.Json;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * A {@code widget} update merged into the stored settings, then checked field by field; every
 * error names its field ({@code widget.color}). Nested objects merge too, except
 * {@code business_hours.days}, which is replaced whole (a week is set as one thing).
 */
final class WidgetSettings {
    static final int MAX_TITLE = 100;
    static final int MAX_MESSAGE = 1_000;
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Set<String> PRE_CHAT = Set.of("off", "optional", "required");

    private WidgetSettings() {}

    static Widget merge(Widget current, JsonNode update) {
        if (!update.isObject()) {
            throw new BadRequest("field 'widget' must be an object");
        }
        ObjectNode merged = Json.MAPPER.valueToTree(current);
        mergeInto(merged, (ObjectNode) update, "");
        return read(merged);
    }

    private static void mergeInto(ObjectNode target, ObjectNode update, String path) {
        update.fields().forEachRemaining(field -> {
            JsonNode old = target.get(field.getKey());
            String here = path + field.getKey();
            if (old instanceof ObjectNode oldObject
                    && field.getValue() instanceof ObjectNode newObject
                    && !here.equals("business_hours.days")) {
                mergeInto(oldObject, newObject, here + ".");
            } else {
                target.set(field.getKey(), field.getValue());
            }
        });
    }

    private static Widget read(ObjectNode w) {
        return new Widget(
                optionalText(w, "title", MAX_TITLE),
                color(w),
                choice(w, "position", Set.of("right", "left")),
                optionalText(w, "welcome_message", MAX_MESSAGE),
                optionalText(w, "away_message", MAX_MESSAGE),
                choice(w, "locale", Set.of("auto", "en", "de", "fr", "es")),
                preChat(w.get("pre_chat")),
                BusinessHoursFields.read(w.get("business_hours")),
                bool(w, "read_receipts"),
                bool(w, "hide_when_offline"));
    }

    private static String color(ObjectNode w) {
        JsonNode value = w.get("color");
        if (value == null
                || !value.isTextual()
                || !COLOR.matcher(value.textValue()).matches()) {
            throw new BadRequest("field 'widget.color' must be a colour written #rrggbb, e.g. #2563eb");
        }
        return value.textValue().toLowerCase(java.util.Locale.ROOT);
    }

    private static String choice(ObjectNode w, String field, Set<String> allowed) {
        JsonNode value = w.get(field);
        if (value == null || !value.isTextual() || !allowed.contains(value.textValue())) {
            throw new BadRequest("field 'widget." + field + "' must be one of " + String.join(", ", sorted(allowed)));
        }
        return value.textValue();
    }

    private static String optionalText(ObjectNode w, String field, int max) {
        JsonNode value = w.get(field);
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual() || value.textValue().length() > max || hasControl(value.textValue())) {
            throw new BadRequest("field 'widget." + field + "' must be text of at most " + max + " characters");
        }
        String stripped = value.textValue().strip();
        return stripped.isEmpty() ? null : stripped;
    }

    private static boolean bool(ObjectNode w, String field) {
        JsonNode value = w.get(field);
        if (value == null || !value.isBoolean()) {
            throw new BadRequest("field 'widget." + field + "' must be true or false");
        }
        return value.booleanValue();
    }

    private static Widget.PreChat preChat(JsonNode node) {
        if (!(node instanceof ObjectNode preChat)) {
            throw new BadRequest("field 'widget.pre_chat' must be an object");
        }
        for (String field : List.of("name", "email")) {
            JsonNode value = preChat.get(field);
            if (value == null || !value.isTextual() || !PRE_CHAT.contains(value.textValue())) {
                throw new BadRequest("field 'widget.pre_chat." + field + "' must be one of off, optional, required");
            }
        }
        return new Widget.PreChat(
                preChat.get("name").textValue(), preChat.get("email").textValue());
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f);
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    /** Stored settings, or the defaults for a channel that never changed them. */
    static Widget fromStored(String json) {
        if (json == null) {
            return Widget.DEFAULT;
        }
        try {
            return Json.MAPPER.readValue(json, Widget.class);
        } catch (java.io.IOException e) {
            throw new IllegalStateException("stored widget settings are not valid", e);
        }
    }
}
