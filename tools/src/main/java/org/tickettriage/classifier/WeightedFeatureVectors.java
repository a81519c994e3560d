package org.tickettriage.classifier;

import cc.mallet.pipe.Pipe;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureSequence;
import cc.mallet.types.FeatureVector;
import cc.mallet.types.Instance;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.model.FeatureWeighting;
import org.tickettriage.model.SparseVector;
import org.tickettriage.model.Tokenizer;

/**
 * The trainer's pipe after the alphabet lookup: a {@code FeatureSequence} becomes a {@code FeatureVector} weighted by
 * {@link FeatureWeighting} (the one weighting, which serving uses too). Holds no mutable state after construction.
 *
 * <p>Kept under this name, in this package and with this serialVersionUID because the Java-serialized models of
 * earlier releases name it inside their pipes: {@code ./triage model convert} reads them. Its fields are that
 * serialized form; do not rename, retype or remove them.
 */
final class WeightedFeatureVectors extends Pipe {

    private static final long serialVersionUID = 1L;

    private final boolean binary;
    private final boolean sublinear;
    private final boolean normalize;
    /** The inverse document frequency of every feature index, or null for none. */
    private final double[] idf;
    /** Which block each feature index belongs to when normalizing: 0 words, pairs and subject words, 1 n-grams. */
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
            block[i] = (byte) (Tokenizer.isCharNgram(String.valueOf(dataAlphabet.lookupObject(i))) ? 1 : 0);
        }
    }

    @Override
    public Instance pipe(Instance carrier) {
        FeatureSequence sequence = (FeatureSequence) carrier.getData();
        int[] features = sequence.getFeatures().clone();
        SparseVector v = new FeatureWeighting(binary, sublinear, normalize, idf, block).vector(features, sequence.getLength());
        carrier.setData(new FeatureVector(sequence.getAlphabet(), v.indices(), v.values()));
        return carrier;
    }

    /** The settings of this pipe, completed by the tokenizer's. */
    FeatureSettings settings(TicketTokenizer tokenizer) {
        return tokenizer.settings(binary, sublinear, idf != null, normalize);
    }

    /** The IDF weights, or null; not copied. */
    double[] idf() {
        return idf;
    }
}
