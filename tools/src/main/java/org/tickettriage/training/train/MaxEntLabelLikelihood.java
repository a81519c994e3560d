package org.tickettriage.training.train;

import cc.mallet.optimize.Optimizable;
import cc.mallet.types.FeatureVector;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import cc.mallet.types.Labeling;
import cc.mallet.types.MatrixOps;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.RecursiveAction;

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
 * <p>Run inside a {@code ForkJoinPool} with more than one thread, a large objective is summed in parallel, still to
 * the bit: first every ticket's probabilities (each ticket alone, blocks of tickets on any thread), then the expected
 * counts, split by feature (each block of features owns its cells and adds the tickets in list order), and the
 * log-likelihood added up ticket by ticket in order. So a fit whose chain has a core to itself uses the idle one
 * too, and the answer never depends on the threads.
 *
 * <p>One instance per fit, used by one optimiser. It reads the instances' vectors once, at construction.
 */
final class MaxEntLabelLikelihood implements Optimizable.ByGradientValue {

    /** Below this many multiply-adds per pass (features in the vectors times labels), one thread sums alone. */
    private static final long MIN_WORK_TO_SPLIT = 2_000_000;
    /**
     * With fewer labels a pass waits on memory rather than arithmetic (a feature's weights fill less than a cache
     * line), and a second thread only adds contention: on a 2-core machine splitting made a
     * 5-label fit no faster at twice the CPU, and a 77-label one faster.
     */
    private static final int MIN_LABELS_TO_SPLIT = 16;
    /** Blocks per pass: enough to balance two to eight threads; the result does not depend on it. */
    private static final int BLOCKS = 8;

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
    /** Per ticket and label, {@code -weight * probability}, from the first pass of {@link #getValue}. */
    private final double[] factors;
    /** Per ticket, {@code -weight * log(probability of its label)}. */
    private final double[] ticketValues;
    /** Blocks of tickets of about equal work, for the first pass: starts, then the end. */
    private final int[] ticketBlocks;
    /** Blocks of features of about equal work, for the second pass: starts, then the end (the bias is last). */
    private final int[] featureBlocks;
    /** Whether every vector lists its features in increasing order (then a block finds its own by bisection). */
    private final boolean sortedVectors;
    private final boolean worthSplitting;
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
        this(instances, gaussianPriorVariance,
                instances.getTargetAlphabet().size() >= MIN_LABELS_TO_SPLIT ? MIN_WORK_TO_SPLIT : Long.MAX_VALUE);
    }

    /**
     * As {@link #MaxEntLabelLikelihood(InstanceList, double)}, splitting passes of at least {@code minWorkToSplit}
     * multiply-adds when a thread of the pool is idle ({@code Long.MAX_VALUE}: never; 0: always, for tests).
     */
    MaxEntLabelLikelihood(InstanceList instances, double gaussianPriorVariance, long minWorkToSplit) {
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
                if (idx[k] < 0 || idx[k] >= defaultFeatureIndex) {
                    // MALLET would skip it when scoring and write past the label's row when counting.
                    throw new IllegalArgumentException("feature index " + idx[k] + " outside the alphabet of "
                            + defaultFeatureIndex + " features");
                }
            }
            indices[i] = idx;
            values[i] = allOnes ? null : val;
            labels[i] = labeling.getBestIndex();
            weights[i] = instances.getInstanceWeight(instance);
            i++;
        }
        int size = numLabels * numFeatures;
        long[] ticketWork = new long[labels.length];
        long[] featureWork = new long[numFeatures];
        boolean sorted = true;
        long work = 0;
        for (int t = 0; t < labels.length; t++) {
            ticketWork[t] = indices[t].length + 1L;
            work += ticketWork[t];
            for (int k = 0; k < indices[t].length; k++) {
                featureWork[indices[t][k]]++;
                sorted &= k == 0 || indices[t][k] > indices[t][k - 1];
            }
            featureWork[defaultFeatureIndex]++;
        }
        sortedVectors = sorted;
        worthSplitting = work * numLabels >= minWorkToSplit;
        factors = new double[worthSplitting ? labels.length * numLabels : 0];
        ticketValues = new double[worthSplitting ? labels.length : 0];
        ticketBlocks = blocks(ticketWork, BLOCKS);
        featureBlocks = blocks(featureWork, BLOCKS);
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
            cachedGradientStale = true;
            java.util.Arrays.fill(expectationsByFeature, 0.0);
            Double early = worthSplitting && anIdleThread() ? likelihoodInBlocks() : likelihood();
            if (early != null) {
                return early;
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

    /**
     * Sums the log-likelihood into {@link #cachedValue} and the negated expected counts, in one pass over the tickets
     * (as MALLET's {@code getValue}); returns the value to give when a ticket's label has probability 0 (MALLET stops
     * there: the value is minus infinity, and the expected counts hold the tickets before it), else null.
     */
    private Double likelihood() {
        cachedValue = 0;
        double[] dot = new double[numLabels];
        double[] scores = new double[numLabels];
        double[] factor = new double[numLabels];
        int biasOffset = defaultFeatureIndex * numLabels;
        for (int t = 0; t < labels.length; t++) {
            scores(t, dot, scores);
            int[] idx = indices[t];
            double[] val = values[t];
            double weight = weights[t];
            double value = -(weight * Math.log(scores[labels[t]]));
            if (Double.isInfinite(value)) {
                cachedValue -= value;
                cachedValueStale = false;
                return -value;
            }
            cachedValue += value;
            for (int l = 0; l < numLabels; l++) {
                factor[l] = -weight * scores[l];
            }
            // Each cell summed over tickets in list order, as MALLET's rowPlusEquals does. A label with probability 0
            // adds a signed zero, which changes no sum (MALLET skips it).
            for (int k = 0; k < idx.length; k++) {
                int base = idx[k] * numLabels;
                double v = val == null ? 1.0 : val[k];
                for (int l = 0; l < numLabels; l++) {
                    expectationsByFeature[base + l] += v * factor[l];
                }
            }
            for (int l = 0; l < numLabels; l++) {
                if (factor[l] != 0) {
                    expectationsByFeature[biasOffset + l] += factor[l];
                }
            }
        }
        return null;
    }

    /**
     * As {@link #likelihood()}, in two passes split into blocks on the pool's threads: every ticket's probabilities
     * (tickets are independent), then the expected counts by blocks of features (each block owns its cells and adds
     * the tickets in list order), and the values added up in ticket order. The same sums in the same order: the same
     * bits.
     */
    private Double likelihoodInBlocks() {
        inBlocks(ticketBlocks, this::probabilities);
        cachedValue = 0;
        int summed = 0;
        while (summed < ticketValues.length && !Double.isInfinite(ticketValues[summed])) {
            cachedValue += ticketValues[summed++];
        }
        int counted = summed;
        inBlocks(featureBlocks, (from, to) -> expectations(from, to, counted));
        if (summed < ticketValues.length) {
            cachedValue -= ticketValues[summed];
            cachedValueStale = false;
            return -ticketValues[summed];
        }
        return null;
    }

    /**
     * Whether this runs in a fork-join pool with a thread doing nothing: only then is splitting a pass worth its cost
     * (when every thread has a fit of its own, one pass per thread is faster).
     */
    private static boolean anIdleThread() {
        if (!ForkJoinTask.inForkJoinPool()) {
            return false;
        }
        java.util.concurrent.ForkJoinPool pool = ForkJoinTask.getPool();
        return pool.getParallelism() > 1 && pool.getActiveThreadCount() < pool.getParallelism();
    }

    /**
     * Ticket {@code t}'s label probabilities into {@code scores}, as MALLET's {@code MaxEnt.getClassificationScores}
     * computes them: per label, the weights times the values in the vector's order, after the bias, then
     * exp-normalised from the maximum. {@code dot} is scratch space of one slot per label.
     */
    private void scores(int t, double[] dot, double[] scores) {
        int biasOffset = defaultFeatureIndex * numLabels;
        int[] idx = indices[t];
        double[] val = values[t];
        java.util.Arrays.fill(dot, 0.0);
        for (int k = 0; k < idx.length; k++) {
            int base = idx[k] * numLabels;
            double v = val == null ? 1.0 : val[k];
            for (int l = 0; l < numLabels; l++) {
                dot[l] += parametersByFeature[base + l] * v;
            }
        }
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
    }

    /**
     * The first pass, for tickets {@code [from, to)}: each ticket's probabilities as {@code MaxEnt.getClassificationScores}
     * computes them (per label, the weights times the values in the vector's order, after the bias, then exp-normalised
     * from the maximum), its value and its factors.
     */
    private void probabilities(int from, int to) {
        double[] dot = new double[numLabels];
        double[] scores = new double[numLabels];
        for (int t = from; t < to; t++) {
            scores(t, dot, scores);
            double weight = weights[t];
            ticketValues[t] = -(weight * Math.log(scores[labels[t]]));
            int row = t * numLabels;
            for (int l = 0; l < numLabels; l++) {
                factors[row + l] = -weight * scores[l];
            }
        }
    }

    /**
     * The second pass, for the features {@code [from, to)} (the bias is feature {@code defaultFeatureIndex}): the
     * negated expected counts of the first {@code tickets} tickets, each cell summed over tickets in list order as
     * MALLET's {@code rowPlusEquals} does. A label with probability 0 adds a signed zero, which changes no sum (MALLET
     * skips it).
     */
    private void expectations(int from, int to, int tickets) {
        int biasOffset = defaultFeatureIndex * numLabels;
        boolean bias = from <= defaultFeatureIndex && defaultFeatureIndex < to;
        for (int t = 0; t < tickets; t++) {
            int[] idx = indices[t];
            double[] val = values[t];
            int row = t * numLabels;
            int start = 0;
            int end = idx.length;
            if (sortedVectors) {
                start = lowerBound(idx, from);
                end = lowerBound(idx, to);
            }
            for (int k = start; k < end; k++) {
                int f = idx[k];
                if (f < from || f >= to) {
                    continue;
                }
                int base = f * numLabels;
                double v = val == null ? 1.0 : val[k];
                for (int l = 0; l < numLabels; l++) {
                    expectationsByFeature[base + l] += v * factors[row + l];
                }
            }
            if (bias) {
                for (int l = 0; l < numLabels; l++) {
                    if (factors[row + l] != 0) {
                        expectationsByFeature[biasOffset + l] += factors[row + l];
                    }
                }
            }
        }
    }

    /** Runs {@code pass} over each block, on the current fork-join pool's threads. */
    private static void inBlocks(int[] blocks, BlockPass pass) {
        List<RecursiveAction> tasks = new ArrayList<>(blocks.length - 1);
        for (int b = 0; b + 1 < blocks.length; b++) {
            int from = blocks[b];
            int to = blocks[b + 1];
            tasks.add(new RecursiveAction() {
                @Override
                protected void compute() {
                    pass.run(from, to);
                }
            });
        }
        ForkJoinTask.invokeAll(tasks);
    }

    /** One pass over a block {@code [from, to)}. */
    @FunctionalInterface
    private interface BlockPass {
        void run(int from, int to);
    }

    /** Boundaries that cut {@code work} into at most {@code count} consecutive blocks of about equal sums. */
    private static int[] blocks(long[] work, int count) {
        long total = 0;
        for (long w : work) {
            total += w;
        }
        List<Integer> bounds = new ArrayList<>();
        bounds.add(0);
        long running = 0;
        int next = 1;
        for (int i = 0; i < work.length; i++) {
            running += work[i];
            if (next < count && running * count >= total * next && i + 1 < work.length) {
                bounds.add(i + 1);
                next++;
            }
        }
        bounds.add(work.length);
        return bounds.stream().mapToInt(Integer::intValue).toArray();
    }

    /** The first location of sorted {@code idx} whose feature is at least {@code feature}. */
    private static int lowerBound(int[] idx, int feature) {
        int lo = 0;
        int hi = idx.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (idx[mid] < feature) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
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
