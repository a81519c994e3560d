package org.tickettriage.training.train;

import cc.mallet.classify.MaxEnt;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import org.tickettriage.classifier.MalletTicketClassifier;
import org.tickettriage.classifier.ModelCard;

/**
 * Writes a model directory: the serialized classifiers and the model card, under the names
 * {@link MalletTicketClassifier#load} reads. Each file is written next to its final name and then moved,
 * so a crash never leaves a half-written model behind a valid name.
 */
public final class ModelWriter {

    private ModelWriter() {
    }

    /**
     * Writes {@code category}, {@code priority} (removing a stale priority file when null) and {@code card}.
     */
    public static void write(Path dir, MaxEnt category, MaxEnt priority, ModelCard card) throws IOException {
        Files.createDirectories(dir);
        writeClassifier(dir.resolve(MalletTicketClassifier.CATEGORY_FILE), category);
        Path priorityFile = dir.resolve(MalletTicketClassifier.PRIORITY_FILE);
        if (priority != null) {
            writeClassifier(priorityFile, priority);
        } else {
            Files.deleteIfExists(priorityFile);
        }
        Path cardFile = dir.resolve(MalletTicketClassifier.CARD_FILE);
        Path tmp = cardFile.resolveSibling(cardFile.getFileName() + ".tmp");
        try (OutputStream out = Files.newOutputStream(tmp)) {
            card.write(out);
        }
        Files.move(tmp, cardFile, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }

    private static void writeClassifier(Path file, MaxEnt classifier) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
        try (ObjectOutputStream out = new ObjectOutputStream(new BufferedOutputStream(Files.newOutputStream(tmp), 1 << 16))) {
            out.writeObject(classifier);
        }
        Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
    }
}
