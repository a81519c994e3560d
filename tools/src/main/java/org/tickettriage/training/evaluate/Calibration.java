package org.tickettriage.training.evaluate;

import java.util.ArrayList;
import java.util.List;

/**
 * How well confidence matches accuracy: tickets are put in equal-width confidence bins and the expected
 * calibration error is the ticket-weighted mean gap between each bin's mean confidence and its accuracy.
 *
 * @param ece  expected calibration error, 0 for a perfectly calibrated model
 * @param bins the non-empty bins, lowest confidence first
 */
public record Calibration(double ece, List<Bin> bins) {

    /** The usual number of bins (as in Guo et al. 2017). */
    public static final int DEFAULT_BINS = 15;

    /**
     * One confidence bin.
     *
     * @param lower          the bin's lower edge (inclusive, except the first bin also takes 0)
     * @param upper          its upper edge
     * @param count          tickets in it
     * @param meanConfidence their mean confidence
     * @param accuracy       their accuracy
     */
    public record Bin(double lower, double upper, int count, double meanConfidence, double accuracy) {
    }

    public Calibration {
        bins = List.copyOf(bins);
    }

    /** The calibration of {@code tickets} over {@code binCount} equal-width bins. */
    public static Calibration of(List<ScoredTicket> tickets, int binCount) {
        if (binCount < 1) {
            throw new IllegalArgumentException("binCount must be positive");
        }
        int[] count = new int[binCount];
        int[] correct = new int[binCount];
        double[] confidence = new double[binCount];
        for (ScoredTicket t : tickets) {
            int b = Math.min(binCount - 1, (int) (t.confidence() * binCount));
            b = Math.max(0, b);
            count[b]++;
            confidence[b] += t.confidence();
            if (t.correct()) {
                correct[b]++;
            }
        }
        List<Bin> bins = new ArrayList<>();
        double ece = 0;
        for (int b = 0; b < binCount; b++) {
            if (count[b] == 0) {
                continue;
            }
            double meanConfidence = confidence[b] / count[b];
            double accuracy = (double) correct[b] / count[b];
            bins.add(new Bin((double) b / binCount, (double) (b + 1) / binCount, count[b], meanConfidence, accuracy));
            ece += (double) count[b] / tickets.size() * Math.abs(meanConfidence - accuracy);
        }
        return new Calibration(ece, bins);
    }
}
