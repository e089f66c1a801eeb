package io.parley.channel;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** Wall-clock opening hours across Europe/Berlin's 2026 daylight-saving changes (both on a Sunday). */
class BusinessHoursTest {
    static BusinessHours sunday(String start, String end) {
        return new BusinessHours("Europe/Berlin", Map.of("sun", List.of(List.of(start, end))));
    }

    static Instant at(String utc) {
        return Instant.parse(utc);
    }

    @Test
    void on_the_spring_day_01_to_04_lasts_two_real_hours_around_the_skipped_hour() {
        BusinessHours hours = sunday("01:00", "04:00");
        assertFalse(hours.isOpen(at("2026-03-28T23:59:00Z")), "00:59 CET");
        assertTrue(hours.isOpen(at("2026-03-29T00:00:00Z")), "01:00 CET");
        assertTrue(hours.isOpen(at("2026-03-29T01:00:00Z")), "03:00 CEST, right after the jump");
        assertTrue(hours.isOpen(at("2026-03-29T01:59:00Z")), "03:59 CEST");
        assertFalse(hours.isOpen(at("2026-03-29T02:00:00Z")), "04:00 CEST");
        assertEquals(Optional.of(at("2026-03-29T00:00:00Z")), hours.nextOpening(at("2026-03-28T22:30:00Z")));
    }

    @Test
    void on_the_spring_day_an_opening_time_the_clocks_skip_opens_at_the_jump() {
        BusinessHours hours = sunday("02:30", "05:00");
        assertEquals(
                Optional.of(at("2026-03-29T01:00:00Z")),
                hours.nextOpening(at("2026-03-29T00:30:00Z")),
                "02:30 does not exist: the clocks pass it going from 02:00 CET to 03:00 CEST");
        assertFalse(hours.isOpen(at("2026-03-29T00:59:00Z")), "01:59 CET");
        assertTrue(hours.isOpen(at("2026-03-29T01:00:00Z")), "03:00 CEST");
    }

    @Test
    void an_interval_wholly_inside_the_skipped_hour_never_opens_that_day() {
        BusinessHours hours = sunday("02:10", "02:50");
        assertEquals(Optional.of(at("2026-04-05T00:10:00Z")), hours.nextOpening(at("2026-03-28T12:00:00Z")));
    }

    @Test
    void on_the_autumn_day_01_to_04_lasts_four_real_hours_through_the_repeated_hour() {
        BusinessHours hours = sunday("01:00", "04:00");
        assertFalse(hours.isOpen(at("2026-10-24T22:59:00Z")), "00:59 CEST");
        assertTrue(hours.isOpen(at("2026-10-24T23:00:00Z")), "01:00 CEST");
        assertTrue(hours.isOpen(at("2026-10-25T00:30:00Z")), "02:30 CEST");
        assertTrue(hours.isOpen(at("2026-10-25T01:30:00Z")), "02:30 CET, the second time");
        assertTrue(hours.isOpen(at("2026-10-25T02:59:00Z")), "03:59 CET");
        assertFalse(hours.isOpen(at("2026-10-25T03:00:00Z")), "04:00 CET");
        assertEquals(Optional.of(at("2026-10-24T23:00:00Z")), hours.nextOpening(at("2026-10-24T20:00:00Z")));
    }

    @Test
    void on_the_autumn_day_an_opening_time_the_clocks_pass_twice_opens_the_first_time() {
        BusinessHours hours = sunday("02:30", "05:00");
        assertEquals(Optional.of(at("2026-10-25T00:30:00Z")), hours.nextOpening(at("2026-10-24T22:00:00Z")));
    }

    @Test
    void a_weekday_missing_from_days_is_closed_and_the_next_opening_skips_it() {
        BusinessHours hours = new BusinessHours("Europe/Berlin", Map.of("mon", List.of(List.of("09:00", "17:00"))));
        Instant tuesdayNoon = at("2026-11-24T11:00:00Z");
        assertFalse(hours.isOpen(tuesdayNoon));
        assertEquals(Optional.of(at("2026-11-30T08:00:00Z")), hours.nextOpening(tuesdayNoon), "Monday 09:00 CET");
    }

    @Test
    void open_now_has_no_next_opening_and_no_days_never_opens() {
        BusinessHours hours = new BusinessHours(
                "Europe/Berlin", Map.of("mon", List.of(List.of("09:00", "12:00"), List.of("13:00", "24:00"))));
        assertTrue(hours.isOpen(at("2026-11-30T22:59:00Z")), "23:59 Monday, before the 24:00 end");
        assertEquals(Optional.empty(), hours.nextOpening(at("2026-11-30T10:00:00Z")));
        assertEquals(
                Optional.of(at("2026-11-30T12:00:00Z")), hours.nextOpening(at("2026-11-30T11:30:00Z")), "after lunch");
        assertEquals(Optional.empty(), new BusinessHours("UTC", Map.of()).nextOpening(at("2026-11-30T10:00:00Z")));
    }
}
