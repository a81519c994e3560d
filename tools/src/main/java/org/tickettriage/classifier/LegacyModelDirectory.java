package org.tickettriage.classifier;

import cc.mallet.classify.MaxEnt;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InvalidClassException;
import java.io.ObjectInputStream;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import org.tickettriage.model.ModelCard;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.model.ModelLoadException;

/**
 * A model directory of the old format: {@value ModelDirectory#LEGACY_CATEGORY_FILE}, optionally
 * {@value ModelDirectory#LEGACY_PRIORITY_FILE} (Java-serialized MALLET MaxEnt classifiers with their pipes) and the
 * model card. Read only by {@code ./triage model convert} and the tests that compare a converted model with MALLET,
 * always through {@link ModelDeserializationFilter}'s allow-list.
 *
 * @param category the category head
 * @param priority the priority head, or null
 * @param card     the model card
 */
public record LegacyModelDirectory(MaxEnt category, MaxEnt priority, ModelCard card) {

    /**
     * Reads the old-format directory {@code dir}.
     *
     * @throws ModelLoadException when a file is missing, rejected by the filter or not a MALLET MaxEnt
     */
    public static LegacyModelDirectory read(Path dir) {
        if (!Files.isDirectory(dir)) {
            throw new ModelLoadException("Model directory " + dir + " does not exist or is not a directory.");
        }
        ModelCard card = ModelDirectory.readCard(dir);
        MaxEnt category = readClassifier(dir.resolve(ModelDirectory.LEGACY_CATEGORY_FILE), true);
        MaxEnt priority = readClassifier(dir.resolve(ModelDirectory.LEGACY_PRIORITY_FILE), !card.priorityLabels().isEmpty());
        if (priority != null && card.priorityLabels().isEmpty()) {
            throw new ModelLoadException(dir.resolve(ModelDirectory.LEGACY_PRIORITY_FILE)
                    + " is present but the model card lists no priority labels.");
        }
        // Written alphabets may still be growing: stop them, so that reading a ticket never adds to them.
        category.getAlphabet().stopGrowth();
        category.getLabelAlphabet().stopGrowth();
        if (priority != null) {
            priority.getAlphabet().stopGrowth();
            priority.getLabelAlphabet().stopGrowth();
        }
        return new LegacyModelDirectory(category, priority, card);
    }

    /** Reads one classifier; null when it is absent and not required. */
    private static MaxEnt readClassifier(Path file, boolean required) {
        try (InputStream in = Files.newInputStream(file)) {
            return readClassifier(in, file.toString());
        } catch (NoSuchFileException e) {
            if (required) {
                throw new ModelLoadException("Missing model file " + file + ".");
            }
            return null;
        } catch (IOException e) {
            throw new ModelLoadException("Cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /** Deserializes a MaxEnt from {@code in} through the allow-list filter. */
    public static MaxEnt readClassifier(InputStream in, String name) {
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
            throw new ModelLoadException("Cannot read " + name + " as a MALLET " + MalletModelExporter.malletVersion()
                    + " classifier: " + e, e);
        }
    }
}
