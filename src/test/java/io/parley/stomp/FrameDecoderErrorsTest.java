package io.parley.stomp;

import static io.parley.stomp.FrameDecoderTest.concat;
import static io.parley.stomp.FrameDecoderTest.decode;
import static io.parley.stomp.FrameDecoderTest.rejected;
import static io.parley.stomp.FrameTest.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameDecoderErrorsTest {
    static final FrameLimits SMALL = new FrameLimits(100, 3, 30);

    @ParameterizedTest
    @ValueSource(strings = {"send", "MESSAGE", "CONNECTED", "GET / HTTP/1.1", " SEND", "SEND "})
    void unknown_or_server_commands_are_rejected(String command) {
        assertEquals("unknown command: " + command, rejected("1.2", command + "\n\n\0"));
    }

    @Test
    void a_huge_unknown_command_is_echoed_short_and_printable() {
        String message = rejected("1.2", "\u0007" + "X".repeat(5000) + "\n\n\0");
        assertEquals("unknown command: ?XXXXXXXXXXXXXXXXXXX...", message);
    }

    @Test
    void a_lone_carriage_return_before_a_frame_is_not_a_heart_beat() {
        assertEquals("unknown command: ?SEND", rejected("1.2", "\rSEND\n\n\0"));
    }

    @Test
    void a_header_line_without_a_colon_is_rejected() {
        assertEquals("header line without a colon", rejected("1.2", "SEND\ndestination\n\n\0"));
    }

    @Test
    void an_empty_header_name_is_rejected() {
        assertEquals("empty header name", rejected("1.2", "SEND\n:value\n\n\0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"a:x\\ty", "a:x\\", "a\\:x", "a:\\C"})
    void undefined_header_escapes_are_rejected(String header) {
        assertEquals("invalid header escape", rejected("1.2", "SEND\n" + header + "\n\n\0"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "-1", "+1", "abc", " 5", "5 ", "1.0", "0x10"})
    void a_content_length_that_is_not_a_non_negative_integer_is_rejected(String value) {
        assertEquals("invalid content-length", rejected("1.2", "SEND\ncontent-length:" + value + "\n\n\0"));
    }

    @Test
    void a_content_length_body_not_followed_by_nul_is_rejected() {
        assertEquals("missing NUL after the body", rejected("1.2", "SEND\ncontent-length:2\n\nabc\0"));
    }

    @Test
    void a_frame_over_the_size_limit_is_rejected_before_its_nul_arrives() throws Exception {
        FrameDecoder decoder = new FrameDecoder(SMALL);
        assertEquals(List.of(), decoder.feed(utf8("SEND\n\n" + "x".repeat(94))));
        FrameException e = assertThrows(FrameException.class, () -> decoder.feed(utf8("x")));
        assertEquals("frame too large", e.getMessage());
    }

    @Test
    void a_frame_exactly_at_the_size_limit_is_accepted() throws Exception {
        assertEquals(
                94,
                decode("1.2", SMALL, "SEND\n\n" + "x".repeat(94) + "\0").get(0).body().length);
        assertEquals(
                76,
                decode("1.2", SMALL, "SEND\ncontent-length:76\n\n" + "x".repeat(76) + "\0")
                        .get(0)
                        .body()
                        .length);
    }

    @ParameterizedTest
    @ValueSource(strings = {"77", "99999999999999"})
    void a_content_length_over_the_size_limit_is_rejected_as_soon_as_the_headers_end(String length) {
        FrameDecoder decoder = new FrameDecoder(SMALL);
        FrameException e =
                assertThrows(FrameException.class, () -> decoder.feed(utf8("SEND\ncontent-length:" + length + "\n\n")));
        assertEquals("frame too large", e.getMessage());
    }

    @Test
    void headers_alone_over_the_size_limit_are_rejected() {
        FrameException e = assertThrows(
                FrameException.class,
                () -> decode(
                        "1.2",
                        SMALL,
                        "SEND\na:" + "x".repeat(28) + "\nb:" + "x".repeat(28) + "\nc:" + "x".repeat(28) + "\nddd"));
        assertEquals("frame too large", e.getMessage());
    }

    @Test
    void more_headers_than_the_limit_are_rejected() throws Exception {
        assertEquals(
                3,
                decode("1.2", SMALL, "SEND\na:1\nb:2\nc:3\n\n\0")
                        .get(0)
                        .headers()
                        .size());
        FrameException e =
                assertThrows(FrameException.class, () -> decode("1.2", SMALL, "SEND\na:1\nb:2\nc:3\nd:4\n\n\0"));
        assertEquals("too many headers", e.getMessage());
    }

    @Test
    void a_header_line_over_the_limit_is_rejected_without_waiting_for_its_end() throws Exception {
        assertEquals(
                28,
                decode("1.2", SMALL, "SEND\na:" + "x".repeat(28) + "\r\n\n\0")
                        .get(0)
                        .header("a")
                        .length());
        FrameDecoder decoder = new FrameDecoder(SMALL);
        decoder.feed(utf8("SEND\na:" + "x".repeat(28) + "\r"));
        FrameException e = assertThrows(FrameException.class, () -> decoder.feed(utf8("x")));
        assertEquals("header line too long", e.getMessage());
    }

    @Test
    void invalid_utf8_in_a_command_or_header_is_rejected() {
        byte[] badHeader = concat(utf8("SEND\na:"), new byte[] {(byte) 0xc3, 0x28}, utf8("\n\n\0"));
        byte[] badCommand = concat(new byte[] {(byte) 0xff}, utf8("\n\n\0"));
        assertEquals(
                "invalid UTF-8 in header",
                assertThrows(FrameException.class, () -> new FrameDecoder(FrameLimits.DEFAULT).feed(badHeader))
                        .getMessage());
        assertEquals(
                "invalid UTF-8 in command",
                assertThrows(FrameException.class, () -> new FrameDecoder(FrameLimits.DEFAULT).feed(badCommand))
                        .getMessage());
    }

    @Test
    void a_nul_inside_the_headers_is_rejected() {
        assertEquals("unexpected NUL in frame headers", rejected("1.2", "DISCONNECT\n\0"));
    }

    @Test
    void a_decoder_stays_failed_after_a_frame_exception() {
        FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULT);
        assertThrows(FrameException.class, () -> decoder.feed(utf8("nope\n\n\0")));
        FrameException again =
                assertThrows(FrameException.class, () -> decoder.feed(utf8(FrameDecoderTest.STOMPJS_CONNECT)));
        assertEquals("unknown command: nope", again.getMessage());
    }

    @Test
    void an_unsupported_version_is_a_programming_error() {
        assertThrows(IllegalArgumentException.class, () -> new FrameDecoder(FrameLimits.DEFAULT).version("1.3"));
    }
}
