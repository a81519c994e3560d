package org.tickettriage.classifier;

import cc.mallet.pipe.Pipe;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureSequence;
import cc.mallet.types.FeatureVector;
import cc.mallet.types.Instance;
import java.util.Arrays;

/**
 * The pipe after the alphabet lookup: a {@code FeatureSequence} becomes a {@code FeatureVector} whose values are
 * presence, counts or {@code 1 + ln(count)}, optionally times the feature's inverse document frequency and scaled
 * to unit length, words and character n-grams each on their own (what stacked TF-IDF vectorizers do). Holds no mutable state after construction, so one instance may
 * serve several threads.
 */
final class WeightedFeatureVectors extends Pipe {

    private static final long serialVersionUID = 1L;

    private final boolean binary;
    private final boolean sublinear;
    private final boolean normalize;
    /** The inverse document frequency of every feature index, or null for none. */
    private final double[] idf;
    /**
     * Which block each feature index belongs to when normalizing: 0 words, pairs and subject words, 1 character
     * n-grams. Each block is scaled to unit length on its own, as two stacked TF-IDF vectorizers would be: a word
     * yields a dozen n-grams, and one norm over both would shrink the words to a twelfth of their say.
     */
    private final byte[] block;

    WeightedFeatureVectors(FeatureSettings settings, Alphabet dataAlphabet, double[] idf) {
        super();
        if (!dataAlphabet.growthStopped()) {
            // The IDF weights and blocks are per feature index: a feature added later would have neither.
            throw new IllegalArgumentException("stop the data alphabet's growth before building weighted vectors over it");
        }
        this.binary = settings.binary();
        this.sublinear = settings.sublinear();
        this.normalize = settings.normalize();
        if (settings.idf() && (idf == null || idf.length != dataAlphabet.size())) {
            throw new IllegalArgumentException("IDF weighting needs one weight per feature: " + dataAlphabet.size()
                    + " features, " + (idf == null ? "no" : String.valueOf(idf.length)) + " weights");
        }
        this.idf = settings.idf() ? idf.clone() : null;
        this.block = new byte[dataAlphabet.size()];
        for (int i = 0; i < block.length; i++) {
            block[i] = (byte) (String.valueOf(dataAlphabet.lookupObject(i)).startsWith(TicketTokenizer.CHAR_PREFIX) ? 1 : 0);
        }
    }

    /**
     * Smoothed inverse document frequencies, {@code ln((1 + n) / (1 + df)) + 1} as scikit-learn computes them.
     *
     * @param documentFrequency in how many of the {@code documents} training rows each feature occurs
     */
    static double[] inverseDocumentFrequencies(int[] documentFrequency, int documents) {
        double[] idf = new double[documentFrequency.length];
        for (int i = 0; i < idf.length; i++) {
            idf[i] = Math.log((1.0 + documents) / (1.0 + documentFrequency[i])) + 1.0;
        }
        return idf;
    }

    private static double scale(double sumOfSquares) {
        return sumOfSquares > 0 ? 1.0 / Math.sqrt(sumOfSquares) : 0.0;
    }

    @Override
    public Instance pipe(Instance carrier) {
        FeatureSequence sequence = (FeatureSequence) carrier.getData();
        int[] sorted = Arrays.copyOf(sequence.getFeatures(), sequence.getLength());
        Arrays.sort(sorted);
        int distinct = 0;
        int[] indices = new int[sorted.length];
        double[] values = new double[sorted.length];
        for (int i = 0; i < sorted.length; ) {
            int j = i;
            while (j < sorted.length && sorted[j] == sorted[i]) {
                j++;
            }
            int count = j - i;
            double value = binary ? 1.0 : sublinear ? 1.0 + Math.log(count) : count;
            if (idf != null) {
                value *= idf[sorted[i]];
            }
            indices[distinct] = sorted[i];
            values[distinct] = value;
            distinct++;
            i = j;
        }
        if (normalize && distinct > 0) {
            double[] sumOfSquares = new double[2];
            for (int i = 0; i < distinct; i++) {
                sumOfSquares[block[indices[i]]] += values[i] * values[i];
            }
            double[] scale = {scale(sumOfSquares[0]), scale(sumOfSquares[1])};
            for (int i = 0; i < distinct; i++) {
                values[i] *= scale[block[indices[i]]];
            }
        }
        carrier.setData(new FeatureVector(sequence.getAlphabet(), Arrays.copyOf(indices, distinct),
                Arrays.copyOf(values, distinct)));
        return carrier;
    }
}
