package org.tickettriage.model;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * What a model directory holds: the model file, which alone is enough to score, and the model card written from the
 * same data for people and tools. When the two disagree the model file wins: serving never reads the card.
 */
public final class ModelDirectory {

    /** The model file. */
    public static final String MODEL_FILE = "model.bin";
    /** The model card. */
    public static final String CARD_FILE = "model-card.json";
    /** The category head of the old format (Java-serialized MALLET), which `model convert` reads. */
    public static final String LEGACY_CATEGORY_FILE = "category.classifier";
    /** The priority head of the old format. */
    public static final String LEGACY_PRIORITY_FILE = "priority.classifier";
    /** The command that converts a directory of the old format, as messages quote it. */
    public static final String CONVERT_COMMAND = "./triage model convert OLD_DIR NEW_DIR";
    /** Where {@link MaxEntTicketClassifier#loadBundled()} looks on the classpath. */
    public static final String BUNDLED_RESOURCE = "/model/";

    private ModelDirectory() {
    }

    /**
     * The model in {@code dir}.
     *
     * @throws ModelLoadException when the directory or its model file is missing, or the file cannot be read; a
     *                            directory of the old format is named as such, with the command that converts it
     */
    public static TicketModel readModel(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException("Model directory " + dir + " does not exist or is not a directory.");
        }
        Path file = dir.resolve(MODEL_FILE);
        if (!Files.exists(file) && Files.exists(dir.resolve(LEGACY_CATEGORY_FILE))) {
            throw legacy(dir.toString());
        }
        return ModelFile.read(file);
    }

    /**
     * The model card in {@code dir}.
     *
     * @throws ModelLoadException when it is missing or unreadable
     */
    public static ModelCard readCard(Path dir) {
        Path file = dir.resolve(CARD_FILE);
        try (InputStream in = Files.newInputStream(file)) {
            return ModelCard.read(in);
        } catch (NoSuchFileException e) {
            throw new ModelLoadException("No model card at " + file + ".");
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read the model card " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * The model card bundled on the classpath under {@value #BUNDLED_RESOURCE}.
     *
     * @throws ModelLoadException when there is none or it is unreadable
     */
    public static ModelCard readBundledCard() {
        String resource = BUNDLED_RESOURCE + CARD_FILE;
        try (InputStream in = ModelDirectory.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new ModelLoadException("No model card is bundled on the classpath under " + BUNDLED_RESOURCE + ".");
            }
            return ModelCard.read(in);
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read the model card classpath:" + resource + ": " + e.getMessage(), e);
        }
    }

    /**
     * Where {@code card} says something else than {@code model} about what serving uses: version, labels, review
     * threshold, temperatures, features. Each line names the field and both values; the model file wins. Empty when
     * they agree.
     */
    public static List<String> disagreements(TicketModel model, ModelCard card) {
        List<String> found = new ArrayList<>();
        compare(found, "modelVersion", model.modelVersion(), card.modelVersion());
        compare(found, "categoryLabels", model.categoryLabels(), card.categoryLabels());
        compare(found, "priorityLabels", model.priorityLabels(), card.priorityLabels());
        compare(found, "reviewThreshold", model.reviewThreshold(), card.reviewThreshold());
        ModelCard.HyperParameters h = card.hyperParameters();
        if (h != null) {
            compare(found, "categoryTemperature", model.category().temperature(),
                    h.categoryTemperature() == null ? 1.0 : h.categoryTemperature());
            if (model.priority() != null) {
                compare(found, "priorityTemperature", model.priority().temperature(),
                        h.priorityTemperature() == null ? 1.0 : h.priorityTemperature());
            }
            if (h.features() != null) {
                compare(found, "features", model.features().describe(), h.features().describe());
            }
        }
        return found;
    }

    private static void compare(List<String> found, String field, Object inModel, Object inCard) {
        if (!inModel.equals(inCard)) {
            found.add(field + ": " + inModel + " in " + MODEL_FILE + ", " + inCard + " in " + CARD_FILE);
        }
    }

    /** The error for a directory that holds the old format's files instead of a model file. */
    static ModelLoadException legacy(String where) {
        return new ModelLoadException(where + " holds a model of the old format (Java-serialized MALLET classifiers, "
                + LEGACY_CATEGORY_FILE + "), which this release no longer loads. Convert it once with `"
                + CONVERT_COMMAND + "` (in the tools jar), or retrain it with `./triage train`.");
    }
}
