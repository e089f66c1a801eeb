package io.parley.stomp;

import static io.parley.stomp.FrameTest.utf8;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class FrameEncoderTest {

    @Test
    void encodes_command_headers_blank_line_body_and_nul() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("subscription", "sub-0");
        headers.put("destination", "/queue/message");
        String text = FrameEncoder.encode(Frame.of("MESSAGE", headers, "{}"), "1.2");
        assertEquals("MESSAGE\nsubscription:sub-0\ndestination:/queue/message\n" + "content-length:2\n\n{}\0", text);
    }

    @Test
    void content_length_is_the_utf8_byte_length_of_a_non_ascii_body() {
        String text = FrameEncoder.encode(Frame.of("MESSAGE", Map.of(), "é€😀"), "1.2");
        assertEquals("MESSAGE\ncontent-length:9\n\né€😀\0", text);
    }

    @Test
    void empty_body_gets_no_content_length_and_a_given_one_is_kept() {
        assertEquals(
                "RECEIPT\nreceipt-id:7\n\n\0",
                FrameEncoder.encode(Frame.of("RECEIPT", Map.of("receipt-id", "7"), ""), "1.2"));
        assertEquals(
                "MESSAGE\ncontent-length:3\n\nabc\0",
                FrameEncoder.encode(Frame.of("MESSAGE", Map.of("content-length", "3"), "abc"), "1.2"));
    }

    @Test
    void version_1_2_escapes_backslash_newline_colon_and_carriage_return() {
        String text = FrameEncoder.encode(Frame.of("ERROR", Map.of("a:b", "x\\y\nz\r"), ""), "1.2");
        assertEquals("ERROR\na\\cb:x\\\\y\\nz\\r\n\n\0", text);
    }

    @Test
    void version_1_1_escapes_all_but_carriage_return() {
        String text = FrameEncoder.encode(Frame.of("ERROR", Map.of("a:b", "x\\y\nz\rw"), ""), "1.1");
        assertEquals("ERROR\na\\cb:x\\\\y\\nz\rw\n\n\0", text);
    }

    @Test
    void version_1_0_escapes_nothing() {
        String text = FrameEncoder.encode(Frame.of("ERROR", Map.of("message", "a:b\\c"), ""), "1.0");
        assertEquals("ERROR\nmessage:a:b\\c\n\n\0", text);
    }

    @Test
    void connected_headers_are_never_escaped() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("version", "1.2");
        headers.put("heart-beat", "4000,4000");
        headers.put("server", "Parley:0.1\\x");
        String text = FrameEncoder.encode(Frame.of("CONNECTED", headers, ""), "1.2");
        assertEquals("CONNECTED\nversion:1.2\nheart-beat:4000,4000\nserver:Parley:0.1\\x\n\n\0", text);
    }

    @ParameterizedTest
    @ValueSource(strings = {"1.0", "1.1", "1.2"})
    void encoded_send_frames_round_trip_through_the_decoder(String version) throws Exception {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("destination", "/queue/a:b");
        headers.put("receipt", "r-1 ünïcødé");
        if (!version.equals("1.0")) {
            headers.put("odd\nname:", "back\\slash\nnew:line");
        }
        Frame frame = Frame.of("SEND", headers, "body with \0 NUL and ✓");
        FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULT);
        decoder.version(version);
        Frame decoded = decoder.feed(utf8(FrameEncoder.encode(frame, version))).get(0);
        assertEquals(frame.command(), decoded.command());
        assertEquals(frame.bodyText(), decoded.bodyText());
        assertEquals(
                List.copyOf(headers.entrySet()),
                List.copyOf(decoded.headers().entrySet()).subList(0, headers.size()));
        assertEquals(String.valueOf(utf8(frame.bodyText()).length), decoded.header("content-length"));
    }

    @Test
    void unsupported_version_is_a_programming_error() {
        assertThrows(
                IllegalArgumentException.class, () -> FrameEncoder.encode(Frame.of("RECEIPT", Map.of(), ""), "2.0"));
    }
}
