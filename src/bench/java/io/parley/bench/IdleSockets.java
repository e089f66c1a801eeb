package io.parley.bench;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scenario 1: open idle visitor sockets (authenticate, CONNECT with heart-beats, SUBSCRIBE),
 * measuring the server's memory at {@code baseline} sockets and at the most it held.
 */
final class IdleSockets {
    private static final int IN_FLIGHT = 64;
    private static final int GIVE_UP_AFTER_FAILURES = 200;

    record Memory(long rssKb, long liveHeapBytes) {}

    record Result(
            int attempted,
            int held,
            int failed,
            String firstError,
            double openSeconds,
            Memory atBaseline,
            Memory atMax,
            int baseline) {

        double rssBytesPerSocket() {
            return atBaseline == null || atMax == null || held <= baseline
                    ? Double.NaN
                    : (atMax.rssKb() - atBaseline.rssKb()) * 1024.0 / (held - baseline);
        }

        double heapBytesPerSocket() {
            return atBaseline == null || atMax == null || held <= baseline
                    ? Double.NaN
                    : (double) (atMax.liveHeapBytes() - atBaseline.liveHeapBytes()) / (held - baseline);
        }
    }

    private final List<Sock> held = Collections.synchronizedList(new ArrayList<>());
    private final AtomicInteger failed = new AtomicInteger();
    private final AtomicReference<String> firstError = new AtomicReference<>();

    List<Sock> sockets() {
        return held;
    }

    /** {@code server} may be null (the smoke test): then memory is not measured. */
    Result run(Target target, int count, int baseline, ServerProcess server) throws Exception {
        long openNanos = 0;
        Memory atBaseline = null;
        int first = Math.min(baseline, count);
        long start = System.nanoTime();
        open(target, first);
        openNanos += System.nanoTime() - start;
        if (server != null && held.size() >= baseline && count > baseline) {
            atBaseline = measure(server);
        }
        start = System.nanoTime();
        open(target, count - first);
        openNanos += System.nanoTime() - start;
        Thread.sleep(3_000); // hold: a socket the server drops in the meantime does not count
        held.removeIf(Sock::isClosed);
        Memory atMax = server != null && atBaseline != null ? measure(server) : null;
        return new Result(
                count,
                held.size(),
                count - held.size(),
                firstError.get(),
                openNanos / 1e9,
                atBaseline,
                atMax,
                baseline);
    }

    private void open(Target target, int count) throws InterruptedException {
        Semaphore slots = new Semaphore(IN_FLIGHT);
        for (int i = 0; i < count && failed.get() < GIVE_UP_AFTER_FAILURES; i++) {
            slots.acquire();
            target.newVisitor()
                    .thenCompose(target::openVisitorSocket)
                    .orTimeout(30, TimeUnit.SECONDS)
                    .whenComplete((sock, error) -> {
                        if (error != null) {
                            failed.incrementAndGet();
                            firstError.compareAndSet(
                                    null, String.valueOf(error.getCause() != null ? error.getCause() : error));
                        } else {
                            held.add(sock);
                        }
                        slots.release();
                    });
        }
        slots.acquire(IN_FLIGHT);
    }

    static Memory measure(ServerProcess server) throws Exception {
        long heap = server.liveHeapBytes(); // full GC first, so RSS below is after it too
        return new Memory(server.rssKb(), heap);
    }

    /** Closes all but {@code keep} sockets. */
    void trimTo(int keep) {
        synchronized (held) {
            while (held.size() > keep) {
                held.remove(held.size() - 1).abort();
            }
        }
    }
}
