package org.tickettriage.model;

import java.util.Arrays;

/**
 * Feature indices (with repeats) to a {@link SparseVector}: presence, counts or {@code 1 + ln(count)}, optionally
 * times each feature's inverse document frequency and scaled to unit length, words and character n-grams each on
 * their own (what two stacked TF-IDF vectorizers do). The same values, in the same order of operations, as the
 * trainer's MALLET pipes ({@code FeatureSequence2FeatureVector} and {@code WeightedFeatureVectors}), which
 * delegate here or are checked against it. Holds no mutable state: thread-safe.
 */
public final class FeatureWeighting {

    private final boolean binary;
    private final boolean sublinear;
    private final boolean normalize;
    /** The inverse document frequency of every feature index, or null for none. */
    private final double[] idf;
    /**
     * Which block each feature index belongs to when normalizing: 0 words, pairs and subject words, 1 character
     * n-grams. Each block is scaled to unit length on its own: a word yields a dozen n-grams, and one norm over both
     * would shrink the words to a twelfth of their say.
     */
    private final byte[] block;

    /**
     * @param idf   one weight per feature when {@code settings.idf()}, else ignored (may be null); not copied
     * @param block for each feature, 1 for a character n-gram and 0 otherwise; not copied
     */
    public FeatureWeighting(FeatureSettings settings, double[] idf, byte[] block) {
        this(settings.binary(), settings.sublinear(), settings.normalize(), settings.idf() ? idf : null, block);
        if (settings.idf() && (idf == null || idf.length != block.length)) {
            throw new IllegalArgumentException("IDF weighting needs one weight per feature: " + block.length
                    + " features, " + (idf == null ? "no" : String.valueOf(idf.length)) + " weights");
        }
    }

    /** As the trainer's serialized pipe holds them: {@code idf} null for none. */
    public FeatureWeighting(boolean binary, boolean sublinear, boolean normalize, double[] idf, byte[] block) {
        this.binary = binary;
        this.sublinear = sublinear;
        this.normalize = normalize;
        this.idf = idf;
        this.block = block;
    }

    /** The blocks of a vocabulary: 1 for each character n-gram, 0 for every other feature; shared, read-only. */
    public static byte[] blocks(Vocabulary vocabulary) {
        return vocabulary.charNgramBlocks();
    }

    /**
     * Smoothed inverse document frequencies, {@code ln((1 + n) / (1 + df)) + 1} as scikit-learn computes them.
     *
     * @param documentFrequency in how many of the {@code documents} training rows each feature occurs
     */
    public static double[] inverseDocumentFrequencies(int[] documentFrequency, int documents) {
        double[] idf = new double[documentFrequency.length];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = Math.log((1.0 + documents) / (1.0 + documentFrequency[i])) + 1.0;
        }
        return idf;
    }

    /**
     * The vector of the first {@code length} entries of {@code features}, each an index below the number of blocks.
     * Sorts that part of {@code features} in place.
     */
    public SparseVector vector(int[] features, int length) {
        Arrays.sort(features, 0, length);
        int distinct = 0;
        int[] indices = new int[length];
        double[] values = new double[length];
        for (int i = 0; i < length; ) {
            int j = i;
            while (j < length && features[j] == features[i]) {
                j++;
            }
            int count = j - i;
            double value = binary ? 1.0 : sublinear ? 1.0 + Math.log(count) : count;
            if (idf != null) {
                value *= idf[features[i]];
            }
            indices[distinct] = features[i];
            values[distinct] = value;
            distinct++;
            i = j;
        }
        if (normalize && distinct > 0) {
            double sumOfSquares0 = 0;
            double sumOfSquares1 = 0;
            for (int i = 0; i < distinct; i++) {
                if (block[indices[i]] == 0) {
                    sumOfSquares0 += values[i] * values[i];
                } else {
                    sumOfSquares1 += values[i] * values[i];
                }
            }
            double scale0 = scale(sumOfSquares0);
            double scale1 = scale(sumOfSquares1);
            for (int i = 0; i < distinct; i++) {
                values[i] *= block[indices[i]] == 0 ? scale0 : scale1;
            }
        }
        return distinct == length ? new SparseVector(indices, values)
                : new SparseVector(Arrays.copyOf(indices, distinct), Arrays.copyOf(values, distinct));
    }

    private static double scale(double sumOfSquares) {
        return sumOfSquares > 0 ? 1.0 / Math.sqrt(sumOfSquares) : 0.0;
    }
}
