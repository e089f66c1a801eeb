package io.parley.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.errors.BadRequest;
import io.parley.json.Json;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
    static final int MAX_INTERVALS_PER_DAY = 4;
    private static final Pattern COLOR = Pattern.compile("#[0-9a-fA-F]{6}");
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]|24:00");
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
                businessHours(w.get("business_hours")),
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

    private static BusinessHours businessHours(JsonNode node) {
        if (node == null || node.isNull()) {
            return null;
        }
        if (!(node instanceof ObjectNode hours)) {
            throw new BadRequest("field 'widget.business_hours' must be an object or null");
        }
        JsonNode zone = hours.get("time_zone");
        if (zone == null || !zone.isTextual() || !ZoneId.getAvailableZoneIds().contains(zone.textValue())) {
            throw new BadRequest(
                    "field 'widget.business_hours.time_zone' must be an IANA time zone such as Europe/Berlin");
        }
        JsonNode days = hours.get("days");
        if (!(days instanceof ObjectNode dayMap)) {
            throw new BadRequest("field 'widget.business_hours.days' must be an object of weekdays (mon..sun)");
        }
        Map<String, List<List<String>>> parsed = new LinkedHashMap<>();
        for (String day : BusinessHours.DAY_KEYS) {
            if (dayMap.has(day)) {
                parsed.put(day, intervals("widget.business_hours.days." + day, dayMap.get(day)));
            }
        }
        dayMap.fieldNames().forEachRemaining(day -> {
            if (!BusinessHours.DAY_KEYS.contains(day)) {
                throw new BadRequest("field 'widget.business_hours.days' has an unknown day '" + abbreviate(day)
                        + "': use mon, tue, wed, thu, fri, sat, sun");
            }
        });
        return new BusinessHours(zone.textValue(), parsed);
    }

    private static List<List<String>> intervals(String field, JsonNode node) {
        if (!node.isArray() || node.size() > MAX_INTERVALS_PER_DAY) {
            throw new BadRequest("field '" + field + "' must be a list of at most " + MAX_INTERVALS_PER_DAY
                    + " intervals like [\"09:00\",\"17:00\"]");
        }
        List<List<String>> intervals = new ArrayList<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode interval = node.get(i);
            String here = field + "[" + i + "]";
            if (!interval.isArray() || interval.size() != 2 || !isTime(interval.get(0)) || !isTime(interval.get(1))) {
                throw new BadRequest("field '" + here + "' must be [\"HH:MM\",\"HH:MM\"]");
            }
            String start = interval.get(0).textValue();
            String end = interval.get(1).textValue();
            if (BusinessHours.minutes(start) >= BusinessHours.minutes(end) || start.equals("24:00")) {
                throw new BadRequest("field '" + here + "' must start before it ends");
            }
            intervals.add(List.of(start, end));
        }
        intervals.sort((a, b) -> Integer.compare(BusinessHours.minutes(a.get(0)), BusinessHours.minutes(b.get(0))));
        for (int i = 1; i < intervals.size(); i++) {
            if (BusinessHours.minutes(intervals.get(i).get(0))
                    < BusinessHours.minutes(intervals.get(i - 1).get(1))) {
                throw new BadRequest("field '" + field + "' has overlapping intervals");
            }
        }
        return intervals;
    }

    private static boolean isTime(JsonNode node) {
        return node.isTextual() && TIME.matcher(node.textValue()).matches();
    }

    private static boolean hasControl(String text) {
        return text.chars().anyMatch(c -> c < 0x20 && c != '\n' && c != '\t' && c != '\r' || c == 0x7f);
    }

    private static List<String> sorted(Set<String> values) {
        return values.stream().sorted().toList();
    }

    private static String abbreviate(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "…";
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
