package io.parley.media;

import java.awt.image.BufferedImage;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import javax.imageio.ImageIO;

/** Real files of each accepted kind, made by the JDK's encoders, and hostile ones. */
final class Samples {
    private Samples() {}

    static byte[] image(String format) {
        BufferedImage image = new BufferedImage(3, 2, BufferedImage.TYPE_INT_RGB);
        image.setRGB(1, 1, 0xff8800);
        var out = new ByteArrayOutputStream();
        try {
            if (!ImageIO.write(image, format, out)) throw new IllegalStateException("no writer for " + format);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** A lossless WebP container (RIFF, one VP8L chunk of odd length and its pad byte). */
    static byte[] webp() {
        byte[] vp8l = {0x2f, 0x00, 0x00, 0x00, 0x10, 0x07, 0x10, 0x11, 0x11, (byte) 0x88, (byte) 0x88, (byte) 0xfe, 0x07
        };
        ByteBuffer b = ByteBuffer.allocate(12 + 8 + vp8l.length + 1).order(ByteOrder.LITTLE_ENDIAN);
        b.put(ascii("RIFF")).putInt(b.capacity() - 8).put(ascii("WEBP"));
        b.put(ascii("VP8L")).putInt(vp8l.length).put(vp8l).put((byte) 0);
        return b.array();
    }

    static byte[] pdf() {
        return ascii("%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\ntrailer << /Root 1 0 R >>\n%%EOF\n");
    }

    static byte[] svgWithScript() {
        return ascii("<?xml version=\"1.0\"?>\n<svg xmlns=\"http://www.w3.org/2000/svg\"><script>alert(document.cookie)"
                + "</script></svg>");
    }

    static byte[] html() {
        return ascii("\n  <!DOCTYPE html><html><body><script>fetch('/x?c='+document.cookie)</script></body></html>");
    }

    /** A well-formed GIF with a script after its trailer: a browser told it is JavaScript runs it. */
    static byte[] gifThenScript() {
        return concat(image("gif"), ascii("*/=1;alert(document.domain);"));
    }

    /** The classic polyglot: "GIF89a/*" opens a JS comment, the image closes it, the script follows. */
    static byte[] gifJsPolyglot() {
        byte[] gif = image("gif");
        gif[6] = '/';
        gif[7] = '*';
        return gif;
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] both = new byte[a.length + b.length];
        System.arraycopy(a, 0, both, 0, a.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    static byte[] ascii(String text) {
        return text.getBytes(StandardCharsets.ISO_8859_1);
    }
}
