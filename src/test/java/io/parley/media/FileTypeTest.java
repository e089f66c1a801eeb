package io.parley.media;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/** The structure checks on their own: each accepted kind, and the same file made hostile or broken. */
class FileTypeTest {
    private static FileType detect(byte[] bytes) {
        return FileType.detect(ByteBuffer.wrap(bytes));
    }

    @Test
    void real_files_are_recognised() {
        assertEquals(FileType.PNG, detect(Samples.image("png")));
        assertEquals(FileType.JPEG, detect(Samples.image("jpg")));
        assertEquals(FileType.GIF, detect(Samples.image("gif")));
        assertEquals(FileType.WEBP, detect(Samples.webp()));
        assertEquals(FileType.PDF, detect(Samples.pdf()));
        assertEquals(FileType.TEXT, detect("\uFEFFplain 1 < 2\n".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bytes_after_the_end_of_an_image_or_a_pdf_are_refused() {
        byte[] script = Samples.ascii("<script>alert(1)</script>");
        for (byte[] file : new byte[][] {
            Samples.image("png"), Samples.image("jpg"), Samples.image("gif"), Samples.webp(), Samples.pdf()
        }) {
            assertNull(detect(Samples.concat(file, script)), () -> Arrays.toString(Arrays.copyOf(file, 8)));
        }
    }

    @Test
    void truncated_or_tampered_images_are_refused() {
        byte[] png = Samples.image("png");
        png[png.length - 20] ^= 1; // a CRC no longer matches
        assertNull(detect(png));
        byte[] jpeg = Samples.image("jpg");
        assertNull(detect(Arrays.copyOf(jpeg, jpeg.length - 2)));
        byte[] webp = Samples.webp();
        webp[4]++; // the RIFF size no longer is the file's
        assertNull(detect(webp));
        assertNull(detect(Samples.gifJsPolyglot()));
    }

    @Test
    void markup_and_binary_are_not_text() {
        assertNull(detect(Samples.ascii("  \n<svg onload=alert(1)>")));
        assertNull(detect("\uFEFF<!DOCTYPE html>".getBytes(StandardCharsets.UTF_8)));
        assertNull(detect(Samples.ascii("<?xml version=\"1.0\"?><x/>")));
        assertNull(detect(new byte[] {'a', 0, 'b'}));
        assertNull(detect(new byte[] {(byte) 0xc3, (byte) 0x28}));
        assertNull(detect(new byte[] {(byte) 0xed, (byte) 0xa0, (byte) 0x80})); // an encoded surrogate
    }
}
