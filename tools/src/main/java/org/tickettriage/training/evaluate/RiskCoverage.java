package org.tickettriage.training.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * The risk-coverage curve: the model decides alone the tickets it is most confident of, and for each share of
 * tickets so decided (coverage) the curve gives their accuracy. A good model stays accurate at high coverage.
 *
 * @param points          the curve, coverage ascending
 * @param areaUnderCurve  the mean accuracy over all coverages (higher is better; 1 - the usual AURC risk)
 */
public record RiskCoverage(List<Point> points, double areaUnderCurve) {

    /**
     * One point of the curve.
     *
     * @param coverage  the share of tickets decided by the model
     * @param accuracy  the accuracy among them
     * @param threshold the lowest confidence among them
     */
    public record Point(double coverage, double accuracy, double threshold) {
    }

    public RiskCoverage {
        points = List.copyOf(points);
    }

    /** The curve of {@code tickets}, sampled at about {@code samples} coverages (and always at 100%). */
    public static RiskCoverage of(List<ScoredTicket> tickets, int samples) {
        List<ScoredTicket> sorted = new ArrayList<>(tickets);
        sorted.sort(Comparator.comparingDouble(ScoredTicket::confidence).reversed());
        int n = sorted.size();
        List<Point> points = new ArrayList<>();
        if (n == 0) {
            return new RiskCoverage(points, 0);
        }
        int step = Math.max(1, n / Math.max(1, samples));
        int correct = 0;
        double area = 0;
        for (int i = 0; i < n; i++) {
            if (sorted.get(i).correct()) {
                correct++;
            }
            int covered = i + 1;
            area += (double) correct / covered;
            if (covered % step == 0 || covered == n) {
                points.add(new Point((double) covered / n, (double) correct / covered, sorted.get(i).confidence()));
            }
        }
        return new RiskCoverage(points, area / n);
    }

    /** The accuracy when the model decides the {@code coverage} share it is surest of (nearest sampled point). */
    public double accuracyAt(double coverage) {
        Point best = points.get(points.size() - 1);
        for (Point p : points) {
            if (p.coverage() >= coverage - 1e-12) {
                best = p;
                break;
            }
        }
        return best.accuracy();
    }
}
