package io.parley.stomp;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Decodes the frames a client sends, one decoder per connection. NOT thread-safe: each WebSocket
 * delivers its messages serially. Lines are parsed as soon as they are complete and only the
 * unfinished rest is kept between calls, remembering how far it was searched for a line end or
 * NUL, so a frame trickling in byte by byte costs linear time.
 */
public final class FrameDecoder {
    private static final int KEPT_BUFFER_BYTES = 16 * 1024;

    private enum State {
        BETWEEN_FRAMES,
        COMMAND,
        HEADERS,
        BODY
    }

    private final FrameLimits limits;
    private final HeaderLines lines = new HeaderLines();
    private String failure;

    // Bytes kept from earlier calls: buffer[start, end).
    private byte[] buffer = new byte[0];
    private int start;
    private int end;
    // Bytes being parsed now (the caller's array, or buffer when something was kept): in[pos, lim).
    private byte[] in;
    private int pos;
    private int lim;
    private int scanned;

    private State state = State.BETWEEN_FRAMES;
    private String command;
    private Map<String, String> headers;
    private int headerCount;
    private int frameBytes;
    private int contentLength;

    public FrameDecoder(FrameLimits limits) {
        this.limits = limits;
    }

    /** "1.0", "1.1" or "1.2" (the default until set); header unescaping depends on it. */
    public void version(String version) {
        lines.version(version);
    }

    /**
     * Feeds the bytes of one WebSocket message and returns the frames it completed, in order.
     * After a FrameException the decoder stays failed: every later call throws one too.
     */
    public List<Frame> feed(byte[] data) throws FrameException {
        if (failure != null) {
            throw new FrameException(failure);
        }
        List<Frame> frames = new ArrayList<>(2);
        begin(data);
        try {
            for (Frame frame = next(); frame != null; frame = next()) {
                frames.add(frame);
            }
        } catch (FrameException e) {
            failure = e.getMessage();
            buffer = null;
            in = null;
            throw e;
        }
        keepRest();
        return frames;
    }

    private Frame next() throws FrameException {
        while (true) {
            switch (state) {
                case BETWEEN_FRAMES -> {
                    if (!skipHeartBeats()) {
                        return null;
                    }
                    state = State.COMMAND;
                }
                case COMMAND, HEADERS -> {
                    int length = nextLine();
                    if (length < 0) {
                        return null;
                    }
                    line(length);
                }
                case BODY -> {
                    return body();
                }
            }
        }
    }

    private boolean skipHeartBeats() {
        while (pos < lim) {
            if (in[pos] == '\n') {
                pos++;
            } else if (in[pos] == '\r' && pos + 1 < lim && in[pos + 1] == '\n') {
                pos += 2;
            } else {
                return !(in[pos] == '\r' && pos + 1 == lim);
            }
        }
        return false;
    }

    /** Length of the next line with its LF, or -1 while it is incomplete. */
    private int nextLine() throws FrameException {
        for (int i = pos + scanned; i < lim; i++) {
            byte b = in[i];
            if (b == '\n') {
                scanned = 0;
                int length = i + 1 - pos;
                checkLine(length - (i > pos && in[i - 1] == '\r' ? 2 : 1), length);
                return length;
            }
            if (b == 0) {
                throw new FrameException("unexpected NUL in frame headers");
            }
        }
        scanned = lim - pos;
        checkLine(scanned - 1, scanned);
        return -1;
    }

    private void checkLine(int contentBytes, int rawBytes) throws FrameException {
        if (contentBytes > limits.maxHeaderLineBytes()) {
            throw new FrameException("header line too long");
        }
        if (frameBytes + rawBytes > limits.maxFrameBytes()) {
            throw new FrameException("frame too large");
        }
    }

    private void line(int length) throws FrameException {
        int from = pos;
        int to = pos + length - 1;
        if (to > from && in[to - 1] == '\r') {
            to--;
        }
        frameBytes += length;
        pos += length;
        if (state == State.COMMAND) {
            command = lines.command(in, from, to);
            headers = new LinkedHashMap<>();
            headerCount = 0;
            state = State.HEADERS;
        } else if (to == from) {
            contentLength =
                    HeaderLines.contentLength(headers.get("content-length"), frameBytes, limits.maxFrameBytes());
            state = State.BODY;
        } else if (++headerCount > limits.maxHeaders()) {
            throw new FrameException("too many headers");
        } else {
            lines.header(command, headers, in, from, to);
        }
    }

    private Frame body() throws FrameException {
        if (contentLength >= 0) {
            if (lim - pos <= contentLength) {
                return null;
            }
            if (in[pos + contentLength] != 0) {
                throw new FrameException("missing NUL after the body");
            }
            return finish(pos + contentLength);
        }
        for (int i = pos + scanned; i < lim; i++) {
            if (in[i] == 0) {
                return finish(i);
            }
        }
        scanned = lim - pos;
        if (frameBytes + scanned > limits.maxFrameBytes()) {
            throw new FrameException("frame too large");
        }
        return null;
    }

    private Frame finish(int nul) throws FrameException {
        if (frameBytes + nul - pos > limits.maxFrameBytes()) {
            throw new FrameException("frame too large");
        }
        Frame frame = new Frame(command, headers, Arrays.copyOfRange(in, pos, nul));
        pos = nul + 1;
        scanned = 0;
        frameBytes = 0;
        headers = null;
        state = State.BETWEEN_FRAMES;
        return frame;
    }

    private void begin(byte[] data) {
        if (start == end) {
            in = data;
            pos = 0;
            lim = data.length;
            return;
        }
        if (buffer.length - end < data.length) {
            int kept = end - start;
            byte[] target = kept + data.length <= buffer.length
                    ? buffer
                    : new byte[Math.max(kept + data.length, buffer.length * 2)];
            System.arraycopy(buffer, start, target, 0, kept);
            buffer = target;
            start = 0;
            end = kept;
        }
        System.arraycopy(data, 0, buffer, end, data.length);
        end += data.length;
        in = buffer;
        pos = start;
        lim = end;
    }

    private void keepRest() {
        if (in != buffer) {
            int rest = lim - pos;
            if (buffer.length < rest) {
                buffer = new byte[Math.max(rest, 256)];
            }
            System.arraycopy(in, pos, buffer, 0, rest);
            end = rest;
            pos = 0;
        }
        start = pos;
        if (start == end) {
            start = 0;
            end = 0;
            if (buffer.length > KEPT_BUFFER_BYTES) {
                buffer = new byte[0];
            }
        }
        in = null;
    }
}
