package org.tickettriage.training.evaluate;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.Prediction;
import org.tickettriage.training.data.LabeledTicket;

/** Classifies labelled tickets through the serving classifier and keeps what the metrics need. */
public final class ModelScorer {

    private ModelScorer() {
    }

    /**
     * A model's answers on some tickets.
     *
     * @param category    one entry per ticket, in input order
     * @param priority    one entry per ticket with a priority label, when the model predicts priority
     * @param nanos       the time of each classification (both heads), in input order
     * @param logLoss     mean negative log-probability of the true category, over tickets whose category the
     *                    model knows
     * @param categoryProbabilities every category's probability, one map per ticket, in input order
     */
    public record Scores(List<ScoredTicket> category, List<ScoredTicket> priority, long[] nanos, double logLoss,
                         List<Map<String, Double>> categoryProbabilities) {

        /** The category metrics. */
        public Metrics categoryMetrics(List<String> modelLabels) {
            return metrics(category, modelLabels);
        }

        /** The priority metrics, or null when there is nothing to measure. */
        public Metrics priorityMetrics(List<String> modelLabels) {
            return priority.isEmpty() ? null : metrics(priority, modelLabels);
        }

        private static Metrics metrics(List<ScoredTicket> tickets, List<String> labels) {
            ConfusionMatrix matrix = new ConfusionMatrix(labels);
            tickets.forEach(t -> matrix.add(t.actual(), t.predicted()));
            return Metrics.of(matrix);
        }
    }

    /** Classifies every ticket once, timing each call. */
    public static Scores score(MaxEntTicketClassifier model, List<LabeledTicket> tickets) {
        List<ScoredTicket> category = new ArrayList<>(tickets.size());
        List<ScoredTicket> priority = new ArrayList<>();
        List<Map<String, Double>> probabilities = new ArrayList<>(tickets.size());
        long[] nanos = new long[tickets.size()];
        double logLoss = 0;
        int known = 0;
        for (int i = 0; i < tickets.size(); i++) {
            LabeledTicket t = tickets.get(i);
            long start = System.nanoTime();
            Prediction p = model.classify(t.subject(), t.description());
            nanos[i] = System.nanoTime() - start;
            category.add(new ScoredTicket(t.label(), p.category(), p.confidence()));
            probabilities.add(p.probabilities());
            Double trueProbability = p.probabilities().get(t.label());
            if (trueProbability != null) {
                logLoss -= Math.log(Math.max(trueProbability, 1e-15));
                known++;
            }
            if (p.priority() != null && t.priority() != null) {
                priority.add(new ScoredTicket(t.priority(), p.priority(), p.priorityConfidence()));
            }
        }
        return new Scores(category, priority, nanos, known == 0 ? Double.NaN : logLoss / known, probabilities);
    }
}
