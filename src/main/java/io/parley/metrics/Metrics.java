package io.parley.metrics;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.LongSupplier;

/**
 * A few counters, gauges and one latency histogram, written in the Prometheus text format.
 * Small enough that a metrics library would be more code to configure than this.
 */
public final class Metrics {
    private static final double[] LATENCY_BUCKETS = {0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5};

    private record Gauge(String name, String help, String type, LongSupplier value) {}

    private final List<Gauge> gauges = new ArrayList<>();
    private final Map<String, LongAdder> counters = new ConcurrentHashMap<>();
    private final LongAdder[] latencyBuckets = new LongAdder[LATENCY_BUCKETS.length + 1];
    private final LongAdder latencyCount = new LongAdder();
    private final LongAdder latencyNanos = new LongAdder();

    public Metrics() {
        for (int i = 0; i < latencyBuckets.length; i++) {
            latencyBuckets[i] = new LongAdder();
        }
        counter("parley_messages_total", "Messages committed, from visitors and operators");
    }

    /** A value read when scraped; {@code type} is "gauge" or "counter". */
    public synchronized void register(String name, String help, String type, LongSupplier value) {
        gauges.add(new Gauge(name, help, type, value));
    }

    private LongAdder counter(String name, String help) {
        return counters.computeIfAbsent(name, n -> {
            register(n, help, "counter", () -> counters.get(n).sum());
            return new LongAdder();
        });
    }

    /** One committed message and how long the whole send took (commit and fan-out). */
    public void messageSent(long nanos) {
        counters.get("parley_messages_total").increment();
        double seconds = nanos / 1e9;
        int bucket = 0;
        while (bucket < LATENCY_BUCKETS.length && seconds > LATENCY_BUCKETS[bucket]) {
            bucket++;
        }
        latencyBuckets[bucket].increment();
        latencyCount.increment();
        latencyNanos.add(nanos);
    }

    public synchronized String scrape() {
        StringBuilder out = new StringBuilder();
        for (Gauge gauge : gauges) {
            out.append("# HELP ")
                    .append(gauge.name())
                    .append(' ')
                    .append(gauge.help())
                    .append('\n')
                    .append("# TYPE ")
                    .append(gauge.name())
                    .append(' ')
                    .append(gauge.type())
                    .append('\n')
                    .append(gauge.name())
                    .append(' ')
                    .append(gauge.value().getAsLong())
                    .append('\n');
        }
        String name = "parley_send_duration_seconds";
        out.append("# HELP ")
                .append(name)
                .append(" Time to commit and fan out one message\n")
                .append("# TYPE ")
                .append(name)
                .append(" histogram\n");
        long cumulative = 0;
        for (int i = 0; i < latencyBuckets.length; i++) {
            cumulative += latencyBuckets[i].sum();
            String le = i < LATENCY_BUCKETS.length ? String.valueOf(LATENCY_BUCKETS[i]) : "+Inf";
            out.append(name)
                    .append("_bucket{le=\"")
                    .append(le)
                    .append("\"} ")
                    .append(cumulative)
                    .append('\n');
        }
        out.append(name)
                .append("_sum ")
                .append(latencyNanos.sum() / 1e9)
                .append('\n')
                .append(name)
                .append("_count ")
                .append(latencyCount.sum())
                .append('\n');
        return out.toString();
    }
}
