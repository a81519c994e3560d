package org.tickettriage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelDirectoryTest {

    @Test
    void aDirectoryOfTheOldFormatIsRefusedWithTheCommandThatConvertsIt(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve(ModelDirectory.LEGACY_CATEGORY_FILE), new byte[] {(byte) 0xAC, (byte) 0xED, 0, 5});
        Files.writeString(dir.resolve(ModelDirectory.CARD_FILE), "{}");

        assertThatThrownBy(() -> MaxEntTicketClassifier.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("old format").hasMessageContaining("./triage model convert OLD_DIR NEW_DIR");
    }

    @Test
    void aMissingDirectoryOrModelFileIsNamed(@TempDir Path dir) {
        assertThatThrownBy(() -> MaxEntTicketClassifier.load(dir.resolve("nowhere"))).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("does not exist");
        assertThatThrownBy(() -> MaxEntTicketClassifier.load(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("No model file at").hasMessageContaining(ModelDirectory.MODEL_FILE);
        assertThatThrownBy(() -> ModelDirectory.readCard(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("No model card at");
    }

    @Test
    void aDirectoryWithAModelFileLoadsWithoutItsCard(@TempDir Path dir) throws Exception {
        Files.write(dir.resolve(ModelDirectory.MODEL_FILE), HandWrittenFile.valid());

        MaxEntTicketClassifier classifier = MaxEntTicketClassifier.load(dir);

        assertThat(classifier.modelVersion()).isEqualTo("hand-1");
        assertThat(classifier.hasPriorityModel()).isTrue();
    }

    @Test
    void namesEveryFieldWhereTheCardDisagreesWithTheModelFile() throws Exception {
        TicketModel model = ModelFile.read(HandWrittenFile.valid(), "by hand");
        ModelCard agrees = new ModelCard("hand-1", null, List.of("Billing", "Bug"), List.of("Low", "High"), null, null,
                new ModelCard.HyperParameters("MaxEnt", 1.0, 1.0, List.of(1.0), new FeatureSettings(false, false, true),
                        null, 1), null, 0.5, null);
        ModelCard differs = new ModelCard("hand-2", null, List.of("Billing", "Bug"), List.of("High", "Low"), null, null,
                new ModelCard.HyperParameters("MaxEnt", 1.0, 1.0, List.of(1.0), FeatureSettings.DEFAULT, null, 1, null,
                        0.8, null), null, 0.6, null);

        assertThat(ModelDirectory.disagreements(model, agrees)).isEmpty();
        assertThat(ModelDirectory.disagreements(model, differs)).containsExactly(
                "modelVersion: hand-1 in model.bin, hand-2 in model-card.json",
                "priorityLabels: [Low, High] in model.bin, [High, Low] in model-card.json",
                "reviewThreshold: 0.5 in model.bin, 0.6 in model-card.json",
                "categoryTemperature: 1.0 in model.bin, 0.8 in model-card.json",
                "features: words+binary in model.bin, words+bigrams+subject+binary in model-card.json");
    }
}
