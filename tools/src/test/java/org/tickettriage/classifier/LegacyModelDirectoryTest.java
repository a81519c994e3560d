package org.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cc.mallet.classify.MaxEnt;
import cc.mallet.pipe.PrintInput;
import cc.mallet.pipe.SerialPipes;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.model.ModelLoadException;

/** The old format is read only through the allow-list, and only to convert it. */
class LegacyModelDirectoryTest {

    @Test
    void readsBothHeadsSharingOneAlphabetAndStopsTheirGrowth(@TempDir Path dir) throws Exception {
        LegacyModelDirectory old = LegacyModelDirectory.read(TestModels.writeLegacy(dir, true));

        assertThat(old.priority().getAlphabet()).isSameAs(old.category().getAlphabet());
        assertThat(old.category().getAlphabet().growthStopped()).isTrue();
        assertThat(old.category().getLabelAlphabet().growthStopped()).isTrue();
        assertThat(old.card().modelVersion()).isEqualTo("test-model");
    }

    @Test
    void rejectsAFileHoldingAClassOutsideTheAllowList(@TempDir Path dir) throws Exception {
        TestModels.writeLegacy(dir, false);
        TestModels.writeObject(dir.resolve(ModelDirectory.LEGACY_CATEGORY_FILE), new ArrayList<>(List.of(new File("/etc/passwd"))));

        assertThatThrownBy(() -> LegacyModelDirectory.read(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("java.io.File is not allowed");
    }

    @Test
    void rejectsAClassifierWhosePipeContainsAMalletClassOutsideTheAllowList(@TempDir Path dir) throws Exception {
        TestModels.writeLegacy(dir, false);
        MaxEnt category = TestModels.train()[0];
        SerialPipes tampered = new SerialPipes(List.of(new PrintInput(), category.getInstancePipe()));
        TestModels.writeObject(dir.resolve(ModelDirectory.LEGACY_CATEGORY_FILE), new MaxEnt(tampered, category.getParameters()));

        assertThatThrownBy(() -> LegacyModelDirectory.read(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("cc.mallet.pipe.PrintInput is not allowed");
    }

    @Test
    void rejectsFilesThatAreNotMaxEntOrNotJavaSerialization(@TempDir Path dir) throws Exception {
        TestModels.writeLegacy(dir, false);
        TestModels.writeObject(dir.resolve(ModelDirectory.LEGACY_CATEGORY_FILE), "just a string");
        assertThatThrownBy(() -> LegacyModelDirectory.read(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("not a MALLET MaxEnt classifier");

        Files.writeString(dir.resolve(ModelDirectory.LEGACY_CATEGORY_FILE), "not a model");
        assertThatThrownBy(() -> LegacyModelDirectory.read(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Cannot read");
    }

    @Test
    void reportsMissingFilesClearly(@TempDir Path dir) throws Exception {
        assertThatThrownBy(() -> LegacyModelDirectory.read(dir.resolve("nowhere"))).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("does not exist");
        TestModels.writeLegacy(dir, true);
        Files.delete(dir.resolve(ModelDirectory.LEGACY_PRIORITY_FILE));
        assertThatThrownBy(() -> LegacyModelDirectory.read(dir)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Missing model file").hasMessageContaining("priority.classifier");
    }
}
