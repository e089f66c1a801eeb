package io.parley.bench;

import java.util.Arrays;

/** Every sample kept (a run has at most a few hundred thousand), so percentiles are exact. */
final class Latencies {
    private long[] samples = new long[1024];
    private int size;

    synchronized void add(long nanos) {
        if (size == samples.length) {
            samples = Arrays.copyOf(samples, size * 2);
        }
        samples[size++] = nanos;
    }

    synchronized int count() {
        return size;
    }

    /** Milliseconds at quantile q (0..1), or NaN without samples. */
    synchronized double millis(double q) {
        if (size == 0) {
            return Double.NaN;
        }
        long[] sorted = Arrays.copyOf(samples, size);
        Arrays.sort(sorted);
        int index = (int) Math.min(size - 1, Math.ceil(q * size) - 1);
        return sorted[Math.max(0, index)] / 1e6;
    }

    double maxMillis() {
        return millis(1.0);
    }
}
