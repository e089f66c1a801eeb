package io.parley.channel;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.parley.errors.BadRequest;
import java.time.ZoneId;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/** Checks {@code widget.business_hours}; every error names its field, down to one interval. */
final class BusinessHoursFields {
    static final int MAX_INTERVALS_PER_DAY = 4;
    private static final Pattern TIME = Pattern.compile("([01][0-9]|2[0-3]):[0-5][0-9]|24:00");

    private BusinessHoursFields() {}

    static BusinessHours read(JsonNode node) {
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

    private static String abbreviate(String value) {
        return value.length() <= 20 ? value : value.substring(0, 20) + "…";
    }
}
