package io.parley.channel;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.zone.ZoneOffsetTransition;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Opening hours in the channel's own time zone: per weekday (mon..sun) a few "HH:MM" intervals,
 * end exclusive ("24:00" ends at midnight). A weekday missing from {@code days} is closed. Hours
 * are wall-clock times, so across a daylight-saving change an interval is as long as the clocks
 * say: 01:00–04:00 lasts two real hours on the spring day and four on the autumn day.
 */
public record BusinessHours(String timeZone, Map<String, List<List<String>>> days) {
    static final List<String> DAY_KEYS = List.of("mon", "tue", "wed", "thu", "fri", "sat", "sun");

    public boolean isOpen(Instant now) {
        ZonedDateTime local = now.atZone(zone());
        int minute = local.getHour() * 60 + local.getMinute();
        return intervals(local.getDayOfWeek()).stream()
                .anyMatch(interval -> minutes(interval.get(0)) <= minute && minute < minutes(interval.get(1)));
    }

    /**
     * The next instant, after {@code now}, at which the hours open; empty when open now or never
     * open. An opening time that the clocks skip (a spring gap) opens at the jump, when the wall
     * clock passes it; one they pass twice (autumn) opens the first time.
     */
    public Optional<Instant> nextOpening(Instant now) {
        if (isOpen(now)) {
            return Optional.empty();
        }
        LocalDate today = now.atZone(zone()).toLocalDate();
        for (int day = 0; day <= 8; day++) { // 8: past a skipped opening to the same weekday next week
            LocalDate date = today.plusDays(day);
            for (List<String> interval : intervals(date.getDayOfWeek())) {
                Instant opening = opening(date, minutes(interval.get(0)));
                // an interval that falls wholly inside a skipped hour never opens that day
                if (opening.isAfter(now) && isOpen(opening)) {
                    return Optional.of(opening);
                }
            }
        }
        return Optional.empty();
    }

    /** A start the clocks skip opens at the jump itself, when the wall clock passes it. */
    private Instant opening(LocalDate date, int minute) {
        LocalDateTime local = LocalDateTime.of(date, LocalTime.of(minute / 60, minute % 60));
        ZoneOffsetTransition transition = zone().getRules().getTransition(local);
        if (transition != null && transition.isGap()) {
            return transition.getInstant();
        }
        return ZonedDateTime.of(local, zone()).toInstant();
    }

    @JsonIgnore
    ZoneId zone() {
        return ZoneId.of(timeZone);
    }

    private List<List<String>> intervals(DayOfWeek day) {
        return days.getOrDefault(DAY_KEYS.get(day.getValue() - 1), List.of());
    }

    /** "HH:MM" as minutes since midnight; "24:00" is 1440. */
    static int minutes(String hhmm) {
        return Integer.parseInt(hhmm.substring(0, 2)) * 60 + Integer.parseInt(hhmm.substring(3, 5));
    }
}
