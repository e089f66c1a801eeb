package io.parley.stomp;

import io.parley.support.StompClient;
import java.util.ArrayList;
import java.util.List;

/**
 * A socket that records what the connection writes and finishes each write only when told to,
 * so a test can play a peer that reads promptly or one that has stopped reading.
 */
final class FakeTransport implements Transport {
    final List<String> sent = new ArrayList<>();
    private final List<Runnable> unfinished = new ArrayList<>();
    boolean autoFinish = true;
    Integer closeCode;
    boolean aborted;

    @Override
    public synchronized void sendText(String text, Runnable done) {
        sent.add(text);
        if (autoFinish) {
            done.run();
        } else {
            unfinished.add(done);
        }
    }

    @Override
    public synchronized void close(int code, String reason) {
        closeCode = code;
    }

    @Override
    public synchronized void abort() {
        aborted = true;
    }

    /** The peer reads everything written so far. */
    synchronized void finishAll() {
        unfinished.forEach(Runnable::run);
        unfinished.clear();
    }

    /** The frames written so far, decoded. */
    synchronized List<Frame> frames() {
        return StompClient.parseServerFrames(String.join("", sent));
    }

    synchronized Frame last() {
        List<Frame> frames = frames();
        return frames.get(frames.size() - 1);
    }
}
