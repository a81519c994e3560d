package org.tickettriage.training.bench;

import java.util.Arrays;

/** Nearest-rank percentiles of a sample of durations in nanoseconds. */
record Percentiles(long[] sortedNanos) {

    static Percentiles of(long[] nanos) {
        long[] copy = nanos.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    /** The p-th percentile (0 < p <= 100) by the nearest-rank method, in nanoseconds. */
    long at(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))];
    }

    double meanNanos() {
        return Arrays.stream(sortedNanos).average().orElse(Double.NaN);
    }

    String summaryMicros() {
        return String.format(java.util.Locale.ROOT, "n=%d p50=%.1f µs p90=%.1f µs p99=%.1f µs p99.9=%.1f µs max=%.1f µs mean=%.1f µs",
                sortedNanos.length, at(50) / 1e3, at(90) / 1e3, at(99) / 1e3, at(99.9) / 1e3,
                sortedNanos[sortedNanos.length - 1] / 1e3, meanNanos() / 1e3);
    }

    String summaryMillis() {
        return String.format(java.util.Locale.ROOT, "n=%d min=%.0f ms p50=%.0f ms max=%.0f ms mean=%.0f ms",
                sortedNanos.length, sortedNanos[0] / 1e6, at(50) / 1e6, sortedNanos[sortedNanos.length - 1] / 1e6,
                meanNanos() / 1e6);
    }
}
