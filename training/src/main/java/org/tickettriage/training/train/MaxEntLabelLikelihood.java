package org.tickettriage.training.train;

import cc.mallet.optimize.Optimizable;
import cc.mallet.types.FeatureVector;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import cc.mallet.types.Labeling;
import cc.mallet.types.MatrixOps;

/**
 * The objective of MALLET's {@code MaxEntOptimizableByLabelLikelihood}, the log-likelihood of the training labels
 * minus a Gaussian prior (or without a prior, for OWL-QN's L1), with the same value and gradient to the last bit, laid
 * out for the cache. MALLET's optimisers ({@code LimitedMemoryBFGS}, {@code OrthantWiseLimitedMemoryBFGS}) run on it
 * unchanged and the parameters come out in MALLET's layout, ready for a {@code MaxEnt}.
 *
 * <p>Why: MALLET keeps the weights label-major ({@code [label * (features + 1) + feature]}), so each feature of each
 * ticket touches one cache line per label: with 77 labels and 20,000 features the fits of {@code train} spent three
 * quarters of their time waiting for memory, and two fits on two cores slowed each other down. Here the likelihood
 * reads and accumulates a feature-major copy ({@code [feature * labels + label]}: a feature's weights for every label
 * side by side) and converts at the boundary. The sums are the same sums in the same order as MALLET's (per label,
 * over a ticket's features in its vector's order, then over tickets in list order; the prior label by label), so
 * value and gradient are identical, which {@code MaxEntLabelLikelihoodTest} checks against MALLET's class.
 *
 * <p>Not thread-safe; one instance per fit. It reads the instances' vectors once, at construction.
 */
final class MaxEntLabelLikelihood implements Optimizable.ByGradientValue {

    private final int numLabels;
    /** Features plus one: the bias ("default feature") is the last, as in MALLET. */
    private final int numFeatures;
    private final int defaultFeatureIndex;
    private final boolean gaussianPrior;
    private final double gaussianPriorVariance;

    /** The tickets with a label: feature indices and values (null when all are 1), label and weight. */
    private final int[][] indices;
    private final double[][] values;
    private final int[] labels;
    private final double[] weights;

    /** Label-major, as MALLET: what the optimiser reads and writes, and what the classifier carries. */
    private final double[] parameters;
    /** {@link #parameters} feature-major, refreshed before the likelihood reads it. */
    private final double[] parametersByFeature;
    private final double[] constraints;
    /** The negated expected feature counts, feature-major, while the likelihood is summed. */
    private final double[] expectationsByFeature;
    private final double[] cachedGradient;
    private double cachedValue;
    private boolean cachedValueStale = true;
    private boolean cachedGradientStale = true;
    private boolean byFeatureStale = true;
    private int valueCalls;

    /**
     * The objective over {@code instances} (feature vectors with labels), starting from zero.
     *
     * @param gaussianPriorVariance the Gaussian prior's variance, or {@code Double.NaN} for no prior (the likelihood
     *                              alone, as {@code useNoPrior()} makes MALLET's; OWL-QN adds the L1 term itself)
     */
    MaxEntLabelLikelihood(InstanceList instances, double gaussianPriorVariance) {
        this.numLabels = instances.getTargetAlphabet().size();
        this.numFeatures = instances.getDataAlphabet().size() + 1;
        this.defaultFeatureIndex = numFeatures - 1;
        this.gaussianPrior = !Double.isNaN(gaussianPriorVariance);
        this.gaussianPriorVariance = gaussianPriorVariance;
        int n = 0;
        for (Instance instance : instances) {
            if (instance.getLabeling() != null) {
                n++;
            }
        }
        indices = new int[n][];
        values = new double[n][];
        labels = new int[n];
        weights = new double[n];
        int i = 0;
        for (Instance instance : instances) {
            Labeling labeling = instance.getLabeling();
            if (labeling == null) {
                continue;
            }
            FeatureVector fv = (FeatureVector) instance.getData();
            int locations = fv.numLocations();
            int[] idx = new int[locations];
            double[] val = new double[locations];
            boolean allOnes = true;
            for (int k = 0; k < locations; k++) {
                idx[k] = fv.indexAtLocation(k);
                val[k] = fv.valueAtLocation(k);
                allOnes &= val[k] == 1.0;
            }
            indices[i] = idx;
            values[i] = allOnes ? null : val;
            labels[i] = labeling.getBestIndex();
            weights[i] = instances.getInstanceWeight(instance);
            i++;
        }
        int size = numLabels * numFeatures;
        parameters = new double[size];
        parametersByFeature = new double[size];
        expectationsByFeature = new double[size];
        cachedGradient = new double[size];
        constraints = new double[size];
        // As MALLET's constructor: the observed feature counts of each ticket's label, and its bias.
        for (int t = 0; t < labels.length; t++) {
            int row = labels[t] * numFeatures;
            int[] idx = indices[t];
            double[] val = values[t];
            for (int k = 0; k < idx.length; k++) {
                constraints[row + idx[k]] += (val == null ? 1.0 : val[k]) * weights[t];
            }
            constraints[row + defaultFeatureIndex] += 1.0 * weights[t];
        }
    }

    /** How many times the likelihood was summed (for tests and measurements). */
    int valueCalls() {
        return valueCalls;
    }

    /** The parameters, label-major as MALLET's {@code MaxEnt} takes them; the array itself, not a copy. */
    double[] parameters() {
        return parameters;
    }

    @Override
    public int getNumParameters() {
        return parameters.length;
    }

    @Override
    public double getParameter(int index) {
        return parameters[index];
    }

    @Override
    public void getParameters(double[] buffer) {
        System.arraycopy(parameters, 0, buffer, 0, parameters.length);
    }

    @Override
    public void setParameter(int index, double value) {
        stale();
        parameters[index] = value;
    }

    @Override
    public void setParameters(double[] buffer) {
        if (buffer.length != parameters.length) {
            throw new IllegalArgumentException(buffer.length + " parameters for an objective of " + parameters.length);
        }
        stale();
        System.arraycopy(buffer, 0, parameters, 0, buffer.length);
    }

    private void stale() {
        cachedValueStale = true;
        cachedGradientStale = true;
        byFeatureStale = true;
    }

    /** The log-probability of the training labels minus the prior (what the optimiser maximises). */
    @Override
    public double getValue() {
        if (cachedValueStale) {
            valueCalls++;
            refreshByFeature();
            cachedValue = 0;
            cachedGradientStale = true;
            java.util.Arrays.fill(expectationsByFeature, 0.0);
            double[] dot = new double[numLabels];
            double[] scores = new double[numLabels];
            double[] factors = new double[numLabels];
            int biasOffset = defaultFeatureIndex * numLabels;
            for (int t = 0; t < labels.length; t++) {
                int[] idx = indices[t];
                double[] val = values[t];
                java.util.Arrays.fill(dot, 0.0);
                // MaxEnt.getClassificationScores: per label, the weights times the values in the vector's order...
                for (int k = 0; k < idx.length; k++) {
                    int f = idx[k];
                    if (f > defaultFeatureIndex) {
                        continue; // as MALLET's rowDotProduct
                    }
                    int base = f * numLabels;
                    if (val == null) {
                        for (int l = 0; l < numLabels; l++) {
                            dot[l] += parametersByFeature[base + l] * 1.0;
                        }
                    } else {
                        double v = val[k];
                        for (int l = 0; l < numLabels; l++) {
                            dot[l] += parametersByFeature[base + l] * v;
                        }
                    }
                }
                // ... after the bias, then exp-normalised from the maximum.
                for (int l = 0; l < numLabels; l++) {
                    scores[l] = parametersByFeature[biasOffset + l] + dot[l];
                }
                double max = MatrixOps.max(scores);
                double sum = 0;
                for (int l = 0; l < numLabels; l++) {
                    sum += (scores[l] = Math.exp(scores[l] - max));
                }
                for (int l = 0; l < numLabels; l++) {
                    scores[l] /= sum;
                }
                double weight = weights[t];
                double value = -(weight * Math.log(scores[labels[t]]));
                if (Double.isInfinite(value)) {
                    // As MALLET: a ticket whose label has probability 0 ends the sum here.
                    cachedValue -= value;
                    cachedValueStale = false;
                    return -value;
                }
                cachedValue += value;
                for (int l = 0; l < numLabels; l++) {
                    factors[l] = -weight * scores[l];
                }
                // The negated expectations, each cell summed over tickets in list order as MALLET's rowPlusEquals does.
                // A label with probability 0 adds a signed zero, which changes no sum (MALLET skips it).
                for (int k = 0; k < idx.length; k++) {
                    int base = idx[k] * numLabels;
                    double v = val == null ? 1.0 : val[k];
                    for (int l = 0; l < numLabels; l++) {
                        expectationsByFeature[base + l] += v * factors[l];
                    }
                }
                for (int l = 0; l < numLabels; l++) {
                    if (scores[l] != 0) {
                        expectationsByFeature[biasOffset + l] += factors[l];
                    }
                }
            }
            double prior = 0;
            if (gaussianPrior) {
                for (int i = 0; i < parameters.length; i++) {
                    double param = parameters[i];
                    prior += param * param / (2.0 * gaussianPriorVariance);
                }
            }
            cachedValue += prior;
            cachedValue *= -1.0;
            cachedValueStale = false;
        }
        return cachedValue;
    }

    @Override
    public void getValueGradient(double[] buffer) {
        if (cachedGradientStale) {
            if (cachedValueStale) {
                getValue();
            }
            transpose(expectationsByFeature, numFeatures, numLabels, cachedGradient);
            MatrixOps.plusEquals(cachedGradient, constraints);
            if (gaussianPrior) {
                MatrixOps.plusEquals(cachedGradient, parameters, -1.0 / gaussianPriorVariance);
            }
            MatrixOps.substitute(cachedGradient, Double.NEGATIVE_INFINITY, 0.0);
            cachedGradientStale = false;
        }
        System.arraycopy(cachedGradient, 0, buffer, 0, cachedGradient.length);
    }

    private void refreshByFeature() {
        if (byFeatureStale) {
            transpose(parameters, numLabels, numFeatures, parametersByFeature);
            byFeatureStale = false;
        }
    }

    /** {@code to[c * rows + r] = from[r * columns + c]}, in tiles that stay in the cache. */
    static void transpose(double[] from, int rows, int columns, double[] to) {
        final int tile = 32;
        for (int r0 = 0; r0 < rows; r0 += tile) {
            int r1 = Math.min(rows, r0 + tile);
            for (int c0 = 0; c0 < columns; c0 += tile) {
                int c1 = Math.min(columns, c0 + tile);
                for (int r = r0; r < r1; r++) {
                    int rowOffset = r * columns;
                    for (int c = c0; c < c1; c++) {
                        to[c * rows + r] = from[rowOffset + c];
                    }
                }
            }
        }
    }
}
