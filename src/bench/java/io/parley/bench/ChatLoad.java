package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;

/**
 * Scenario 2: {@code visitors} active visitors post at a steady total {@code rate} (open loop),
 * an operator replies once per {@code replyEvery} visitor messages. Every message carries a
 * marker; each visitor socket and the operator socket must see each committed message exactly once.
 */
final class ChatLoad {
    private static final int IN_FLIGHT = 256;

    record Result(
            String target,
            int issued,
            int ok,
            int failed,
            int lostAtVisitor,
            int duplicatedAtVisitor,
            int lostAtOperator,
            int duplicatedAtOperator,
            int deliveredWithoutOk,
            boolean operatorReplies,
            boolean operatorSocket,
            double seconds,
            double committedPerSecond,
            Latencies toVisitor,
            Latencies toOperator,
            Latencies toAck,
            String firstError,
            int replyProbeStatus) {
        int lost() {
            return lostAtVisitor + lostAtOperator;
        }

        int duplicated() {
            return duplicatedAtVisitor + duplicatedAtOperator;
        }
    }

    private static final int NOT_SENT = 0;
    private static final int OK = 2;
    private static final int FAILED = 3;

    static Result run(Target target, int visitors, int rate, int seconds, int replyEvery) throws Exception {
        List<Target.Visitor> people = new ArrayList<>();
        List<Sock> sockets = new ArrayList<>();
        for (int i = 0; i < visitors; i++) {
            Target.Visitor visitor = target.newVisitor().join();
            people.add(visitor);
            sockets.add(target.openVisitorSocket(visitor).join());
        }
        Sock operator = target.openOperatorSocket();
        int warmUp = visitors + 1;
        int steady =
                (int) Math.min(Integer.MAX_VALUE - warmUp - 1, (long) rate * seconds * (replyEvery + 1) / replyEvery);
        int capacity = warmUp + steady;
        var status = new AtomicIntegerArray(capacity);
        var visitorHits = new AtomicIntegerArray(capacity);
        var operatorHits = new AtomicIntegerArray(capacity);
        Latencies toVisitor = new Latencies();
        Latencies toOperator = new Latencies();
        Latencies toAck = new Latencies();
        for (Sock sock : sockets) {
            sock.onText(frame -> hit(frame, visitorHits, warmUp, toVisitor));
        }
        if (operator != null) {
            operator.onText(frame -> hit(frame, operatorHits, warmUp, toOperator));
        }
        AtomicReference<String> firstError = new AtomicReference<>();

        // warm-up: one message per visitor creates its conversation; one operator reply probes /messages.send
        List<CompletableFuture<Integer>> warm = new ArrayList<>();
        for (int i = 0; i < visitors; i++) {
            warm.add(track(target.visitorSend(people.get(i), Marker.text(i)), i, status, firstError));
        }
        warm.forEach(CompletableFuture::join);
        int probe = target.operatorSend(people.get(0), Marker.text(visitors)).join();
        status.set(visitors, probe == 200 ? OK : NOT_SENT); // 404 while /messages.send is not there yet
        boolean replies = probe == 200;

        int total = replies ? steady : rate * seconds;
        long interval = (long) (1e9 * seconds / total);
        Semaphore slots = new Semaphore(IN_FLIGHT);
        AtomicLong lastOk = new AtomicLong();
        long start = System.nanoTime();
        long deadline = start + (seconds * 3L + 30) * 1_000_000_000L;
        int issued = 0;
        for (int i = 0; i < total && System.nanoTime() < deadline; i++) {
            long due = start + i * interval;
            long wait = due - System.nanoTime();
            if (wait > 0) {
                LockSupport.parkNanos(wait);
            }
            slots.acquire();
            int id = warmUp + i;
            boolean reply = replies && i % (replyEvery + 1) == replyEvery;
            Target.Visitor visitor = people.get(i % visitors);
            String text = Marker.text(id);
            long sentAt = System.nanoTime();
            var sent = reply ? target.operatorSend(visitor, text) : target.visitorSend(visitor, text);
            track(sent, id, status, firstError).whenComplete((s, e) -> {
                if (s != null && s == 200) {
                    long now = System.nanoTime();
                    lastOk.accumulateAndGet(now, Math::max);
                    toAck.add(now - sentAt);
                }
                slots.release();
            });
            issued++;
        }
        slots.tryAcquire(IN_FLIGHT, 60, TimeUnit.SECONDS);
        double elapsed = (Math.max(lastOk.get(), start + 1) - start) / 1e9;
        awaitDeliveries(status, visitorHits, operator == null ? null : operatorHits, warmUp + issued);
        sockets.forEach(Sock::abort);
        if (operator != null) {
            operator.abort();
        }
        return tally(
                target.name(),
                status,
                visitorHits,
                operator == null ? null : operatorHits,
                warmUp,
                issued,
                replies,
                elapsed,
                toVisitor,
                toOperator,
                toAck,
                firstError.get(),
                probe);
    }

    private static CompletableFuture<Integer> track(
            CompletableFuture<Integer> sent, int id, AtomicIntegerArray status, AtomicReference<String> firstError) {
        return sent.whenComplete((code, error) -> {
            status.set(id, code != null && code == 200 ? OK : FAILED);
            if (code == null || code != 200) {
                firstError.compareAndSet(null, error != null ? String.valueOf(error) : "HTTP " + code);
            }
        });
    }

    private static void hit(String frame, AtomicIntegerArray hits, int warmUp, Latencies latencies) {
        Marker marker = Marker.find(frame);
        if (marker == null || marker.id() < 0 || marker.id() >= hits.length()) {
            return;
        }
        hits.incrementAndGet(marker.id());
        if (marker.id() >= warmUp) {
            latencies.add(System.nanoTime() - marker.sentNanos());
        }
    }

    /** Until every committed message arrived, or nothing new came for 3 s (15 s at most). */
    private static void awaitDeliveries(
            AtomicIntegerArray status, AtomicIntegerArray visitorHits, AtomicIntegerArray operatorHits, int used)
            throws InterruptedException {
        long lastProgress = System.nanoTime();
        long deadline = lastProgress + 15_000_000_000L;
        int lastMissing = Integer.MAX_VALUE;
        while (System.nanoTime() < deadline && System.nanoTime() - lastProgress < 3_000_000_000L) {
            int missing = 0;
            for (int id = 0; id < used; id++) {
                if (status.get(id) == OK
                        && (visitorHits.get(id) == 0 || operatorHits != null && operatorHits.get(id) == 0)) {
                    missing++;
                }
            }
            if (missing == 0) {
                Thread.sleep(200); // a late duplicate would show up now
                return;
            }
            if (missing < lastMissing) {
                lastMissing = missing;
                lastProgress = System.nanoTime();
            }
            Thread.sleep(100);
        }
    }

    private static Result tally(
            String name,
            AtomicIntegerArray status,
            AtomicIntegerArray visitorHits,
            AtomicIntegerArray operatorHits,
            int warmUp,
            int issued,
            boolean replies,
            double seconds,
            Latencies toVisitor,
            Latencies toOperator,
            Latencies toAck,
            String firstError,
            int probe) {
        int ok = 0, failed = 0, lostV = 0, dupV = 0, lostO = 0, dupO = 0, orphan = 0;
        int sent = 0;
        for (int id = 0; id < warmUp + issued; id++) {
            if (status.get(id) == NOT_SENT) {
                continue;
            }
            sent++;
            int v = visitorHits.get(id);
            int o = operatorHits == null ? 1 : operatorHits.get(id);
            if (status.get(id) == OK) {
                ok++;
                lostV += v == 0 ? 1 : 0;
                lostO += o == 0 ? 1 : 0;
            } else {
                failed++;
                orphan += v > 0 ? 1 : 0; // failed or timed out, yet delivered: committed after all
            }
            dupV += v > 1 ? 1 : 0;
            dupO += o > 1 ? 1 : 0;
        }
        int steadyOk = ok
                - (int) java.util.stream.IntStream.range(0, warmUp)
                        .filter(id -> status.get(id) == OK)
                        .count();
        return new Result(
                name,
                sent,
                ok,
                failed,
                lostV,
                dupV,
                lostO,
                dupO,
                orphan,
                replies,
                operatorHits != null,
                seconds,
                steadyOk / seconds,
                toVisitor,
                toOperator,
                toAck,
                firstError,
                probe);
    }
}
