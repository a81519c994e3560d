package org.tickettriage.training.evaluate;

import java.util.Arrays;

/**
 * Nearest-rank percentiles of a sample of durations in nanoseconds; the one percentile computation behind
 * {@link Latency} and the benchmarks.
 *
 * @param sortedNanos the sample, sorted ascending
 */
public record Percentiles(long[] sortedNanos) {

    /** The percentiles of {@code nanos} (not modified). */
    public static Percentiles of(long[] nanos) {
        long[] copy = nanos.clone();
        Arrays.sort(copy);
        return new Percentiles(copy);
    }

    /** The p-th percentile (0 < p <= 100) by the nearest-rank method, in nanoseconds. */
    public long at(double p) {
        int rank = (int) Math.ceil(p / 100.0 * sortedNanos.length);
        return sortedNanos[Math.max(0, Math.min(sortedNanos.length - 1, rank - 1))];
    }

    /** The mean, in nanoseconds. */
    public double meanNanos() {
        return Arrays.stream(sortedNanos).average().orElse(Double.NaN);
    }

    /** One line: count, p50, p90, p99, p99.9, max and mean in microseconds. */
    public String summaryMicros() {
        return String.format(java.util.Locale.ROOT, "n=%d p50=%.1f µs p90=%.1f µs p99=%.1f µs p99.9=%.1f µs max=%.1f µs mean=%.1f µs",
                sortedNanos.length, at(50) / 1e3, at(90) / 1e3, at(99) / 1e3, at(99.9) / 1e3,
                sortedNanos[sortedNanos.length - 1] / 1e3, meanNanos() / 1e3);
    }

    /** One line: count, min, p50, max and mean in milliseconds. */
    public String summaryMillis() {
        return String.format(java.util.Locale.ROOT, "n=%d min=%.0f ms p50=%.0f ms max=%.0f ms mean=%.0f ms",
                sortedNanos.length, sortedNanos[0] / 1e6, at(50) / 1e6, sortedNanos[sortedNanos.length - 1] / 1e6,
                meanNanos() / 1e6);
    }
}
