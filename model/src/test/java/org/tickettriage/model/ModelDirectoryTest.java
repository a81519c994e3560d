package org.tickettriage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
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
}
