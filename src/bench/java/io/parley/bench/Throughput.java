package io.parley.bench;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Scenario 7: how many messages one node commits per second when nothing else limits it. A fresh
 * Parley (bench's flags) is pinned to one core and the generator to the others where the machine
 * has them, so the two do not share a core; {@code senders} visitors each post their next message
 * as soon as the last one is answered (closed loop), so the server is never idle. The server's own
 * /metrics say how long the commits took, so the result includes the database's time per message.
 */
final class Throughput {
    record Result(
            int senders,
            double seconds,
            int ok,
            int failed,
            String firstError,
            double committedPerSecond,
            double messagesPerCommit,
            double dbMicrosPerMessage,
            double dbCpuMicrosPerMessage,
            double dbShareOfWallClock) {}

    private Throughput() {}

    static Result run(Clients clients, String baseUrl, String apiToken, int senders, int seconds) throws Exception {
        ParleyTarget target = new ParleyTarget(baseUrl, apiToken, clients);
        List<Target.Visitor> visitors = new ArrayList<>();
        for (int i = 0; i < senders; i++) {
            Target.Visitor visitor = target.newVisitor().join();
            target.visitorSend(visitor, "warm-up").join(); // creates its conversation, warms the path
            visitors.add(visitor);
        }
        Map<String, Long> before = counters(clients, baseUrl, apiToken);
        AtomicInteger ok = new AtomicInteger();
        AtomicInteger failed = new AtomicInteger();
        AtomicReference<String> firstError = new AtomicReference<>();
        long start = System.nanoTime();
        long end = start + seconds * 1_000_000_000L;
        List<CompletableFuture<Void>> loops = new ArrayList<>();
        for (Target.Visitor visitor : visitors) {
            loops.add(sendUntil(target, visitor, end, ok, failed, firstError));
        }
        CompletableFuture.allOf(loops.toArray(CompletableFuture[]::new)).join();
        double elapsed = (System.nanoTime() - start) / 1e9;
        Map<String, Long> after = counters(clients, baseUrl, apiToken);
        long messages = delta(before, after, "parley_messages_total");
        long commits = delta(before, after, "parley_message_commits_total");
        long micros = delta(before, after, "parley_message_commit_microseconds_total");
        long cpuMicros = delta(before, after, "parley_message_commit_cpu_microseconds_total");
        return new Result(
                senders,
                elapsed,
                ok.get(),
                failed.get(),
                firstError.get(),
                ok.get() / elapsed,
                commits == 0 ? Double.NaN : (double) messages / commits,
                messages == 0 ? Double.NaN : (double) micros / messages,
                messages == 0 ? Double.NaN : (double) cpuMicros / messages,
                micros / 1e6 / elapsed);
    }

    /** One sender's closed loop: the next message leaves when the last one is answered. */
    private static CompletableFuture<Void> sendUntil(
            ParleyTarget target,
            Target.Visitor visitor,
            long end,
            AtomicInteger ok,
            AtomicInteger failed,
            AtomicReference<String> firstError) {
        if (System.nanoTime() >= end) {
            return CompletableFuture.completedFuture(null);
        }
        return target.visitorSend(visitor, "throughput")
                .handle((status, error) -> {
                    if (error == null && status == 200) {
                        ok.incrementAndGet();
                    } else {
                        failed.incrementAndGet();
                        firstError.compareAndSet(null, error != null ? error.toString() : "HTTP " + status);
                    }
                    return null;
                })
                .thenCompose(ignored -> sendUntil(target, visitor, end, ok, failed, firstError));
    }

    private static long delta(Map<String, Long> before, Map<String, Long> after, String name) {
        if (!after.containsKey(name)) {
            return 0;
        }
        return after.get(name) - before.getOrDefault(name, 0L);
    }

    /** The plain counters of Parley's /metrics (admin only: the API token). */
    private static Map<String, Long> counters(Clients clients, String baseUrl, String apiToken) throws Exception {
        var request = HttpRequest.newBuilder(URI.create(baseUrl + "/metrics"))
                .header("Authorization", "Bearer " + apiToken)
                .build();
        String body =
                clients.api.send(request, HttpResponse.BodyHandlers.ofString()).body();
        Map<String, Long> values = new HashMap<>();
        for (String line : body.split("\n")) {
            String[] parts = line.split(" ");
            if (parts.length == 2 && !line.startsWith("#") && parts[1].matches("[0-9]+")) {
                values.put(parts[0], Long.parseLong(parts[1]));
            }
        }
        return values;
    }
}
