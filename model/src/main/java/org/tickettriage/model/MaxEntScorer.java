package org.tickettriage.model;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Scores one {@link ModelHead}: MaxEnt probabilities of a {@link SparseVector}, calibrated by the head's temperature,
 * and the features that pushed a label most. The sums run in MALLET's order ({@code MaxEnt.getClassificationScores}:
 * per label, the weights times the values in the vector's order, then the bias, then exp-normalised from the
 * maximum), so a converted model gives MALLET's probabilities (ConvertedModelMatchesMalletTest). Thread-safe.
 */
public final class MaxEntScorer {

    private final ModelHead head;
    private final Vocabulary vocabulary;
    private final int labels;
    private final double inverseTemperature;

    /** A scorer of {@code head}, whose features are those of {@code vocabulary}. */
    public MaxEntScorer(ModelHead head, Vocabulary vocabulary) {
        if (head.featureCount() != vocabulary.size()) {
            throw new IllegalArgumentException("head " + head.name() + " has weights for " + head.featureCount()
                    + " features, the vocabulary " + vocabulary.size());
        }
        this.head = head;
        this.vocabulary = vocabulary;
        this.labels = head.labels().size();
        this.inverseTemperature = 1.0 / head.temperature();
    }

    /** The head scored. */
    public ModelHead head() {
        return head;
    }

    /** The label of each probability {@link #probabilities} returns, in that order. */
    public List<String> labels() {
        return head.labels();
    }

    /** The calibrated probability of every label, in {@link #labels()} order. */
    public double[] probabilities(SparseVector vector) {
        double[] weights = head.weights();
        double[] scores = new double[labels];
        int[] indices = vector.indices();
        double[] values = vector.values();
        for (int loc = 0; loc < indices.length; loc++) {
            double value = values[loc];
            int base = indices[loc] * labels;
            for (int label = 0; label < labels; label++) {
                scores[label] += weights[base + label] * value;
            }
        }
        double[] biases = head.biases();
        for (int label = 0; label < labels; label++) {
            scores[label] = biases[label] + scores[label];
        }
        double max = Double.NEGATIVE_INFINITY;
        for (double score : scores) {
            if (score > max) {
                max = score;
            }
        }
        double sum = 0;
        for (int label = 0; label < labels; label++) {
            sum += (scores[label] = Math.exp(scores[label] - max));
        }
        for (int label = 0; label < labels; label++) {
            scores[label] /= sum;
        }
        return inverseTemperature == 1.0 ? scores : scaled(scores, inverseTemperature);
    }

    /**
     * Probabilities {@code p} at temperature {@code 1 / inverseTemperature}: {@code p^(1/T)}, renormalised, which is
     * the softmax of the logits divided by T. The order, so the predicted label, is unchanged. Modifies and returns
     * {@code p}.
     */
    static double[] scaled(double[] p, double inverseTemperature) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.pow(p[i], inverseTemperature);
            sum += p[i];
        }
        if (sum > 0) {
            for (int i = 0; i < p.length; i++) {
                p[i] /= sum;
            }
        }
        return p;
    }

    /** The index of the largest probability; the first of equals. */
    public static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Every label's probability, most probable first (ties in label order). */
    public Map<String, Double> byProbability(double[] probabilities) {
        Integer[] order = new Integer[probabilities.length];
        for (int i = 0; i < order.length; i++) {
            order[i] = i;
        }
        Arrays.sort(order, (a, b) -> Double.compare(probabilities[b], probabilities[a]));
        Map<String, Double> byProbability = new LinkedHashMap<>();
        for (int i : order) {
            byProbability.put(head.labels().get(i), probabilities[i]);
        }
        return byProbability;
    }

    /**
     * The words and phrases with the largest weight(label, feature) × value, positive ones only, strongest first, at
     * most {@code size}; character n-grams count in the score but "ch:<pas" explains nothing to a person.
     */
    public List<FeatureWeight> explanation(SparseVector vector, int label, int size) {
        double[] weights = head.weights();
        int n = vector.size();
        int[] index = new int[n];
        double[] contribution = new double[n];
        int kept = 0;
        for (int loc = 0; loc < n; loc++) {
            int feature = vector.indices()[loc];
            if (vocabulary.isCharNgram(feature)) {
                continue; // a person cannot read a character n-gram as a reason
            }
            double c = weights[feature * labels + label] * vector.values()[loc];
            if (c > 0) {
                index[kept] = feature;
                contribution[kept] = c;
                kept++;
            }
        }
        List<FeatureWeight> top = new ArrayList<>(Math.min(size, kept));
        // Selection of the k largest: k is small (5) and a ticket has a few hundred features at most.
        boolean[] taken = new boolean[kept];
        for (int k = 0; k < Math.min(size, kept); k++) {
            int best = -1;
            for (int i = 0; i < kept; i++) {
                if (!taken[i] && (best < 0 || contribution[i] > contribution[best])) {
                    best = i;
                }
            }
            taken[best] = true;
            top.add(new FeatureWeight(vocabulary.name(index[best]), contribution[best]));
        }
        return top;
    }
}
