package org.tickettriage.classifier;

import cc.mallet.classify.MaxEnt;
import cc.mallet.pipe.Pipe;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureVector;
import cc.mallet.types.Instance;
import cc.mallet.types.LabelAlphabet;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The MALLET MaxEnt implementation of {@link TicketClassifier}: a category head, an optional priority head
 * and the model card, read from a model directory through an allow-list deserialization filter.
 *
 * <p>Thread safety: {@code MaxEnt} scoring only reads its parameters and is shared freely. Models our trainer
 * wrote are featurized through {@link DirectFeaturizer}, which holds no mutable state; any other pipe (MALLET
 * pipes are not documented as thread-safe) runs under a lock. Both alphabets stop growing at load, so unseen words never enlarge a warm container's model.
 */
public final class MalletTicketClassifier implements TicketClassifier {

    /** The serialized category classifier (its feature pipe inside) in a model directory. */
    public static final String CATEGORY_FILE = "category.classifier";
    /** The serialized priority classifier; absent when the training data had no priority column. */
    public static final String PRIORITY_FILE = "priority.classifier";
    /** The model card. */
    public static final String CARD_FILE = "model-card.json";
    /** Where {@link #loadBundled()} looks on the classpath. */
    public static final String BUNDLED_MODEL_RESOURCE = "/model/";
    /** How many features {@link #classify(String, String)} puts in the explanation. */
    public static final int DEFAULT_EXPLANATION_SIZE = 5;

    private final Head category;
    private final Head priority;
    private final boolean priorityReusesCategoryFeatures;
    private final ModelCard card;

    private MalletTicketClassifier(MaxEnt category, MaxEnt priority, ModelCard card) {
        this.card = Objects.requireNonNull(card, "card");
        ModelCard.HyperParameters h = card.hyperParameters();
        this.category = new Head(Objects.requireNonNull(category, "category"),
                h == null || h.categoryTemperature() == null ? 1.0 : h.categoryTemperature());
        this.priority = priority == null ? null
                : new Head(priority, h == null || h.priorityTemperature() == null ? 1.0 : h.priorityTemperature());
        // Trained on one alphabet, the two heads come back sharing it (MALLET resolves a deserialized alphabet
        // to the one already read with the same id), so one featurization serves both.
        this.priorityReusesCategoryFeatures = priority != null && priority.getAlphabet() == category.getAlphabet();
        checkLabels("category", this.category.labels, card.categoryLabels());
        checkSameLabels("priority", this.priority == null ? List.of() : this.priority.labels, card.priorityLabels());
    }

    /**
     * Loads the model in {@code modelDir}: {@value #CATEGORY_FILE}, {@value #CARD_FILE} and, if present,
     * {@value #PRIORITY_FILE}.
     *
     * @throws ModelLoadException when a file is missing, unreadable, rejected by the filter or inconsistent
     */
    public static MalletTicketClassifier load(Path modelDir) {
        if (!Files.isDirectory(modelDir)) {
            throw new ModelLoadException("Model directory " + modelDir + " does not exist or is not a directory.");
        }
        return load(new ModelSource() {
            @Override
            public InputStream open(String file) throws IOException {
                try {
                    return Files.newInputStream(modelDir.resolve(file));
                } catch (NoSuchFileException e) {
                    return null;
                }
            }

            @Override
            public String describe(String file) {
                return modelDir.resolve(file).toString();
            }
        });
    }

    /**
     * Loads the model bundled on the classpath under {@value #BUNDLED_MODEL_RESOURCE}.
     *
     * @throws ModelLoadException when there is no bundled model or it cannot be read
     */
    public static MalletTicketClassifier loadBundled() {
        if (MalletTicketClassifier.class.getResource(BUNDLED_MODEL_RESOURCE + CARD_FILE) == null) {
            throw new ModelLoadException("No model is bundled on the classpath under " + BUNDLED_MODEL_RESOURCE
                    + "; pass a model directory, or train one into function/src/main/resources/model/.");
        }
        return load(new ModelSource() {
            @Override
            public InputStream open(String file) {
                return MalletTicketClassifier.class.getResourceAsStream(BUNDLED_MODEL_RESOURCE + file);
            }

            @Override
            public String describe(String file) {
                return "classpath:" + BUNDLED_MODEL_RESOURCE + file;
            }
        });
    }

    /**
     * A classifier over already trained MALLET classifiers: how the trainer evaluates a model through the very
     * code that serves it. Stops the growth of their alphabets.
     *
     * @param priority the priority head, or null
     */
    public static MalletTicketClassifier of(MaxEnt category, MaxEnt priority, ModelCard card) {
        return new MalletTicketClassifier(category, priority, card);
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
        Instance features = category.featurize(subject, description);
        double[] scores = category.scores(features);
        int best = argMax(scores);

        String priorityLabel = null;
        double priorityConfidence = 0.0;
        if (priority != null) {
            Instance priorityFeatures = priorityReusesCategoryFeatures ? features : priority.featurize(subject, description);
            double[] priorityScores = priority.scores(priorityFeatures);
            int bestPriority = argMax(priorityScores);
            priorityLabel = priority.labels.get(bestPriority);
            priorityConfidence = priorityScores[bestPriority];
        }
        return new Prediction(category.labels.get(best), scores[best], category.probabilities(scores), priorityLabel,
                priorityConfidence, category.explanation(features, best, explanationSize));
    }

    @Override
    public String modelVersion() {
        return card.modelVersion();
    }

    @Override
    public double reviewThreshold() {
        return card.reviewThreshold();
    }

    /** The model card read with the model. */
    public ModelCard modelCard() {
        return card;
    }

    /** Whether the model predicts a priority. */
    public boolean hasPriorityModel() {
        return priority != null;
    }

    /** The category labels, in the classifier's order. */
    @Override
    public List<String> categories() {
        return category.labels;
    }

    /** The priority labels, empty without a priority head. */
    public List<String> priorities() {
        return priority == null ? List.of() : priority.labels;
    }

    /** How many features the category head knows (its data alphabet's size, fixed after load). */
    public int featureCount() {
        return category.dataAlphabet.size();
    }

    private static MalletTicketClassifier load(ModelSource source) {
        ModelCard card;
        try (InputStream in = source.open(CARD_FILE)) {
            if (in == null) {
                throw new ModelLoadException("No model card at " + source.describe(CARD_FILE) + ".");
            }
            card = ModelCard.read(in);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read the model card " + source.describe(CARD_FILE) + ": "
                    + e.getMessage(), e);
        }
        MaxEnt category = readClassifier(source, CATEGORY_FILE, true);
        MaxEnt priority = readClassifier(source, PRIORITY_FILE, !card.priorityLabels().isEmpty());
        if (priority != null && card.priorityLabels().isEmpty()) {
            throw new ModelLoadException(source.describe(PRIORITY_FILE)
                    + " is present but the model card lists no priority labels.");
        }
        return new MalletTicketClassifier(category, priority, card);
    }

    /** Reads one classifier through the allow-list filter; null when it is absent and not required. */
    static MaxEnt readClassifier(ModelSource source, String file, boolean required) {
        try (InputStream raw = source.open(file)) {
            if (raw == null) {
                if (required) {
                    throw new ModelLoadException("Missing model file " + source.describe(file) + ".");
                }
                return null;
            }
            return readClassifier(raw, source.describe(file));
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + source.describe(file) + ": " + e.getMessage(), e);
        }
    }

    /** Deserializes a MaxEnt from {@code in} through the allow-list filter. */
    static MaxEnt readClassifier(InputStream in, String name) {
        ModelDeserializationFilter filter = new ModelDeserializationFilter();
        try {
            ObjectInputStream objects = new ObjectInputStream(new BufferedInputStream(in, 1 << 16));
            objects.setObjectInputFilter(filter);
            Object read = objects.readObject();
            if (!(read instanceof MaxEnt maxEnt)) {
                throw new ModelLoadException(name + " holds a " + read.getClass().getName()
                        + ", not a MALLET MaxEnt classifier.");
            }
            return maxEnt;
        } catch (InvalidClassException e) {
            String reason = filter.rejection() != null ? filter.rejection() : e.getMessage();
            throw new ModelLoadException("Rejected " + name + ": " + reason + ".", e);
        } catch (IOException | ClassNotFoundException | ClassCastException | IllegalStateException e) {
            // MALLET's readObject methods cast and check versions themselves: a corrupt or foreign file
            // surfaces as any of these.
            throw new ModelLoadException("Cannot read " + name + " as a MALLET " + malletVersion()
                    + " classifier: " + e, e);
        }
    }

    /** The MALLET version on the classpath, from its Maven metadata, or {@code unknown}. */
    public static String malletVersion() {
        try (InputStream in = MaxEnt.class.getResourceAsStream("/META-INF/maven/cc.mallet/mallet/pom.properties")) {
            if (in == null) {
                return "unknown";
            }
            java.util.Properties properties = new java.util.Properties();
            properties.load(in);
            return properties.getProperty("version", "unknown");
        } catch (IOException e) {
            return "unknown";
        }
    }

    private static void checkLabels(String head, List<String> actual, List<String> expected) {
        if (!actual.equals(expected)) {
            throw new ModelLoadException("The " + head + " classifier's labels " + actual
                    + " differ from the model card's " + expected + ".");
        }
    }

    /** As {@link #checkLabels} in any order: the card lists priorities lowest first, not in the classifier's order. */
    private static void checkSameLabels(String head, List<String> actual, List<String> expected) {
        if (actual.size() != expected.size() || !new HashSet<>(actual).equals(new HashSet<>(expected))) {
            throw new ModelLoadException("The " + head + " classifier's labels " + actual
                    + " differ from the model card's " + expected + ".");
        }
    }

    /**
     * Probabilities {@code p} with temperature {@code 1 / inverseTemperature}: {@code p^(1/T)}, renormalised, which
     * is the softmax of the logits divided by T. The order, so the predicted label, is unchanged. Modifies and
     * returns {@code p}.
     */
    static double[] scaled(double[] p, double inverseTemperature) {
        double sum = 0;
        for (int i = 0; i < p.length; i++) {
            p[i] = Math.pow(p[i], inverseTemperature);
            sum += p[i];
        }
        if (sum > 0) {
            for (int i = 0; i < p.length; i++) {
                p[i] /= sum;
            }
        }
        return p;
    }

    private static int argMax(double[] values) {
        int best = 0;
        for (int i = 1; i < values.length; i++) {
            if (values[i] > values[best]) {
                best = i;
            }
        }
        return best;
    }

    /** Where model files come from: a directory or the classpath. */
    interface ModelSource {
        /** The file's stream, or null when it does not exist. */
        InputStream open(String file) throws IOException;

        String describe(String file);
    }

    /** One classifier with its pipe, the lock around the pipe and what scoring needs at hand. */
    private static final class Head {
        private final MaxEnt classifier;
        private final Pipe pipe;
        private final ReentrantLock pipeLock = new ReentrantLock();
        /**
         * The weights again, feature-major ({@code [feature * labels + label]}), so that scoring a feature reads one
         * cache line instead of one per label; null when the classifier selects features (then MALLET scores).
         */
        private final double[] weightsByFeature;
        /** The lock-free shortcut through {@link #pipe} for models our trainer wrote; null for others. */
        private final DirectFeaturizer direct;
        private final Alphabet dataAlphabet;
        private final List<String> labels;
        private final double[] parameters;
        private final int stride;
        /** Features a person cannot read as a reason (character n-grams), left out of the explanation. */
        private final boolean[] hiddenFromExplanation;
        private final double inverseTemperature;

        Head(MaxEnt classifier, double temperature) {
            if (!(temperature > 0) || Double.isInfinite(temperature)) {
                throw new ModelLoadException("The model card's temperature " + temperature + " is not a positive number.");
            }
            this.inverseTemperature = 1.0 / temperature;
            this.classifier = classifier;
            this.pipe = Objects.requireNonNull(classifier.getInstancePipe(), "the classifier has no pipe");
            this.dataAlphabet = classifier.getAlphabet();
            LabelAlphabet labelAlphabet = classifier.getLabelAlphabet();
            if (dataAlphabet == null || labelAlphabet == null) {
                throw new ModelLoadException("The classifier's pipe has no data or label alphabet.");
            }
            // Without this every classified ticket would add its unseen words to the alphabet: a leak in a
            // warm container, and an unsynchronised write under concurrent requests.
            dataAlphabet.stopGrowth();
            labelAlphabet.stopGrowth();
            List<String> names = new ArrayList<>(labelAlphabet.size());
            for (int i = 0; i < labelAlphabet.size(); i++) {
                names.add(String.valueOf(labelAlphabet.lookupObject(i)));
            }
            this.labels = List.copyOf(names);
            this.parameters = classifier.getParameters();
            this.stride = classifier.getDefaultFeatureIndex() + 1;
            if (parameters == null || parameters.length != stride * labels.size()) {
                throw new ModelLoadException("The classifier's parameters do not match its alphabets.");
            }
            this.weightsByFeature = classifier.getFeatureSelection() == null && classifier.getPerClassFeatureSelection() == null
                    ? byFeature(parameters, stride, labels.size()) : null;
            this.direct = DirectFeaturizer.forPipe(pipe, dataAlphabet);
            this.hiddenFromExplanation = new boolean[dataAlphabet.size()];
            for (int i = 0; i < hiddenFromExplanation.length; i++) {
                hiddenFromExplanation[i] = String.valueOf(dataAlphabet.lookupObject(i)).startsWith(TicketTokenizer.CHAR_PREFIX);
            }
        }

        Instance featurize(String subject, String description) {
            if (direct != null) {
                return direct.featurize(subject, description);
            }
            Instance raw = TicketFeaturePipes.instance(subject, description, null, null);
            pipeLock.lock();
            try {
                return pipe.instanceFrom(raw);
            } finally {
                pipeLock.unlock();
            }
        }

        double[] scores(Instance features) {
            double[] scores = new double[labels.size()];
            if (weightsByFeature == null) {
                classifier.getClassificationScores(features, scores);
            } else {
                classificationScores((FeatureVector) features.getData(), scores);
            }
            return inverseTemperature == 1.0 ? scores : scaled(scores, inverseTemperature);
        }

        /**
         * What {@code MaxEnt.getClassificationScores} computes, to the last bit (the same sums in the same order: per
         * label, bias plus the weights times the values in the vector's order, then exp-normalised from the maximum),
         * reading the feature-major copy of the weights. DirectFeaturizerTest compares both.
         */
        void classificationScores(FeatureVector vector, double[] scores) {
            int n = labels.size();
            int defaultFeature = stride - 1;
            for (int loc = 0; loc < vector.numLocations(); loc++) {
                int feature = vector.indexAtLocation(loc);
                if (feature > defaultFeature) {
                    continue; // as MALLET: an index beyond the weights is ignored
                }
                double value = vector.valueAtLocation(loc);
                int base = feature * n;
                for (int label = 0; label < n; label++) {
                    scores[label] += weightsByFeature[base + label] * value;
                }
            }
            for (int label = 0; label < n; label++) {
                scores[label] = parameters[label * stride + defaultFeature] + scores[label];
            }
            double max = Double.NEGATIVE_INFINITY;
            for (double score : scores) {
                if (score > max) {
                    max = score;
                }
            }
            double sum = 0;
            for (int label = 0; label < n; label++) {
                sum += (scores[label] = Math.exp(scores[label] - max));
            }
            for (int label = 0; label < n; label++) {
                scores[label] /= sum;
            }
        }

        private static double[] byFeature(double[] parameters, int stride, int labels) {
            double[] byFeature = new double[parameters.length];
            for (int label = 0; label < labels; label++) {
                for (int feature = 0; feature < stride; feature++) {
                    byFeature[feature * labels + label] = parameters[label * stride + feature];
                }
            }
            return byFeature;
        }

        Map<String, Double> probabilities(double[] scores) {
            Integer[] order = new Integer[scores.length];
            for (int i = 0; i < order.length; i++) {
                order[i] = i;
            }
            Arrays.sort(order, (a, b) -> Double.compare(scores[b], scores[a]));
            Map<String, Double> probabilities = new LinkedHashMap<>();
            for (int i : order) {
                probabilities.put(labels.get(i), scores[i]);
            }
            return probabilities;
        }

        /**
         * The words and phrases with the largest weight(label, feature) × value, positive ones only, strongest
         * first; character n-grams count in the score but "ch:<pas" explains nothing to a person.
         */
        List<FeatureWeight> explanation(Instance features, int label, int size) {
            FeatureVector vector = (FeatureVector) features.getData();
            int n = vector.numLocations();
            int[] index = new int[n];
            double[] contribution = new double[n];
            int kept = 0;
            int offset = label * stride;
            for (int loc = 0; loc < n; loc++) {
                int feature = vector.indexAtLocation(loc);
                if (hiddenFromExplanation[feature]) {
                    continue;
                }
                double c = parameters[offset + feature] * vector.valueAtLocation(loc);
                if (c > 0) {
                    index[kept] = feature;
                    contribution[kept] = c;
                    kept++;
                }
            }
            List<FeatureWeight> top = new ArrayList<>(Math.min(size, kept));
            // Selection of the k largest: k is small (5) and a ticket has a few hundred features at most.
            boolean[] taken = new boolean[kept];
            for (int k = 0; k < Math.min(size, kept); k++) {
                int best = -1;
                for (int i = 0; i < kept; i++) {
                    if (!taken[i] && (best < 0 || contribution[i] > contribution[best])) {
                        best = i;
                    }
                }
                taken[best] = true;
                top.add(new FeatureWeight(String.valueOf(dataAlphabet.lookupObject(index[best])), contribution[best]));
            }
            return top;
        }
    }
}
