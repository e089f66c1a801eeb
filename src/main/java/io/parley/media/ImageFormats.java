package io.parley.media;

import java.nio.BufferUnderflowException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.util.zip.CRC32;

/**
 * Structure walks of the four image formats (no pixels are decoded, so a small file claiming a huge
 * image costs nothing). Each returns true only when the bytes are exactly one well-formed file.
 */
final class ImageFormats {
    private static final byte[] PNG_SIGNATURE = {(byte) 0x89, 'P', 'N', 'G', '\r', '\n', 0x1a, '\n'};

    private ImageFormats() {}

    /** Signature, then chunks with valid CRCs, IHDR first, ending with IEND at the last byte. */
    static boolean isPng(ByteBuffer b) {
        try {
            if (!startsWith(b, PNG_SIGNATURE)) return false;
            b.position(PNG_SIGNATURE.length);
            boolean first = true;
            while (b.hasRemaining()) {
                int length = b.getInt();
                if (length < 0 || length > b.remaining() - 8) return false;
                byte[] typeBytes = new byte[4];
                b.get(b.position(), typeBytes);
                String type = new String(typeBytes, StandardCharsets.ISO_8859_1);
                CRC32 crc = new CRC32();
                crc.update(b.slice(b.position(), 4 + length)); // the mapped file, never copied to the heap
                b.position(b.position() + 4 + length);
                if ((int) crc.getValue() != b.getInt()) return false;
                if (first != type.equals("IHDR")) return false;
                first = false;
                if (type.equals("IEND")) return !b.hasRemaining();
            }
            return false;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException truncated) {
            return false;
        }
    }

    /** SOI, marker segments, entropy-coded scans, and EOI as the last two bytes. */
    static boolean isJpeg(ByteBuffer b) {
        try {
            if (b.remaining() < 4 || (b.get() & 0xff) != 0xff || (b.get() & 0xff) != 0xd8) return false;
            while (true) {
                if ((b.get() & 0xff) != 0xff) return false;
                int marker = b.get() & 0xff;
                while (marker == 0xff) marker = b.get() & 0xff; // fill bytes
                if (marker == 0xd9) return !b.hasRemaining();
                if (marker == 0xd8 || marker == 0x00 || (marker >= 0xd0 && marker <= 0xd7)) return false;
                int length = b.getShort() & 0xffff;
                if (length < 2 || length - 2 > b.remaining()) return false;
                b.position(b.position() + length - 2);
                if (marker == 0xda) skipScan(b);
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException truncated) {
            return false;
        }
    }

    /** Entropy-coded data: an 0xFF is followed by 0x00 (stuffing) or a restart marker, else a new marker. */
    private static void skipScan(ByteBuffer b) {
        while (true) {
            if ((b.get() & 0xff) != 0xff) continue;
            int next = b.get(b.position()) & 0xff;
            if (next == 0x00 || (next >= 0xd0 && next <= 0xd7)) {
                b.get();
            } else if (next != 0xff) {
                b.position(b.position() - 1);
                return;
            }
        }
    }

    /**
     * Header, screen descriptor, then extensions and images made of sub-blocks, and the trailer as the
     * last byte. A screen width whose bytes read "/*" is the classic GIF/JavaScript polyglot's opening
     * comment: no real GIF is 10799 pixels wide by accident, so it is refused as well.
     */
    static boolean isGif(ByteBuffer b) {
        try {
            if (!startsWith(b, "GIF87a".getBytes(StandardCharsets.US_ASCII))
                    && !startsWith(b, "GIF89a".getBytes(StandardCharsets.US_ASCII))) return false;
            b.order(ByteOrder.LITTLE_ENDIAN).position(6);
            if (b.get(6) == '/' && b.get(7) == '*') return false;
            b.position(10);
            skipColorTable(b, b.get() & 0xff);
            b.position(b.position() + 2); // background colour, aspect ratio
            while (true) {
                int block = b.get() & 0xff;
                if (block == 0x3b) return !b.hasRemaining();
                if (block == 0x21) {
                    b.get(); // label
                    skipSubBlocks(b);
                } else if (block == 0x2c) {
                    b.position(b.position() + 8);
                    skipColorTable(b, b.get() & 0xff);
                    int lzwMinimum = b.get() & 0xff;
                    if (lzwMinimum < 2 || lzwMinimum > 11) return false;
                    skipSubBlocks(b);
                } else {
                    return false;
                }
            }
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException truncated) {
            return false;
        }
    }

    private static void skipColorTable(ByteBuffer b, int packed) {
        if ((packed & 0x80) != 0) {
            b.position(b.position() + 3 * (1 << ((packed & 0x07) + 1)));
        }
    }

    private static void skipSubBlocks(ByteBuffer b) {
        for (int size = b.get() & 0xff; size != 0; size = b.get() & 0xff) {
            b.position(b.position() + size);
        }
    }

    /** RIFF container of exactly the file's length, holding WEBP chunks that fill it to the last byte. */
    static boolean isWebp(ByteBuffer b) {
        try {
            if (b.remaining() < 20
                    || !startsWith(b, "RIFF".getBytes(StandardCharsets.US_ASCII))
                    || !ascii(b, 8, "WEBP")) return false;
            b.order(ByteOrder.LITTLE_ENDIAN);
            if ((b.getInt(4) & 0xffffffffL) != b.remaining() - 8L) return false;
            if (!ascii(b, 12, "VP8 ") && !ascii(b, 12, "VP8L") && !ascii(b, 12, "VP8X")) return false;
            b.position(12);
            while (b.hasRemaining()) {
                b.position(b.position() + 4);
                long size = b.getInt() & 0xffffffffL;
                long padded = size + (size & 1);
                if (padded > b.remaining()) return false;
                b.position(b.position() + (int) padded);
            }
            return true;
        } catch (BufferUnderflowException | IndexOutOfBoundsException | IllegalArgumentException truncated) {
            return false;
        }
    }

    static boolean startsWith(ByteBuffer b, byte[] prefix) {
        if (b.remaining() < prefix.length) return false;
        for (int i = 0; i < prefix.length; i++) {
            if (b.get(b.position() + i) != prefix[i]) return false;
        }
        return true;
    }

    private static boolean ascii(ByteBuffer b, int offset, String text) {
        for (int i = 0; i < text.length(); i++) {
            if (b.get(offset + i) != text.charAt(i)) return false;
        }
        return true;
    }
}
