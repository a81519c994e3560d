package org.tickettriage.training.evaluate;

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
        Percentiles percentiles = Percentiles.of(nanos);
        return new Latency(percentiles.at(50) / 1_000.0, percentiles.at(99) / 1_000.0,
                percentiles.at(100) / 1_000.0, nanos.length);
    }
}
