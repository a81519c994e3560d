package org.tickettriage.training.evaluate;

/**
 * The single figure users judge a triage model by: accuracy 40%, precision and recall 30% (macro precision and
 * macro recall, 15% each), macro F1 20% and latency 10%. The latency part is 1 when the p99 per-ticket latency
 * is within the budget and {@code budget / p99} beyond it, so a model twice as slow as allowed loses half of it.
 *
 * @param score            the weighted score, 0 to 1
 * @param latencyScore     the latency part before weighting, 0 to 1
 * @param latencyBudgetMicros the p99 budget it was measured against
 */
public record WeightedScore(double score, double latencyScore, double latencyBudgetMicros) {

    /** The budget stated in the issue: under 100 µs per ticket at p99 on the served path. */
    public static final double DEFAULT_LATENCY_BUDGET_MICROS = 100.0;

    static final double ACCURACY_WEIGHT = 0.40;
    static final double PRECISION_RECALL_WEIGHT = 0.30;
    static final double F1_WEIGHT = 0.20;
    static final double LATENCY_WEIGHT = 0.10;

    /** The score of a head's metrics and the measured p99 latency. */
    public static WeightedScore of(Metrics metrics, double p99Micros, double budgetMicros) {
        if (!(budgetMicros > 0)) {
            throw new IllegalArgumentException("the latency budget must be positive");
        }
        double latency = p99Micros <= budgetMicros ? 1.0 : budgetMicros / p99Micros;
        double score = ACCURACY_WEIGHT * metrics.accuracy()
                + PRECISION_RECALL_WEIGHT * (metrics.macroPrecision() + metrics.macroRecall()) / 2
                + F1_WEIGHT * metrics.macroF1()
                + LATENCY_WEIGHT * latency;
        return new WeightedScore(score, latency, budgetMicros);
    }
}
