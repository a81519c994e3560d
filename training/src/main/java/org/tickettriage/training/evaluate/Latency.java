package org.tickettriage.training.evaluate;

import java.util.Arrays;

/**
 * Percentiles of per-ticket latencies (nearest rank).
 *
 * @param p50Micros the median, microseconds
 * @param p99Micros the 99th percentile, microseconds
 * @param maxMicros the slowest, microseconds
 * @param samples   how many were measured
 */
public record Latency(double p50Micros, double p99Micros, double maxMicros, int samples) {

    /** The percentiles of {@code nanos} (not modified). */
    public static Latency of(long[] nanos) {
        if (nanos.length == 0) {
            return new Latency(0, 0, 0, 0);
        }
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return new Latency(percentile(sorted, 0.50) / 1_000.0, percentile(sorted, 0.99) / 1_000.0,
                sorted[sorted.length - 1] / 1_000.0, sorted.length);
    }

    private static long percentile(long[] sorted, double p) {
        int rank = (int) Math.ceil(p * sorted.length);
        return sorted[Math.max(0, rank - 1)];
    }
}
