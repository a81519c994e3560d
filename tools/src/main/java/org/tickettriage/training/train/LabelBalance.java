package org.tickettriage.training.train;

import cc.mallet.classify.MaxEnt;
import cc.mallet.types.LabelAlphabet;
import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.evaluate.ConfusionMatrix;
import org.tickettriage.training.evaluate.Metrics;
import org.tickettriage.training.evaluate.ScoredTicket;

/**
 * How far a head's answers are corrected for how often each label occurs in its training rows: the probabilities
 * become {@code p(label) / frequency(label)^alpha}, renormalised. At 0 the model answers as fitted; as alpha grows,
 * rare labels (a small queue) are answered more often and frequent ones less: macro-F1 usually rises and accuracy,
 * past some point, falls. Alpha is chosen on the validation answers of model selection (no extra fit) by the mean of
 * accuracy and macro-F1, ties to the smaller alpha; the shipped model carries it in its biases (each label's bias
 * lowered by {@code alpha * ln frequency}), so serving is unchanged and the model format needs nothing new.
 */
final class LabelBalance {

    /**
     * The alpha chosen and the validation answers corrected with it.
     *
     * @param alpha         the correction's strength, 0 for none, on the scale of the head's scores: what
     *                      {@link #apply} lowers each bias by, per unit of {@code ln frequency}
     * @param validation    the validation answers (labels and confidences) after the correction
     * @param probabilities their probabilities after the correction, highest first
     */
    record Choice(double alpha, List<ScoredTicket> validation, List<Map<String, Double>> probabilities) {
    }

    private LabelBalance() {
    }

    /** How often each label occurs among the labelled rows, as a share of them. */
    static Map<String, Double> frequencies(List<LabeledTicket> rows, Function<LabeledTicket, String> labelOf) {
        Map<String, Integer> counts = new HashMap<>();
        int total = 0;
        for (LabeledTicket row : rows) {
            String label = labelOf.apply(row);
            if (label != null) {
                counts.merge(label, 1, Integer::sum);
                total++;
            }
        }
        Map<String, Double> shares = new HashMap<>();
        for (Map.Entry<String, Integer> e : counts.entrySet()) {
            shares.put(e.getKey(), e.getValue() / (double) total);
        }
        return shares;
    }

    /**
     * Tries every alpha of {@code grid} on the validation answers and keeps the one with the highest mean of accuracy
     * and macro-F1, printing one line per alpha.
     *
     * @param labels      the head's labels (macro-F1 averages over those that occur, true or answered)
     * @param frequencies each label's share of the rows the validation models were fitted on
     * @param scale       the temperature that puts the head's scores on the scale of log-probabilities: 1 for a
     *                    MaxEnt head, whose scores are log-probabilities; for an SVM's margins, the temperature fitted
     *                    on the same answers. The grid's alphas are meant on that scale, so the correction applied to
     *                    the scores is {@code alpha * scale} (what the returned choice carries).
     */
    static Choice choose(String head, List<ScoredTicket> validation, List<Map<String, Double>> probabilities,
                         Map<String, Double> frequencies, List<Double> grid, List<String> labels, double scale,
                         PrintWriter stdout) {
        List<Double> alphas = grid.stream().distinct().sorted().toList();
        if (validation == null) {
            return new Choice(0, null, null);
        }
        if (alphas.size() == 1) {
            return corrected(validation, probabilities, frequencies, alphas.get(0) * scale);
        }
        stdout.printf(Locale.ROOT, "%s label balance (the validation answers corrected by label frequency^-alpha; kept: the "
                + "highest mean of accuracy and macro-F1, ties to the smaller alpha)%s:%n", head, scale == 1 ? ""
                : String.format(Locale.ROOT, "; the scores are margins, so each alpha is applied times their "
                        + "temperature %.3f", scale));
        Choice best = null;
        double bestScore = Double.NEGATIVE_INFINITY;
        for (double alpha : alphas) {
            Choice choice = corrected(validation, probabilities, frequencies, alpha * scale);
            ConfusionMatrix matrix = new ConfusionMatrix(labels);
            choice.validation().forEach(t -> matrix.add(t.actual(), t.predicted()));
            Metrics metrics = Metrics.of(matrix);
            double score = (metrics.accuracy() + metrics.macroF1()) / 2;
            stdout.printf(Locale.ROOT, "  alpha %-5s accuracy %.4f  macro-F1 %.4f  mean %.4f%n", alpha, metrics.accuracy(),
                    metrics.macroF1(), score);
            if (score > bestScore + 1e-12) {
                best = choice;
                bestScore = score;
            }
        }
        stdout.printf(Locale.ROOT, "  chosen: alpha %s%n", best.alpha() / scale);
        return best;
    }

    /** The validation answers with the correction at {@code alpha}: labels may change, confidences do. */
    static Choice corrected(List<ScoredTicket> validation, List<Map<String, Double>> probabilities,
                            Map<String, Double> frequencies, double alpha) {
        List<ScoredTicket> answers = new ArrayList<>(validation.size());
        List<Map<String, Double>> corrected = new ArrayList<>(validation.size());
        for (int i = 0; i < validation.size(); i++) {
            Map<String, Double> p = correct(probabilities.get(i), frequencies, alpha);
            Map.Entry<String, Double> top = p.entrySet().iterator().next();
            answers.add(new ScoredTicket(validation.get(i).actual(), top.getKey(), top.getValue()));
            corrected.add(p);
        }
        return new Choice(alpha, answers, corrected);
    }

    /** {@code p(label) / frequency(label)^alpha}, renormalised, highest first (a label without a frequency keeps its p). */
    static Map<String, Double> correct(Map<String, Double> probabilities, Map<String, Double> frequencies, double alpha) {
        if (alpha == 0) {
            return probabilities;
        }
        // In logs, as the model's biases carry it: ln p - alpha ln f, then a softmax.
        Map<String, Double> logs = new LinkedHashMap<>();
        double max = Double.NEGATIVE_INFINITY;
        for (Map.Entry<String, Double> e : probabilities.entrySet()) {
            Double f = frequencies.get(e.getKey());
            double v = Math.log(Math.max(e.getValue(), 1e-300)) - (f == null ? 0 : alpha * Math.log(f));
            logs.put(e.getKey(), v);
            max = Math.max(max, v);
        }
        double sum = 0;
        for (double v : logs.values()) {
            sum += Math.exp(v - max);
        }
        Map<String, Double> out = new LinkedHashMap<>();
        double m = max;
        double s = sum;
        logs.entrySet().stream().sorted(Map.Entry.<String, Double>comparingByValue(Comparator.reverseOrder()))
                .forEach(e -> out.put(e.getKey(), Math.exp(e.getValue() - m) / s));
        return out;
    }

    /**
     * Lowers each label's bias in {@code model} by {@code alpha * ln frequency}: the model then answers as
     * {@link #correct} does. Changes the model's parameters in place.
     */
    static void apply(MaxEnt model, Map<String, Double> frequencies, double alpha) {
        if (alpha == 0) {
            return;
        }
        double[] parameters = model.getParameters();
        int stride = model.getDefaultFeatureIndex() + 1;
        LabelAlphabet labels = model.getLabelAlphabet();
        for (int l = 0; l < labels.size(); l++) {
            Double f = frequencies.get(String.valueOf(labels.lookupObject(l)));
            if (f == null || !(f > 0)) {
                throw new IllegalStateException("no frequency for label " + labels.lookupObject(l));
            }
            parameters[l * stride + stride - 1] -= alpha * Math.log(f);
        }
    }
}
