package org.tickettriage.classifier;

import cc.mallet.pipe.FeatureSequence2FeatureVector;
import cc.mallet.pipe.Pipe;
import cc.mallet.pipe.SerialPipes;
import cc.mallet.pipe.Target2Label;
import cc.mallet.pipe.TokenSequence2FeatureSequence;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureSequence;
import cc.mallet.types.Instance;
import com.carrotsearch.hppc.ObjectIntHashMap;
import java.util.List;

/**
 * The serving shortcut through a classifier's pipe, for pipes of the shape {@link TicketFeaturePipes} builds
 * (tokenizer, alphabet lookup, vector weighting, label): the same {@code FeatureVector}, without MALLET's per-word
 * {@code Token} objects and with one hash probe per feature instead of the two of {@code Alphabet.lookupIndex}.
 * The tokenizer and the vector pipe are the classifier's own, so what a model was trained with still decides its
 * features; DirectFeaturizerTest compares the vectors with the pipe's. Holds no mutable state: needs no lock.
 */
final class DirectFeaturizer {

    private final TicketTokenizer tokenizer;
    private final Pipe vectors;
    private final Alphabet dataAlphabet;
    /** Feature name to index, read-only after construction; the alphabet's own map is private. */
    private final ObjectIntHashMap<String> index;

    private DirectFeaturizer(TicketTokenizer tokenizer, Pipe vectors, Alphabet dataAlphabet) {
        this.tokenizer = tokenizer;
        this.vectors = vectors;
        this.dataAlphabet = dataAlphabet;
        this.index = new ObjectIntHashMap<>(dataAlphabet.size());
        for (int i = 0; i < dataAlphabet.size(); i++) {
            index.put((String) dataAlphabet.lookupObject(i), i);
        }
    }

    /**
     * The shortcut for {@code pipe}, or null when the pipe is not exactly tokenizer, lookup in
     * {@code dataAlphabet}, one of our vector pipes and a label pipe (a model from elsewhere: use its pipe).
     *
     * @param dataAlphabet a stopped alphabet: the shortcut copies its entries once
     */
    static DirectFeaturizer forPipe(Pipe pipe, Alphabet dataAlphabet) {
        if (!(pipe instanceof SerialPipes serial) || serial.size() != 4 || !dataAlphabet.growthStopped()
                || dataAlphabet.entryClass() != String.class) {
            return null;
        }
        if (serial.getPipe(0) instanceof TicketTokenizer tokenizer
                && serial.getPipe(1).getClass() == TokenSequence2FeatureSequence.class
                && serial.getPipe(1).getDataAlphabet() == dataAlphabet
                && isStatelessVectorPipe(serial.getPipe(2))
                && serial.getPipe(3).getClass() == Target2Label.class) {
            return new DirectFeaturizer(tokenizer, serial.getPipe(2), dataAlphabet);
        }
        return null;
    }

    private static boolean isStatelessVectorPipe(Pipe pipe) {
        return pipe.getClass() == FeatureSequence2FeatureVector.class || pipe.getClass() == WeightedFeatureVectors.class;
    }

    /** The ticket's instance, its data the feature vector; what {@code pipe.instanceFrom} gives with no target. */
    Instance featurize(String subject, String description) {
        List<String> names = tokenizer.features(subject, description);
        int[] features = new int[names.size()];
        int length = 0;
        for (String name : names) {
            int slot = index.indexOf(name);
            if (slot >= 0) {
                features[length++] = index.indexGet(slot);
            }
        }
        Instance instance = new Instance(new FeatureSequence(dataAlphabet, features, length), null, null, null);
        return vectors.pipe(instance);
    }
}
