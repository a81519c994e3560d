package org.tickettriage.model;

import java.util.List;
import java.util.Objects;

/**
 * Ticket text to the {@link SparseVector} a model scores: {@link Tokenizer}, lookup in the model's
 * {@link Vocabulary} (unknown features are dropped), then {@link FeatureWeighting}. The one featurizer: serving uses
 * it, and the trainer's MALLET pipes give the same vectors (FeaturizerMatchesTrainingPipesTest). Thread-safe.
 */
public final class Featurizer {

    private final Tokenizer tokenizer;
    private final Vocabulary vocabulary;
    private final FeatureWeighting weighting;

    /**
     * @param idf one weight per feature when {@code settings.idf()}, else null
     */
    public Featurizer(FeatureSettings settings, Vocabulary vocabulary, double[] idf) {
        Objects.requireNonNull(settings, "settings");
        this.tokenizer = new Tokenizer(settings);
        this.vocabulary = Objects.requireNonNull(vocabulary, "vocabulary");
        this.weighting = new FeatureWeighting(settings, idf, FeatureWeighting.blocks(vocabulary));
    }

    /** The vector of one ticket; a null field counts as empty. */
    public SparseVector featurize(String subject, String description) {
        List<String> names = tokenizer.features(subject, description);
        int[] features = new int[names.size()];
        int length = 0;
        for (String name : names) {
            int index = vocabulary.indexOf(name);
            if (index >= 0) {
                features[length++] = index;
            }
        }
        return weighting.vector(features, length);
    }

    /** The vocabulary the vectors index. */
    public Vocabulary vocabulary() {
        return vocabulary;
    }
}
