package io.parley.media;

import io.parley.errors.BadRequest;
import io.parley.errors.PayloadTooLarge;
import io.parley.errors.RequestTimeout;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Locale;
import java.util.concurrent.TimeoutException;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * Reads a {@code multipart/form-data} body as it arrives, with Jetty's parser, writing the part named
 * {@code file} straight to a file: nothing but one read buffer is held in memory, and the size
 * limit and the time limit stop the read the moment they are passed.
 */
final class MultipartUpload {
    /** Room for the boundaries, part headers and small fields around the file. */
    private static final long ENVELOPE_BYTES = 64 * 1024;

    private static final int READ_BUFFER = 16 * 1024;

    /** The received file part; {@code name} is the client's file name (not yet cleaned). */
    record Received(String name, long size) {}

    private MultipartUpload() {}

    /**
     * After a 413 the rest of the body is read and dropped, up to this much, so that a client still
     * sending can read the answer instead of a reset connection; past it the connection is closed.
     */
    private static final long DRAIN_BYTES = 4L * 1024 * 1024;

    /**
     * {@code declaredLength}: the request's Content-Length, or -1. A body declared larger than the
     * limit allows is refused before a byte is read (a client that waits for "100 Continue" then
     * sends nothing).
     */
    static Received read(
            MediaService.Body bodySource,
            String contentType,
            long declaredLength,
            Path target,
            long maxFileBytes,
            long deadlineNanos) {
        if (declaredLength > maxFileBytes + ENVELOPE_BYTES) {
            throw tooLarge(maxFileBytes);
        }
        InputStream body;
        try {
            body = bodySource.open();
        } catch (IOException e) {
            throw new UncheckedIOException("could not read the upload", e);
        }
        try {
            return parse(body, contentType, target, maxFileBytes, deadlineNanos);
        } catch (PayloadTooLarge e) {
            drain(body, deadlineNanos);
            throw e;
        }
    }

    private static void drain(InputStream body, long deadlineNanos) {
        byte[] sink = new byte[READ_BUFFER];
        long drained = 0;
        try {
            for (int n = 0;
                    n >= 0 && drained < DRAIN_BYTES && System.nanoTime() - deadlineNanos < 0;
                    n = body.read(sink)) {
                drained += n;
            }
        } catch (IOException ignored) { // the client went away: nobody to answer
        }
    }

    private static Received parse(
            InputStream body, String contentType, Path target, long maxFileBytes, long deadlineNanos) {
        String boundary = contentType == null ? null : MultiPart.extractBoundary(contentType);
        if (boundary == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/form-data")) {
            throw new BadRequest("the body must be multipart/form-data with one part named 'file'");
        }
        try (FileChannel out = FileChannel.open(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
            FilePart listener = new FilePart(out, maxFileBytes);
            MultiPart.Parser parser = new MultiPart.Parser(boundary, listener);
            parser.setMaxParts(16);
            long total = 0;
            while (!listener.complete) {
                if (System.nanoTime() - deadlineNanos > 0) {
                    throw new RequestTimeout("the upload took too long: send the file again on a faster connection");
                }
                byte[] buffer = new byte[READ_BUFFER]; // the parser may keep a reference until its next call
                int n = readFromClient(body, buffer);
                if (n < 0) {
                    parser.parse(Content.Chunk.EOF);
                    break;
                }
                total += n;
                if (total > maxFileBytes + ENVELOPE_BYTES) {
                    throw tooLarge(maxFileBytes);
                }
                parser.parse(Content.Chunk.from(ByteBuffer.wrap(buffer, 0, n), false));
                listener.rethrow();
            }
            listener.rethrow();
            if (!listener.complete) {
                throw new BadRequest("the multipart body ended before its closing boundary");
            }
            if (listener.fileName == null) {
                throw new BadRequest("the multipart body has no part named 'file'");
            }
            out.force(true); // a 200 means the file is on disk, as for messages
            return new Received(listener.fileName, listener.size);
        } catch (IOException e) { // the disk, not the client: a 500 that is logged
            throw new UncheckedIOException("could not store the upload", e);
        }
    }

    /** A client that stalls past Jetty's idle timeout or drops the connection is its own error, not ours. */
    private static int readFromClient(InputStream body, byte[] buffer) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            if (e instanceof java.io.InterruptedIOException || e.getCause() instanceof TimeoutException) {
                throw new RequestTimeout("the upload stalled: send the file again");
            }
            throw new BadRequest("the upload was interrupted: send the file again");
        }
    }

    static PayloadTooLarge tooLarge(long maxFileBytes) {
        return new PayloadTooLarge("the file is larger than the limit of " + maxFileBytes + " bytes");
    }
}
