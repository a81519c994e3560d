package org.tickettriage.classifier;

import cc.mallet.classify.MaxEnt;
import cc.mallet.pipe.FeatureSequence2FeatureVector;
import cc.mallet.pipe.Pipe;
import cc.mallet.pipe.SerialPipes;
import cc.mallet.pipe.Target2Label;
import cc.mallet.pipe.TokenSequence2FeatureSequence;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureSequence;
import cc.mallet.types.FeatureVector;
import cc.mallet.types.Instance;
import cc.mallet.types.LabelAlphabet;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.ModelCard;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.model.ModelFile;
import org.tickettriage.model.ModelHead;
import org.tickettriage.model.TicketModel;
import org.tickettriage.model.Vocabulary;

/**
 * Fitted MALLET MaxEnt heads to the model format: the trainer's last step, and what {@code ./triage model convert}
 * does with the heads it reads from an old model directory. The feature settings, vocabulary and IDF weights come
 * from the heads' own pipe (the one they were trained with), the labels, temperatures, version and review threshold
 * from the model card.
 */
public final class MalletModelExporter {

    /** Provenance key: which command wrote the file. */
    public static final String WRITER = "writer";

    private MalletModelExporter() {
    }

    /**
     * The model of {@code category} and {@code priority} (null for none) described by {@code card}.
     *
     * @param provenance what to record of where the model came from (e.g. {@value #WRITER})
     * @throws IllegalArgumentException when the heads' pipe is not the trainer's, the heads do not share their features,
     *                                  or the card's labels are not the heads'
     */
    public static TicketModel toModel(MaxEnt category, MaxEnt priority, ModelCard card, Map<String, String> provenance) {
        Objects.requireNonNull(category, "category");
        Pipeline pipeline = Pipeline.of(category);
        if (priority != null) {
            Pipeline other = Pipeline.of(priority);
            if (!other.settings.equals(pipeline.settings) || !Arrays.equals(other.idf, pipeline.idf)
                    || !sameEntries(priority.getAlphabet(), category.getAlphabet())) {
                throw new IllegalArgumentException("the priority head was trained on other features than the category "
                        + "head; a model file holds one vocabulary for both");
            }
        }
        ModelCard.HyperParameters h = card.hyperParameters();
        List<String> categoryLabels = labels(category.getLabelAlphabet());
        if (!categoryLabels.equals(card.categoryLabels())) {
            throw new IllegalArgumentException("the category classifier's labels " + categoryLabels
                    + " differ from the model card's " + card.categoryLabels());
        }
        List<ModelHead> heads = new ArrayList<>();
        heads.add(head(ModelHead.CATEGORY, false, category, categoryLabels,
                h == null || h.categoryTemperature() == null ? 1.0 : h.categoryTemperature()));
        if (priority != null) {
            List<String> lowestFirst = card.priorityLabels();
            List<String> own = labels(priority.getLabelAlphabet());
            if (own.size() != lowestFirst.size() || !new HashSet<>(own).equals(new HashSet<>(lowestFirst))) {
                throw new IllegalArgumentException("the priority classifier's labels " + own
                        + " differ from the model card's " + lowestFirst);
            }
            heads.add(head(ModelHead.PRIORITY, true, priority, lowestFirst,
                    h == null || h.priorityTemperature() == null ? 1.0 : h.priorityTemperature()));
        } else if (!card.priorityLabels().isEmpty()) {
            throw new IllegalArgumentException("the model card lists priority labels but there is no priority head");
        }
        Map<String, String> info = new LinkedHashMap<>(provenance);
        info.putIfAbsent("malletVersion", card.malletVersion() != null ? card.malletVersion() : malletVersion());
        if (card.trainingData() != null && card.trainingData().source() != null) {
            info.putIfAbsent("trainingData", card.trainingData().source());
        }
        return new TicketModel(card.modelVersion(), card.createdAt(), card.reviewThreshold(), info, pipeline.settings,
                pipeline.vocabulary, pipeline.idf, heads);
    }

    /** A classifier over fitted heads, scored exactly as the written file will be: how the trainer measures them. */
    public static MaxEntTicketClassifier classifier(MaxEnt category, MaxEnt priority, ModelCard card) {
        return MaxEntTicketClassifier.of(toModel(category, priority, card, Map.of(WRITER, "in memory")));
    }

    /**
     * Writes the model directory {@code dir}: {@value ModelDirectory#MODEL_FILE} and {@value ModelDirectory#CARD_FILE},
     * each written next to its final name and then moved, so a crash never leaves a half-written file behind a valid
     * name; removes the old format's files, which would only confuse.
     *
     * @return the model written
     */
    public static TicketModel write(Path dir, MaxEnt category, MaxEnt priority, ModelCard card, String writer)
            throws IOException {
        TicketModel model = toModel(category, priority, card, Map.of(WRITER, writer));
        write(dir, model, card);
        return model;
    }

    /** Writes {@code model} and {@code card} into {@code dir}, as {@link #write(Path, MaxEnt, MaxEnt, ModelCard, String)}. */
    public static void write(Path dir, TicketModel model, ModelCard card) throws IOException {
        Files.createDirectories(dir);
        Path modelFile = dir.resolve(ModelDirectory.MODEL_FILE);
        Path tmp = modelFile.resolveSibling(modelFile.getFileName() + ".tmp");
        Files.write(tmp, ModelFile.toBytes(model));
        Files.move(tmp, modelFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Path cardFile = dir.resolve(ModelDirectory.CARD_FILE);
        Path cardTmp = cardFile.resolveSibling(cardFile.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(cardTmp)) {
            card.write(out);
        }
        Files.move(cardTmp, cardFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        Files.deleteIfExists(dir.resolve(ModelDirectory.LEGACY_CATEGORY_FILE));
        Files.deleteIfExists(dir.resolve(ModelDirectory.LEGACY_PRIORITY_FILE));
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

    /** One head: biases and feature-major weights, its labels in {@code order} (a permutation of the classifier's). */
    private static ModelHead head(String name, boolean ordinal, MaxEnt classifier, List<String> order, double temperature) {
        if (classifier.getFeatureSelection() != null || classifier.getPerClassFeatureSelection() != null) {
            throw new IllegalArgumentException("the " + name + " classifier selects features, which the model format does not hold");
        }
        List<String> own = labels(classifier.getLabelAlphabet());
        int labels = own.size();
        double[] parameters = classifier.getParameters();
        int stride = classifier.getDefaultFeatureIndex() + 1;
        int features = classifier.getAlphabet().size();
        if (parameters == null || parameters.length != stride * labels || stride - 1 > features) {
            throw new IllegalArgumentException("the " + name + " classifier's parameters do not match its alphabets");
        }
        double[] biases = new double[labels];
        // Features the alphabet gained after training (none, for our trainer) have no weights: MALLET ignores them in
        // the score, and a weight of 0 does the same while they still count in the vector's norm, as in MALLET.
        double[] weights = new double[features * labels];
        for (int l = 0; l < labels; l++) {
            int from = own.indexOf(order.get(l));
            biases[l] = parameters[from * stride + stride - 1];
            for (int f = 0; f < stride - 1; f++) {
                weights[f * labels + l] = parameters[from * stride + f];
            }
        }
        return new ModelHead(name, ordinal, order, temperature, biases, weights);
    }

    private static List<String> labels(LabelAlphabet alphabet) {
        List<String> names = new ArrayList<>(alphabet.size());
        for (int i = 0; i < alphabet.size(); i++) {
            names.add(String.valueOf(alphabet.lookupObject(i)));
        }
        return names;
    }

    private static boolean sameEntries(Alphabet a, Alphabet b) {
        if (a == b) {
            return true;
        }
        if (a.size() != b.size()) {
            return false;
        }
        for (int i = 0; i < a.size(); i++) {
            if (!a.lookupObject(i).equals(b.lookupObject(i))) {
                return false;
            }
        }
        return true;
    }

    /** What a classifier's pipe says about its features: settings, vocabulary, IDF weights. */
    private record Pipeline(FeatureSettings settings, Vocabulary vocabulary, double[] idf) {

        static Pipeline of(MaxEnt classifier) {
            Pipe pipe = classifier.getInstancePipe();
            Alphabet alphabet = classifier.getAlphabet();
            if (!(pipe instanceof SerialPipes serial) || serial.size() != 4
                    || !(serial.getPipe(0) instanceof TicketTokenizer tokenizer)
                    || serial.getPipe(1).getClass() != TokenSequence2FeatureSequence.class
                    || serial.getPipe(3).getClass() != Target2Label.class
                    || alphabet == null || alphabet.entryClass() != String.class) {
                throw new IllegalArgumentException("the classifier's pipe is not the one ticket-triage trains with "
                        + "(tokenizer, feature lookup, vector weighting, label): " + describe(pipe));
            }
            Pipe vectors = serial.getPipe(2);
            FeatureSettings settings;
            double[] idf = null;
            if (vectors instanceof WeightedFeatureVectors weighted) {
                settings = weighted.settings(tokenizer);
                idf = weighted.idf() == null ? null : weighted.idf().clone();
            } else if (vectors.getClass() == FeatureSequence2FeatureVector.class) {
                settings = tokenizer.settings(isBinary(vectors, alphabet), false, false, false);
            } else {
                throw new IllegalArgumentException("the classifier's vector pipe is a " + vectors.getClass().getName());
            }
            List<String> names = new ArrayList<>(alphabet.size());
            for (Object entry : alphabet.toArray()) {
                names.add((String) entry);
            }
            if (idf != null && idf.length != names.size()) {
                throw new IllegalArgumentException(idf.length + " IDF weights for " + names.size() + " features");
            }
            return new Pipeline(settings, Vocabulary.of(names), idf);
        }

        /** Whether MALLET's own vector pipe gives presence (1) rather than counts: asked, since its field is not public. */
        private static boolean isBinary(Pipe vectors, Alphabet alphabet) {
            if (alphabet.size() == 0) {
                throw new IllegalArgumentException("the classifier knows no features");
            }
            Instance probe = new Instance(new FeatureSequence(alphabet, new int[] {0, 0}, 2), null, null, null);
            return ((FeatureVector) vectors.pipe(probe).getData()).value(0) == 1.0;
        }

        private static String describe(Pipe pipe) {
            if (pipe instanceof SerialPipes serial) {
                List<String> parts = new ArrayList<>();
                for (int i = 0; i < serial.size(); i++) {
                    parts.add(serial.getPipe(i).getClass().getSimpleName());
                }
                return String.join(", ", parts);
            }
            return pipe == null ? "none" : pipe.getClass().getSimpleName();
        }
    }
}
