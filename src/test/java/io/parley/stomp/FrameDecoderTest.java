package io.parley.stomp;

import static io.parley.stomp.FrameTest.utf8;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class FrameDecoderTest {
    static final String STOMPJS_CONNECT =
            "CONNECT\naccept-version:1.2,1.1,1.0\nheart-beat:4000,4000\nAuthorization:Bearer abc\n\n\0";

    @Test
    void connect_as_stompjs_7_sends_it_is_decoded() throws Exception {
        Frame frame = single(STOMPJS_CONNECT);
        assertEquals("CONNECT", frame.command());
        assertEquals(
                List.of("accept-version", "heart-beat", "Authorization"),
                List.copyOf(frame.headers().keySet()));
        assertEquals("1.2,1.1,1.0", frame.header("accept-version"));
        assertEquals("4000,4000", frame.header("heart-beat"));
        assertEquals("Bearer abc", frame.header("Authorization"));
        assertEquals(0, frame.body().length);
    }

    @Test
    void crlf_line_ends_are_accepted_and_the_cr_is_stripped() throws Exception {
        Frame frame = single("SUBSCRIBE\r\nid:sub-0\r\ndestination:/queue/message\r\n\r\n\0");
        assertEquals("SUBSCRIBE", frame.command());
        assertEquals(Map.of("id", "sub-0", "destination", "/queue/message"), frame.headers());
    }

    @Test
    void header_value_is_everything_after_the_first_colon() throws Exception {
        assertEquals(
                "http://x:8080/a", single("SEND\nurl:http://x:8080/a\n\n\0").header("url"));
        assertEquals("", single("SEND\nempty:\n\n\0").header("empty"));
    }

    @Test
    void version_1_2_unescapes_backslash_newline_colon_and_carriage_return() throws Exception {
        Frame frame = single("SEND\na\\cb:1\\\\2\\n3\\c4\\r5\n\n\0");
        assertEquals(Map.of("a:b", "1\\2\n3:4\r5"), frame.headers());
    }

    @Test
    void version_1_1_unescapes_but_has_no_carriage_return_escape() throws Exception {
        assertEquals(
                Map.of("a:b", "1\\2\n3:4"),
                single("1.1", "SEND\na\\cb:1\\\\2\\n3\\c4\n\n\0").headers());
        assertEquals("invalid header escape", rejected("1.1", "SEND\na:x\\ry\n\n\0"));
    }

    @Test
    void version_1_0_takes_backslashes_literally() throws Exception {
        assertEquals(
                Map.of("a\\c", "x\\ty\\n"),
                single("1.0", "SEND\na\\c:x\\ty\\n\n\n\0").headers());
    }

    @Test
    void connect_and_stomp_headers_are_never_unescaped() throws Exception {
        assertEquals(
                "Bearer a\\nb",
                single("CONNECT\nAuthorization:Bearer a\\nb\n\n\0").header("Authorization"));
        assertEquals("x\\ty", single("STOMP\nlogin:x\\ty\n\n\0").header("login"));
    }

    @Test
    void a_raw_colon_in_a_1_2_value_is_kept() throws Exception {
        assertEquals("a:b", single("SEND\nx:a:b\n\n\0").header("x"));
    }

    @Test
    void repeated_headers_keep_the_first_value() throws Exception {
        Frame frame = single("SEND\nfoo:first\nbar:1\nfoo:second\n\n\0");
        assertEquals("first", frame.header("foo"));
        assertEquals(List.of("foo", "bar"), List.copyOf(frame.headers().keySet()));
    }

    @Test
    void content_length_body_may_contain_nul_bytes() throws Exception {
        Frame frame = single("SEND\ncontent-length:5\n\na\0b\0c\0");
        assertArrayEquals(new byte[] {'a', 0, 'b', 0, 'c'}, frame.body());
    }

    @Test
    void without_content_length_the_body_runs_to_the_first_nul() throws Exception {
        List<Frame> frames = decode("SEND\n\nhello\0\nSEND\n\n\0");
        assertEquals("hello", frames.get(0).bodyText());
        assertEquals(0, frames.get(1).body().length);
    }

    @Test
    void body_bytes_are_returned_raw_even_when_not_utf8() throws Exception {
        byte[] input = concat(utf8("SEND\ncontent-length:3\n\n"), new byte[] {(byte) 0xff, (byte) 0xc3, 0x28, 0});
        assertArrayEquals(
                new byte[] {(byte) 0xff, (byte) 0xc3, 0x28},
                new FrameDecoder(FrameLimits.DEFAULT).feed(input).get(0).body());
    }

    @Test
    void frames_split_at_every_byte_offset_decode_the_same() throws Exception {
        byte[] input = utf8("\r\nSEND\r\ndestination:/q/é中😀\r\nx:a\\c\\n\r\ncontent-length:4\r\n\r\n€\0\0" + "\n"
                + STOMPJS_CONNECT + "\r\n");
        List<Frame> whole = new FrameDecoder(FrameLimits.DEFAULT).feed(input);
        assertEquals(2, whole.size());
        assertEquals("/q/é中😀", whole.get(0).header("destination"));
        for (int cut = 0; cut <= input.length; cut++) {
            FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULT);
            List<Frame> frames = new ArrayList<>(decoder.feed(Arrays.copyOfRange(input, 0, cut)));
            frames.addAll(decoder.feed(Arrays.copyOfRange(input, cut, input.length)));
            assertEquals(whole, frames, "split at " + cut);
        }
        FrameDecoder bytewise = new FrameDecoder(FrameLimits.DEFAULT);
        List<Frame> frames = new ArrayList<>();
        for (byte b : input) {
            frames.addAll(bytewise.feed(new byte[] {b}));
        }
        assertEquals(whole, frames);
    }

    @Test
    void several_frames_and_heart_beats_in_one_feed_come_out_in_order() throws Exception {
        List<Frame> frames = decode("\n\r\n" + STOMPJS_CONNECT + "\n\nSUBSCRIBE\nid:1\n\n\0\r\n\n"
                + "UNSUBSCRIBE\nid:1\n\n\0DISCONNECT\nreceipt:9\n\n\0\n");
        assertEquals(
                List.of("CONNECT", "SUBSCRIBE", "UNSUBSCRIBE", "DISCONNECT"),
                frames.stream().map(Frame::command).toList());
    }

    @Test
    void heart_beats_alone_give_no_frames_even_when_crlf_is_split() throws Exception {
        FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULT);
        assertEquals(List.of(), decoder.feed(utf8("\n")));
        assertEquals(List.of(), decoder.feed(utf8("\r")));
        assertEquals(List.of(), decoder.feed(utf8("\n\r\n")));
        assertEquals(List.of(), decoder.feed(new byte[0]));
        assertEquals("ACK", decoder.feed(utf8("ACK\nid:1\n\n\0")).get(0).command());
    }

    @Test
    void a_partial_frame_is_kept_until_the_next_feed() throws Exception {
        FrameDecoder decoder = new FrameDecoder(FrameLimits.DEFAULT);
        assertEquals(List.of(), decoder.feed(utf8("SEND\ndestination:/a\n\nhel")));
        assertEquals(List.of(), decoder.feed(utf8("lo")));
        List<Frame> frames = decoder.feed(utf8(" world\0BEGIN\ntransaction:t"));
        assertEquals("hello world", frames.get(0).bodyText());
        assertEquals("t1", decoder.feed(utf8("1\n\n\0")).get(0).header("transaction"));
    }

    @Test
    void a_large_frame_fed_byte_by_byte_decodes_whole() throws FrameException {
        // speed is the benchmark's business; this checks that resuming mid-line keeps every byte
        FrameDecoder decoder = new FrameDecoder(new FrameLimits(1 << 20, 64, 1 << 20));
        byte[] input = utf8("SEND\nlong:" + "v".repeat(200_000) + "\n\n" + "b".repeat(500_000) + "\0");
        List<Frame> frames = new ArrayList<>();
        for (byte b : input) {
            frames.addAll(decoder.feed(new byte[] {b}));
        }
        assertEquals(1, frames.size());
        assertEquals(200_000, frames.get(0).header("long").length());
        assertEquals(500_000, frames.get(0).body().length);
    }

    static Frame single(String input) throws FrameException {
        return single("1.2", input);
    }

    static Frame single(String version, String input) throws FrameException {
        List<Frame> frames = decode(version, FrameLimits.DEFAULT, input);
        assertEquals(1, frames.size(), frames.toString());
        return frames.get(0);
    }

    static List<Frame> decode(String input) throws FrameException {
        return decode("1.2", FrameLimits.DEFAULT, input);
    }

    static List<Frame> decode(String version, FrameLimits limits, String input) throws FrameException {
        FrameDecoder decoder = new FrameDecoder(limits);
        decoder.version(version);
        return decoder.feed(utf8(input));
    }

    static String rejected(String version, String input) {
        FrameException e = assertThrows(FrameException.class, () -> decode(version, FrameLimits.DEFAULT, input));
        assertTrue(e.getMessage().length() < 100, e.getMessage());
        return e.getMessage();
    }

    static byte[] concat(byte[]... parts) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (byte[] part : parts) {
            out.writeBytes(part);
        }
        return out.toByteArray();
    }
}
