package io.parley.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLongArray;

/** Scenario 3: one conversation open in {@code tabs} sockets; how long until one message reached all. */
final class Fanout {
    record Result(
            String target,
            int tabs,
            int messages,
            int complete,
            int lost,
            int duplicated,
            Latencies toFirst,
            Latencies toAll) {}

    static Result run(Target target, int tabs, int messages) throws Exception {
        Target.Visitor visitor = target.newVisitor().join();
        int warmUp = 2;
        int total = warmUp + messages;
        var hits = new AtomicIntegerArray(total);
        var firstAt = new AtomicLongArray(total);
        List<CompletableFuture<Long>> allIn = new ArrayList<>();
        for (int i = 0; i < total; i++) {
            allIn.add(new CompletableFuture<>());
        }
        List<Sock> sockets = new ArrayList<>();
        Semaphore slots = new Semaphore(64);
        List<CompletableFuture<Sock>> opening = new ArrayList<>();
        for (int i = 0; i < tabs; i++) {
            slots.acquire();
            opening.add(target.openVisitorSocket(visitor).whenComplete((s, e) -> slots.release()));
        }
        for (var future : opening) {
            Sock sock = future.get(30, TimeUnit.SECONDS);
            sockets.add(sock);
            sock.onText(frame -> {
                long now = System.nanoTime();
                Marker marker = Marker.find(frame);
                if (marker == null || marker.id() >= total) {
                    return;
                }
                int count = hits.incrementAndGet(marker.id());
                if (count == 1) {
                    firstAt.set(marker.id(), now);
                }
                if (count == tabs) {
                    allIn.get(marker.id()).complete(now);
                }
            });
        }
        Latencies toFirst = new Latencies();
        Latencies toAll = new Latencies();
        int complete = 0;
        for (int id = 0; id < total; id++) {
            String text = Marker.text(id);
            long sent = Marker.find(text).sentNanos();
            int status = target.visitorSend(visitor, text).get(30, TimeUnit.SECONDS);
            if (status != 200) {
                continue;
            }
            try {
                long last = allIn.get(id).get(10, TimeUnit.SECONDS);
                if (id >= warmUp) {
                    complete++;
                    toAll.add(last - sent);
                    toFirst.add(firstAt.get(id) - sent);
                }
            } catch (java.util.concurrent.TimeoutException notAll) {
                // counted as lost below
            }
        }
        Thread.sleep(300); // late duplicates
        int lost = 0, duplicated = 0;
        for (int id = 0; id < total; id++) {
            lost += Math.max(0, tabs - hits.get(id));
            duplicated += Math.max(0, hits.get(id) - tabs);
        }
        sockets.forEach(Sock::abort);
        return new Result(target.name(), tabs, messages, complete, lost, duplicated, toFirst, toAll);
    }
}
