package io.parley.web;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

class RequestLogTest {
    @Test
    void times_are_written_in_tenths_of_a_millisecond_rounded_as_before() {
        assertEquals("0.0", RequestLog.tenths(0f));
        assertEquals("0.1", RequestLog.tenths(0.05f));
        assertEquals("1.2", RequestLog.tenths(1.24f));
        assertEquals("12.5", RequestLog.tenths(12.46f));
        assertEquals("1000.0", RequestLog.tenths(999.99f));
    }

    @Test
    void secrets_in_paths_are_left_out() {
        assertEquals("/media/<id>", RequestLog.loggable("/media/abc123"));
        assertEquals("/c/<token>", RequestLog.loggable("/c/xyz"));
        assertEquals("/chatplugin.send", RequestLog.loggable("/chatplugin.send"));
    }
}
