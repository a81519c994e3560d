package org.tickettriage.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Objects;

/**
 * The MaxEnt implementation of {@link TicketClassifier}: a model file's {@link Featurizer} and one
 * {@link MaxEntScorer} per head. Each ticket is featurized once for both heads.
 *
 * <p>Thread safety: everything is read-only after construction; one instance serves any number of threads.
 */
public final class MaxEntTicketClassifier implements TicketClassifier {

    /** How many features {@link #classify(String, String)} puts in the explanation. */
    public static final int DEFAULT_EXPLANATION_SIZE = 5;

    private final TicketModel model;
    private final Featurizer featurizer;
    private final MaxEntScorer category;
    private final MaxEntScorer priority;

    private MaxEntTicketClassifier(TicketModel model) {
        this.model = Objects.requireNonNull(model, "model");
        this.featurizer = new Featurizer(model.features(), model.vocabulary(), model.idf());
        this.category = new MaxEntScorer(model.category(), model.vocabulary());
        this.priority = model.priority() == null ? null : new MaxEntScorer(model.priority(), model.vocabulary());
    }

    /** A classifier over a model in memory (the trainer's, before it is written). */
    public static MaxEntTicketClassifier of(TicketModel model) {
        return new MaxEntTicketClassifier(model);
    }

    /**
     * Loads the model file of {@code modelDir}; the model card is not read.
     *
     * @throws ModelLoadException when the file is missing, of the old format, corrupt or invalid
     */
    public static MaxEntTicketClassifier load(Path modelDir) {
        return new MaxEntTicketClassifier(ModelDirectory.readModel(modelDir));
    }

    /**
     * Loads the model bundled on the classpath under {@value ModelDirectory#BUNDLED_RESOURCE}.
     *
     * @throws ModelLoadException when there is no bundled model or it cannot be read
     */
    public static MaxEntTicketClassifier loadBundled() {
        String resource = ModelDirectory.BUNDLED_RESOURCE + ModelDirectory.MODEL_FILE;
        try (InputStream in = MaxEntTicketClassifier.class.getResourceAsStream(resource)) {
            if (in == null) {
                if (MaxEntTicketClassifier.class.getResource(ModelDirectory.BUNDLED_RESOURCE
                        + ModelDirectory.LEGACY_CATEGORY_FILE) != null) {
                    throw ModelDirectory.legacy("classpath:" + ModelDirectory.BUNDLED_RESOURCE);
                }
                throw new ModelLoadException("No model is bundled on the classpath under " + ModelDirectory.BUNDLED_RESOURCE
                        + "; pass a model directory, or train one into core/src/main/resources/model/.");
            }
            return new MaxEntTicketClassifier(ModelFile.read(in, "classpath:" + resource));
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read classpath:" + resource + ": " + e.getMessage(), e);
        }
    }

    /** Classifies a ticket with the {@value #DEFAULT_EXPLANATION_SIZE} strongest features as explanation. */
    @Override
    public Prediction classify(String subject, String description) {
        return classify(subject, description, DEFAULT_EXPLANATION_SIZE);
    }

    /**
     * Classifies a ticket.
     *
     * @param explanationSize how many features to return at most, strongest first; only features that pushed
     *                        towards the predicted category are listed
     * @return the prediction; without a priority head its priority is null and its priority confidence 0
     */
    public Prediction classify(String subject, String description, int explanationSize) {
        if (explanationSize < 0) {
            throw new IllegalArgumentException("explanationSize must not be negative");
        }
        SparseVector features = featurizer.featurize(subject, description);
        double[] probabilities = category.probabilities(features);
        int best = MaxEntScorer.argMax(probabilities);

        String priorityLabel = null;
        double priorityConfidence = 0.0;
        if (priority != null) {
            double[] priorityProbabilities = priority.probabilities(features);
            int bestPriority = MaxEntScorer.argMax(priorityProbabilities);
            priorityLabel = priority.labels().get(bestPriority);
            priorityConfidence = priorityProbabilities[bestPriority];
        }
        return new Prediction(category.labels().get(best), probabilities[best], category.byProbability(probabilities),
                priorityLabel, priorityConfidence, category.explanation(features, best, explanationSize));
    }

    /**
     * Every label's probability of every head for one ticket, in each head's label order: what the equivalence
     * tests compare with MALLET's.
     *
     * @return one array per head of {@link TicketModel#heads()} this release scores (category, then priority)
     */
    public double[][] probabilities(String subject, String description) {
        SparseVector features = featurizer.featurize(subject, description);
        return priority == null ? new double[][] {category.probabilities(features)}
                : new double[][] {category.probabilities(features), priority.probabilities(features)};
    }

    @Override
    public String modelVersion() {
        return model.modelVersion();
    }

    @Override
    public double reviewThreshold() {
        return model.reviewThreshold();
    }

    /** The category labels, in the model's order. */
    @Override
    public List<String> categories() {
        return model.categoryLabels();
    }

    /** The priority labels lowest first, empty without a priority head. */
    public List<String> priorities() {
        return model.priorityLabels();
    }

    /** Whether the model predicts a priority. */
    public boolean hasPriorityModel() {
        return priority != null;
    }

    /** How many features the model knows. */
    public int featureCount() {
        return model.vocabulary().size();
    }

    /** The model scored, as read from its file. */
    public TicketModel model() {
        return model;
    }

    /** The featurizer, for tests and benchmarks that look at vectors. */
    public Featurizer featurizer() {
        return featurizer;
    }
}
