package org.tickettriage.model;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;

/**
 * One MaxEnt head of a model file: its labels, a bias per label, a weight per feature and label, and the
 * temperature its probabilities are calibrated with. The arrays are owned by the head and never changed.
 *
 * @param name        {@value #CATEGORY} or {@value #PRIORITY}; a later release may add heads (e.g. per language)
 * @param ordinal     whether the labels are a scale, lowest first (the priority head's are)
 * @param labels      the labels, in the order of the biases and weights
 * @param temperature probabilities are {@code p^(1/T)}, renormalised; 1 leaves them as fitted
 * @param biases      one per label
 * @param weights     feature-major: the weight of feature {@code f} for label {@code l} is
 *                    {@code weights[f * labels.size() + l]}
 */
public record ModelHead(String name, boolean ordinal, List<String> labels, double temperature, double[] biases,
                        double[] weights) {

    /** The name of the category head, which every model has. */
    public static final String CATEGORY = "category";
    /** The name of the priority head, which a model trained without priorities lacks. */
    public static final String PRIORITY = "priority";
    /**
     * The temperatures a head may have: the range the trainer searches. Beyond it, {@code p^(1/T)} of every label
     * can underflow to 0 (a fuzzed file did that), and no calibration needs it.
     */
    public static final double MIN_TEMPERATURE = 0.05;
    /** See {@link #MIN_TEMPERATURE}. */
    public static final double MAX_TEMPERATURE = 20;
    /** The largest magnitude of a weight or bias: far beyond any fitted MaxEnt's, and small enough that no sum overflows. */
    public static final double MAX_WEIGHT = 1e6;

    public ModelHead {
        Objects.requireNonNull(name, "name");
        labels = List.copyOf(labels);
        if (labels.size() < 2) {
            throw new IllegalArgumentException("head " + name + " has " + labels.size() + " label(s); at least two are needed");
        }
        if (new HashSet<>(labels).size() != labels.size()) {
            throw new IllegalArgumentException("head " + name + " repeats a label");
        }
        if (!(temperature >= MIN_TEMPERATURE && temperature <= MAX_TEMPERATURE)) {
            throw new IllegalArgumentException("head " + name + "'s temperature " + temperature + " is not in ["
                    + MIN_TEMPERATURE + ", " + MAX_TEMPERATURE + "]");
        }
        if (biases.length != labels.size() || weights.length % labels.size() != 0) {
            throw new IllegalArgumentException("head " + name + ": " + biases.length + " biases and " + weights.length
                    + " weights do not fit " + labels.size() + " labels");
        }
        checkWeights(name, "bias", biases);
        checkWeights(name, "weight", weights);
    }

    private static void checkWeights(String head, String what, double[] values) {
        for (int i = 0; i < values.length; i++) {
            double v = values[i];
            if (!(v >= -MAX_WEIGHT && v <= MAX_WEIGHT)) {
                throw new IllegalArgumentException("head " + head + " has " + what + " " + values[i] + " at " + i
                        + ", not a number within ±" + MAX_WEIGHT);
            }
        }
    }

    /** How many features the weights cover. */
    public int featureCount() {
        return weights.length / labels.size();
    }
}
