package org.tickettriage.classifier;

import cc.mallet.pipe.FeatureSequence2FeatureVector;
import cc.mallet.pipe.Pipe;
import cc.mallet.pipe.SerialPipes;
import cc.mallet.pipe.Target2Label;
import cc.mallet.pipe.TokenSequence2FeatureSequence;
import cc.mallet.types.Alphabet;
import cc.mallet.types.Instance;
import cc.mallet.types.LabelAlphabet;
import java.util.List;
import java.util.Objects;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.model.FeatureWeighting;

/**
 * How the trainer turns a ticket into a MALLET feature vector: pipes around the model module's {@code Tokenizer} and
 * {@code FeatureWeighting}, which serving's {@code Featurizer} uses too; FeaturizerMatchesTrainingPipesTest checks
 * that both give the same vectors for every feature setting.
 */
public final class TicketFeaturePipes {

    private TicketFeaturePipes() {
    }

    /**
     * Ticket text to a {@code FeatureSequence} over {@code dataAlphabet}: what the trainer counts to prune rare
     * features before building the real alphabet.
     */
    public static SerialPipes featureSequencePipe(FeatureSettings settings, Alphabet dataAlphabet) {
        return new SerialPipes(List.of(
                new TicketTokenizer(settings),
                new TokenSequence2FeatureSequence(dataAlphabet)));
    }

    /**
     * Ticket text and label to a {@code FeatureVector} and {@code Label}: the pipe a classifier is trained with
     * and carries. Stop the growth of {@code dataAlphabet} first so that features outside it are dropped.
     */
    public static SerialPipes classifierPipe(FeatureSettings settings, Alphabet dataAlphabet, LabelAlphabet labels) {
        return classifierPipe(settings, dataAlphabet, labels, null);
    }

    /**
     * As {@link #classifierPipe(FeatureSettings, Alphabet, LabelAlphabet)}, with the document frequencies that
     * {@link FeatureSettings#idf()} needs.
     *
     * @param documentFrequency for each feature of {@code dataAlphabet}, in how many training rows it occurs;
     *                          null when the settings use no IDF
     * @param documents         how many training rows they were counted on
     */
    public static SerialPipes classifierPipe(FeatureSettings settings, Alphabet dataAlphabet, LabelAlphabet labels,
                                             int[] documentFrequency, int documents) {
        return classifierPipe(settings, dataAlphabet, labels,
                documentFrequency == null ? null : FeatureWeighting.inverseDocumentFrequencies(documentFrequency, documents));
    }

    private static SerialPipes classifierPipe(FeatureSettings settings, Alphabet dataAlphabet, LabelAlphabet labels,
                                              double[] idf) {
        Objects.requireNonNull(labels, "labels");
        boolean plain = !settings.sublinear() && !settings.idf() && !settings.normalize();
        // Plain presence or counts keep MALLET's own pipe, so models trained that way serialize as they always did.
        Pipe vectors = plain ? new FeatureSequence2FeatureVector(settings.binary())
                : new WeightedFeatureVectors(settings, dataAlphabet, idf);
        return new SerialPipes(List.<Pipe>of(
                new TicketTokenizer(settings),
                new TokenSequence2FeatureSequence(dataAlphabet),
                vectors,
                new Target2Label(labels)));
    }

    /**
     * An unprocessed instance of one ticket, ready for {@link Pipe#instanceFrom}.
     *
     * @param label the label's name, or null when classifying
     * @param name  an identifier for error messages (e.g. the CSV row), or null
     */
    public static Instance instance(String subject, String description, String label, Object name) {
        return new Instance(new TicketTokenizer.TicketText(nullToEmpty(subject), nullToEmpty(description)),
                label, name, null);
    }

    /** The feature names a ticket produces before any alphabet lookup, in pipe order; for tests and debugging. */
    public static List<String> featureNames(FeatureSettings settings, String subject, String description) {
        return new org.tickettriage.model.Tokenizer(settings).features(nullToEmpty(subject), nullToEmpty(description));
    }

    private static String nullToEmpty(String s) {
        return s == null ? "" : s;
    }
}
