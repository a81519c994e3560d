package org.tickettriage.training.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.tickettriage.model.ModelCard;

/**
 * Chooses the review threshold (below it a person confirms the category) and measures what a threshold does:
 * how many tickets it lets the model decide alone (coverage) and how often those are right.
 */
public final class ReviewThresholds {

    /**
     * The threshold used when no threshold reaches the target precision: high enough that only tickets the model
     * is quite sure of skip review, low enough that some still do.
     */
    public static final double CAP = 0.9;

    private ReviewThresholds() {
    }

    /**
     * A chosen threshold.
     *
     * @param threshold the confidence at or above which the model decides alone
     * @param reached   false when the target precision was not reached and {@link #CAP} was used
     * @param precision the precision of the tickets at or above the threshold
     * @param coverage  their share of all tickets
     * @param rows      tickets the choice was made on
     */
    public record Choice(double threshold, boolean reached, double precision, double coverage, int rows,
                         double targetPrecision) {

        /** The model card's record of this choice. */
        public ModelCard.ReviewThresholdChoice toCard() {
            return new ModelCard.ReviewThresholdChoice(targetPrecision, reached, Metrics.round(precision),
                    Metrics.round(coverage), rows);
        }
    }

    /**
     * What a threshold does on some tickets.
     *
     * @param coverage the share of tickets at or above the threshold
     * @param accuracy the accuracy among them (0 when there are none)
     * @param covered  how many they are
     */
    public record AtThreshold(double threshold, double coverage, double accuracy, int covered, int rows) {
    }

    /**
     * The lowest confidence threshold at which the tickets at or above it reach {@code targetPrecision}, among
     * thresholds that keep at least a few tickets (1% of them, at least 5) so that a handful of lucky
     * tickets at the very top does not decide. {@link #CAP} when none does.
     */
    public static Choice choose(List<ScoredTicket> tickets, double targetPrecision) {
        if (!(targetPrecision > 0 && targetPrecision <= 1)) {
            throw new IllegalArgumentException("target precision must be in (0, 1], was " + targetPrecision);
        }
        int n = tickets.size();
        if (n == 0) {
            return new Choice(CAP, false, 0, 0, 0, targetPrecision);
        }
        List<ScoredTicket> sorted = new ArrayList<>(tickets);
        sorted.sort(Comparator.comparingDouble(ScoredTicket::confidence).reversed());
        int minSupport = Math.min(n, Math.max(5, (int) Math.ceil(0.01 * n)));
        int correct = 0;
        Choice best = null;
        for (int i = 0; i < n; i++) {
            if (sorted.get(i).correct()) {
                correct++;
            }
            boolean lastOfItsConfidence = i == n - 1 || sorted.get(i + 1).confidence() < sorted.get(i).confidence();
            int count = i + 1;
            double precision = (double) correct / count;
            if (lastOfItsConfidence && count >= minSupport && precision >= targetPrecision) {
                best = new Choice(sorted.get(i).confidence(), true, precision, (double) count / n, n, targetPrecision);
            }
        }
        if (best != null) {
            return best;
        }
        AtThreshold capped = at(tickets, CAP);
        return new Choice(CAP, false, capped.accuracy(), capped.coverage(), n, targetPrecision);
    }

    /** Coverage and accuracy of the tickets at or above {@code threshold}. */
    public static AtThreshold at(List<ScoredTicket> tickets, double threshold) {
        int covered = 0;
        int correct = 0;
        for (ScoredTicket t : tickets) {
            if (t.confidence() >= threshold) {
                covered++;
                if (t.correct()) {
                    correct++;
                }
            }
        }
        int n = tickets.size();
        return new AtThreshold(threshold, n == 0 ? 0 : (double) covered / n, covered == 0 ? 0 : (double) correct / covered,
                covered, n);
    }
}
