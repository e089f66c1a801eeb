package io.parley.media;

import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;

/** PDF and plain text: the two kinds of file that are offered as downloads, never shown inline. */
final class DocumentFormats {
    private static final byte[] PDF_MAGIC = "%PDF-".getBytes(StandardCharsets.US_ASCII);

    private DocumentFormats() {}

    /** "%PDF-" at byte 0 and "%%EOF" as the last line: no bytes before or after the document. */
    static boolean isPdf(ByteBuffer b) {
        if (!ImageFormats.startsWith(b, PDF_MAGIC)) return false;
        int end = b.limit();
        while (end > 0 && isLineSpace(b.get(end - 1))) end--;
        byte[] eof = "%%EOF".getBytes(StandardCharsets.US_ASCII);
        if (end < 5 + eof.length) return false;
        for (int i = 0; i < eof.length; i++) {
            if (b.get(end - eof.length + i) != eof[i]) return false;
        }
        return true;
    }

    /** Valid UTF-8 without NUL, not starting with a tag after a BOM and white space. */
    static boolean isPlainText(ByteBuffer b) {
        if (ImageFormats.startsWith(b, PDF_MAGIC)) {
            return false; // a PDF that failed its own check is a broken PDF, not text
        }
        CharsetDecoder utf8 = StandardCharsets.UTF_8
                .newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        CharBuffer chars = CharBuffer.allocate(8192);
        String start = null;
        while (true) {
            var result = utf8.decode(b, chars, true);
            if (result.isError()) return false;
            chars.flip();
            for (int i = 0; i < chars.length(); i++) {
                if (chars.charAt(i) == 0) return false;
            }
            if (start == null) start = chars.toString();
            chars.clear();
            if (result.isUnderflow()) break;
        }
        try {
            utf8.flush(chars);
        } catch (IllegalStateException impossible) {
            return false;
        }
        return !looksLikeMarkup(start);
    }

    /**
     * HTML, SVG, XML and script files all open with a tag ({@code <html}, {@code <svg}, {@code <?xml},
     * {@code <!doctype}, {@code <script}, a comment); plain text rarely does, so any leading tag is refused.
     */
    static boolean looksLikeMarkup(String start) {
        return start.replaceFirst("^\uFEFF", "").stripLeading().startsWith("<");
    }

    private static boolean isLineSpace(byte value) {
        return value == '\r' || value == '\n' || value == ' ' || value == '\t' || value == 0;
    }
}
