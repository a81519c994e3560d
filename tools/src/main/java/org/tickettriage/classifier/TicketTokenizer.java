package org.tickettriage.classifier;

import cc.mallet.pipe.Pipe;
import cc.mallet.types.Instance;
import cc.mallet.types.Token;
import cc.mallet.types.TokenSequence;
import java.util.List;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.model.Tokenizer;

/**
 * The first pipe of the trainer's MALLET pipes: a ticket's subject and description to its feature names, by
 * {@link Tokenizer} (the one tokenizer, which serving uses too).
 *
 * <p>Kept under this name, in this package and with this serialVersionUID because the Java-serialized models of
 * earlier releases name it inside their pipes: {@code ./triage model convert} reads them. Its fields are that
 * serialized form; do not rename, retype or remove them.
 */
final class TicketTokenizer extends Pipe {

    private static final long serialVersionUID = 1L;

    private final boolean wordBigrams;
    private final boolean subjectFeatures;
    // Added after the first bundled models: a stream written before lacks them and reads 0, "no n-grams", which
    // is how those models were trained, so they keep loading with the same serialVersionUID.
    private final int charNgramMin;
    private final int charNgramMax;
    // Added with tokenizer version 2: a stream written before lacks it and reads 0, which FeatureSettings reads as
    // version 1, the version those models were trained with.
    private final int tokenizerVersion;

    TicketTokenizer(FeatureSettings settings) {
        this.wordBigrams = settings.wordBigrams();
        this.subjectFeatures = settings.subjectFeatures();
        this.charNgramMin = settings.charNgramMin();
        this.charNgramMax = settings.charNgramMax();
        this.tokenizerVersion = settings.tokenizerVersion();
    }

    @Override
    public Instance pipe(Instance carrier) {
        if (!(carrier.getData() instanceof TicketText text)) {
            throw new IllegalArgumentException("expected ticket text, got "
                    + (carrier.getData() == null ? "null" : carrier.getData().getClass().getName()));
        }
        List<String> features = features(text.subject(), text.description());
        TokenSequence tokens = new TokenSequence(features.size());
        for (String feature : features) {
            tokens.add(new Token(feature));
        }
        carrier.setData(tokens);
        return carrier;
    }

    /** The feature names of one ticket, as {@link Tokenizer#features} gives them. */
    List<String> features(String subject, String description) {
        return new Tokenizer(settings(false, false, false, false)).features(subject, description);
    }

    /**
     * The settings this tokenizer was built with, completed by the vector pipe's.
     */
    FeatureSettings settings(boolean binary, boolean sublinear, boolean idf, boolean normalize) {
        return new FeatureSettings(wordBigrams, subjectFeatures, binary, charNgramMin, charNgramMax, sublinear, idf,
                normalize, tokenizerVersion);
    }

    /** The raw input of the pipe; never serialized. */
    record TicketText(String subject, String description) {
    }
}
