package org.tickettriage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.ByteArrayInputStream;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** Writing and reading the model file, and refusing every kind of broken file with a clear message, quickly. */
@Timeout(10)
class ModelFileTest {

    private static final FeatureSettings EVERYTHING = FeatureSettings.parse("words+bigrams+subject+chars3-4+log+idf+norm");

    @ParameterizedTest
    @ValueSource(strings = {"words+bigrams+subject+binary", "words+counts", "words+subject+chars3-4+log+norm",
        "words+bigrams+subject+chars3-4+log+idf+norm", "words+chars2-5+binary+idf"})
    void aWrittenModelReadsBackFieldForFieldAndScoresTheSame(String spec) {
        TicketModel model = TestModels.random(FeatureSettings.parse(spec), TestModels.WORDS, true, 1);

        TicketModel read = ModelFile.read(ModelFile.toBytes(model), "test");

        assertThat(read.modelVersion()).isEqualTo(model.modelVersion());
        assertThat(read.createdAt()).isEqualTo(model.createdAt());
        assertThat(read.reviewThreshold()).isEqualTo(model.reviewThreshold());
        assertThat(read.provenance()).isEqualTo(model.provenance());
        assertThat(read.tokenizerVersion()).isEqualTo(model.tokenizerVersion());
        assertThat(read.features()).isEqualTo(model.features());
        assertThat(read.vocabulary().names()).containsExactlyElementsOf(model.vocabulary().names());
        assertThat(read.idf()).isEqualTo(model.idf());
        assertThat(read.heads()).hasSize(2);
        for (int h = 0; h < 2; h++) {
            ModelHead a = model.heads().get(h);
            ModelHead b = read.heads().get(h);
            assertThat(b.name()).isEqualTo(a.name());
            assertThat(b.ordinal()).isEqualTo(a.ordinal());
            assertThat(b.labels()).isEqualTo(a.labels());
            assertThat(b.temperature()).isEqualTo(a.temperature());
            assertThat(b.biases()).isEqualTo(a.biases());
            assertThat(b.weights()).isEqualTo(a.weights());
        }
        MaxEntTicketClassifier before = MaxEntTicketClassifier.of(model);
        MaxEntTicketClassifier after = MaxEntTicketClassifier.of(read);
        for (String word : TestModels.WORDS) {
            assertThat(after.classify(word, "refund " + word + " crash")).isEqualTo(before.classify(word, "refund " + word + " crash"));
        }
    }

    @Test
    void theSameModelAlwaysGivesTheSameBytes() {
        byte[] a = ModelFile.toBytes(TestModels.random(EVERYTHING, TestModels.WORDS, true, 2));
        byte[] b = ModelFile.toBytes(TestModels.random(EVERYTHING, TestModels.WORDS, true, 2));

        assertThat(a).isEqualTo(b);
        assertThat(ModelFile.sha256Hex(a)).isEqualTo(ModelFile.sha256Hex(b)).hasSize(64);
    }

    @Test
    void aFileWrittenByHandFromTheDocumentationReadsAsDocumented() throws Exception {
        TicketModel model = ModelFile.read(HandWrittenFile.valid(), "by hand");

        assertThat(model.modelVersion()).isEqualTo("hand-1");
        assertThat(model.reviewThreshold()).isEqualTo(0.5);
        assertThat(model.provenance()).containsEntry("writer", "by hand");
        assertThat(model.features()).isEqualTo(new FeatureSettings(false, false, true));
        assertThat(model.vocabulary().names()).containsExactly("refund", "crash");
        assertThat(model.categoryLabels()).containsExactly("Billing", "Bug");
        assertThat(model.priorityLabels()).containsExactly("Low", "High");
        Prediction p = MaxEntTicketClassifier.of(model).classify("", "crash");
        assertThat(p.category()).isEqualTo("Bug");
        assertThat(p.confidence()).isCloseTo(1 / (1 + Math.exp(-3.8)), within(1e-15));
        assertThat(p.priority()).isEqualTo("High");
    }

    @Test
    void writtenFilesHaveTheDocumentedPreambleAndSections() {
        byte[] file = ModelFile.toBytes(TestModels.random(EVERYTHING, TestModels.WORDS, true, 3));

        assertThat(Arrays.copyOf(file, 12)).containsExactly(0x89, 'T', 'R', 'I', 'A', 'G', 'E', '\n', 1, 0, 0, 0);
        assertThat(new String(file, 12, 4, java.nio.charset.StandardCharsets.US_ASCII)).isEqualTo("INFO");
    }

    @Test
    void truncatedFilesAreRefused() {
        byte[] file = ModelFile.toBytes(TestModels.random(EVERYTHING, TestModels.WORDS, true, 4));
        List<Integer> lengths = new ArrayList<>(List.of(0, 1, 7, 8, 11, 12, 15, 16, file.length - 5, file.length - 4,
                file.length - 1));
        for (int i = 1; i < 50; i++) {
            lengths.add(file.length * i / 50);
        }
        for (int length : lengths) {
            assertThatThrownBy(() -> ModelFile.read(Arrays.copyOf(file, length), "cut.bin"))
                    .as("cut at %d of %d bytes", length, file.length)
                    .isInstanceOf(ModelLoadException.class)
                    .hasMessageStartingWith("cut.bin")
                    .hasMessageMatching("(?s).*(truncated|checksum|magic number).*");
        }
    }

    @Test
    void everyFlippedBitIsCaughtByTheChecksum() {
        byte[] file = ModelFile.toBytes(TestModels.random(EVERYTHING, TestModels.WORDS, true, 5));
        Random random = new Random(6);
        for (int i = 0; i < 300; i++) {
            byte[] flipped = file.clone();
            int bit = 8 * 12 + random.nextInt(8 * (file.length - 12)); // after the magic and version
            flipped[bit / 8] ^= (byte) (1 << (bit % 8));
            assertThatThrownBy(() -> ModelFile.read(flipped, "flipped.bin")).as("bit %d", bit)
                    .isInstanceOf(ModelLoadException.class).hasMessageContaining("checksum");
        }
    }

    @Test
    void aFileOfAnotherKindIsNamedAsSuch() {
        byte[] zip = {'P', 'K', 3, 4, 20, 0, 0, 0, 8, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0,
            0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0};
        assertThatThrownBy(() -> ModelFile.read(zip, "x.bin")).isInstanceOf(ModelLoadException.class)
                .hasMessage("x.bin is not a ticket-triage model file (wrong magic number).");

        byte[] javaSerialization = {(byte) 0xAC, (byte) 0xED, 0, 5, 0x73, 0x72};
        assertThatThrownBy(() -> ModelFile.read(javaSerialization, "category.classifier"))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("Java-serialized")
                .hasMessageContaining("./triage model convert");
    }

    @Test
    void aNewerFormatAsksForANewerRelease() throws Exception {
        byte[] file = HandWrittenFile.preamble(2, 0).section("INFO", HandWrittenFile.info()).withChecksum();

        assertThatThrownBy(() -> ModelFile.read(file, "new.bin")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("model format 2").hasMessageContaining("upgrade");
    }

    @Test
    void aNewerTokenizerAsksForANewerRelease() throws Exception {
        int newer = Tokenizer.LATEST_VERSION + 1;
        byte[] file = HandWrittenFile.preamble(1, 0).section("INFO", HandWrittenFile.info())
                .section("FEAT", HandWrittenFile.features(newer, 4, 0, 0)).withChecksum();

        assertThatThrownBy(() -> ModelFile.read(file, "t.bin")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("t.bin").hasMessageContaining("tokenizer version " + newer)
                .hasMessageContaining("knows versions 1 to " + Tokenizer.LATEST_VERSION).hasMessageContaining("upgrade");
    }

    @Test
    void tokenizerVersionZeroIsRefusedWithoutAskingForAnUpgrade() throws Exception {
        byte[] file = HandWrittenFile.preamble(1, 0).section("INFO", HandWrittenFile.info())
                .section("FEAT", HandWrittenFile.features(0, 4, 0, 0)).withChecksum();

        assertThatThrownBy(() -> ModelFile.read(file, "t.bin")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("tokenizer version 0").hasMessageNotContaining("upgrade");
    }

    @Test
    void aTokenizerVersionTwoModelReadsBackWithItsVersionAndFeatures() {
        FeatureSettings settings = FeatureSettings.parse("words+bigrams+subject+chars3-4+log+idf+norm+tokenizer2");
        TicketModel model = TestModels.random(settings, TestModels.WORDS, true, 3);

        byte[] bytes = ModelFile.toBytes(model);
        TicketModel read = ModelFile.read(bytes, "v2.bin");

        int feat = new String(bytes, java.nio.charset.StandardCharsets.ISO_8859_1).indexOf("FEAT");
        assertThat(bytes[feat + 8] & 0xFF | (bytes[feat + 9] & 0xFF) << 8).as("FEAT's tokenizer version").isEqualTo(2);
        assertThat(read.tokenizerVersion()).isEqualTo(2);
        assertThat(read.features()).isEqualTo(settings);
        assertThat(MaxEntTicketClassifier.of(read).classify("Größe", "naïve 中文 refund"))
                .isEqualTo(MaxEntTicketClassifier.of(model).classify("Größe", "naïve 中文 refund"));
    }

    @Test
    void anUnknownCriticalSectionIsRefusedAndAnUnknownAncillaryOneSkipped() throws Exception {
        byte[] critical = HandWrittenFile.preamble(1, 0).section("INFO", HandWrittenFile.info())
                .section("XTRA", HandWrittenFile.payload().u32(7)).withChecksum();
        assertThatThrownBy(() -> ModelFile.read(critical, "c.bin")).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("XTRA").hasMessageContaining("newer release");

        byte[] ancillary = HandWrittenFile.preamble(1, 0).section("INFO", HandWrittenFile.info())
                .section("note", HandWrittenFile.payload().str("anything a later release adds"))
                .section("FEAT", HandWrittenFile.features(1, 4, 0, 0))
                .section("VOCB", HandWrittenFile.vocabulary("refund", "crash"))
                .section("HEAD", HandWrittenFile.category()).withChecksum();
        assertThat(ModelFile.read(ancillary, "a.bin").categoryLabels()).containsExactly("Billing", "Bug");
    }

    @Test
    void hugeCountsAreRefusedBeforeAnythingIsAllocated() throws Exception {
        assertRefused(file(HandWrittenFile.payload().u32(0xFFFF_FFFFL), HandWrittenFile.category()),
                "declares 4294967295 features, more than the 20000000");
        assertRefused(file(HandWrittenFile.payload().u32(19_000_000), HandWrittenFile.category()),
                "declares 19000000 features but has only");
        assertRefused(file(HandWrittenFile.vocabulary("refund", "crash"),
                HandWrittenFile.payload().str("category").u8(0).u32(2_000_000_000)), "labels of head category");
        assertRefused(file(HandWrittenFile.vocabulary("refund", "crash"),
                HandWrittenFile.payload().u32(0xFFFF_FFF0L)), "more than 65536");
        assertRefused(file(HandWrittenFile.payload().u32(2).u32(6).u32(0xFFFF_FFF0L).bytes(new byte[6]),
                HandWrittenFile.category()), "feature name of 4294967280 bytes at index 1");
        assertRefused(file(HandWrittenFile.payload().u32(2).u32(60_000).u32(60_000).bytes(new byte[6]),
                HandWrittenFile.category()), "declares 120000 bytes of feature names");
        assertRefused(file(HandWrittenFile.vocabulary("refund", "crash"),
                HandWrittenFile.head("category", 0, new String[] {"A", "B"}, 1.0, 2, new double[] {0, 0}, new double[] {1, 2})),
                "needs 48 bytes of weights");
        assertRefused(file(HandWrittenFile.vocabulary("refund", "crash"),
                HandWrittenFile.head("category", 0, new String[] {"A", "B"}, 1.0, 3, new double[] {0, 0}, new double[6])),
                "weights for 3 features, the vocabulary 2");
        byte[] claimsTooMuch = HandWrittenFile.preamble(1, 0).bytes("INFO".getBytes(java.nio.charset.StandardCharsets.US_ASCII))
                .u32(1_000_000).withChecksum();
        assertRefused(claimsTooMuch, "claims 1000000 bytes");
    }

    @Test
    void invalidValuesAreRefusedWithWhatIsWrong() throws Exception {
        assertRefused(file(HandWrittenFile.vocabulary("refund", "refund"), HandWrittenFile.category()), "repeats feature 0");
        assertRefused(file(HandWrittenFile.vocabulary("refund", ""), HandWrittenFile.category()),
                "feature name of 0 bytes at index 1");
        assertRefused(file(HandWrittenFile.payload().u32(2).u32(6).u32(2)
                .bytes("refund".getBytes(java.nio.charset.StandardCharsets.US_ASCII)).bytes(new byte[] {(byte) 0xC3, 0x28}),
                HandWrittenFile.category()), "not valid UTF-8");
        assertRefused(file(HandWrittenFile.vocabulary("refund", "crash"), HandWrittenFile.head("category", 0,
                new String[] {"A", "B"}, 1.0, 2, new double[] {0, 0}, new double[] {1, Double.NaN, 0, 0})), "weight NaN at 1");
        assertRefused(file(HandWrittenFile.vocabulary("refund", "crash"), HandWrittenFile.head("category", 0,
                new String[] {"A", "B"}, 1.0, 2, new double[] {0, 0}, new double[] {1, 2e6, 0, 0})), "weight 2000000.0 at 1");
        assertRefused(file(HandWrittenFile.vocabulary("refund", "crash"), HandWrittenFile.head("category", 0,
                new String[] {"A", "B"}, 1e-9, 2, new double[] {0, 0}, new double[4])), "temperature 1.0E-9 is not in [0.05, 20.0]");
        assertRefused(file(HandWrittenFile.vocabulary("refund", "crash"), HandWrittenFile.head("category", 0,
                new String[] {"A", "B"}, 0.0, 2, new double[] {0, 0}, new double[4])), "temperature 0.0 is not in");
        assertRefused(file(HandWrittenFile.vocabulary("refund", "crash"), HandWrittenFile.head("category", 0,
                new String[] {"A", "A"}, 1.0, 2, new double[] {0, 0}, new double[4])), "repeats a label");
        assertRefused(file(HandWrittenFile.vocabulary("refund", "crash"), HandWrittenFile.head("category", 3,
                new String[] {"A", "B"}, 1.0, 2, new double[] {0, 0}, new double[4])), "kind 3");
        assertRefused(file(HandWrittenFile.vocabulary("refund", "crash"), HandWrittenFile.head("priority", 1,
                new String[] {"A", "B"}, 1.0, 2, new double[] {0, 0}, new double[4])), "first head must be the category head");
        assertRefused(HandWrittenFile.preamble(1, 0).section("INFO", HandWrittenFile.info())
                .section("FEAT", HandWrittenFile.features(1, 4, 0, 0)).section("VOCB", HandWrittenFile.vocabulary("a"))
                .section("HEAD", HandWrittenFile.category()).section("HEAD", HandWrittenFile.head("priority", 0,
                        new String[] {"Low", "High"}, 1.0, 1, new double[2], new double[2])).withChecksum(),
                "weights for 2 features, the vocabulary 1");
        assertRefused(HandWrittenFile.preamble(1, 0).section("INFO", HandWrittenFile.info())
                .section("FEAT", HandWrittenFile.features(1, 1 << 7, 0, 0)).withChecksum(), "feature flags 10000000");
        assertRefused(HandWrittenFile.preamble(1, 0).section("INFO", HandWrittenFile.info())
                .section("FEAT", HandWrittenFile.features(1, 4, 5, 3)).withChecksum(), "character n-gram lengths");
        assertRefused(HandWrittenFile.preamble(1, 0).section("INFO", HandWrittenFile.payload().str("v").str("")
                .f64(Double.NaN).u32(0)).withChecksum(), "review threshold NaN");
        assertRefused(HandWrittenFile.preamble(1, 1).section("INFO", HandWrittenFile.info()).withChecksum(), "preamble flags 1");
        assertRefused(HandWrittenFile.preamble(1, 0).section("INFO", HandWrittenFile.info())
                .section("FEAT", HandWrittenFile.features(1, 4, 0, 0)).section("VOCB", HandWrittenFile.vocabulary("a"))
                .withChecksum(), "ends before HEAD");
        assertRefused(HandWrittenFile.preamble(1, 0).section("FEAT", HandWrittenFile.features(1, 4, 0, 0)).withChecksum(),
                "has section FEAT where INFO belongs");
        assertRefused(HandWrittenFile.preamble(1, 0).section("INFO", HandWrittenFile.info().u8(0)).withChecksum(),
                "1 unread bytes at the end of section INFO");
    }

    @Test
    void aFileLargerThanTheLimitIsRefusedWithoutReadingIt(@TempDir Path dir) throws Exception {
        Path huge = dir.resolve("model.bin");
        try (RandomAccessFile f = new RandomAccessFile(huge.toFile(), "rw")) {
            f.setLength(ModelFile.MAX_FILE_BYTES + 1); // sparse: no disk used, nothing read
        }
        assertThatThrownBy(() -> ModelFile.read(huge)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("more than the");
        Files.delete(huge);
        assertThatThrownBy(() -> ModelFile.read(huge)).isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("No model file at");
    }

    @Test
    void aStreamIsReadToItsEnd() throws Exception {
        byte[] valid = HandWrittenFile.valid();

        assertThat(ModelFile.read(new ByteArrayInputStream(valid), "stream").modelVersion()).isEqualTo("hand-1");
    }

    /** A file whose vocabulary section is {@code vocabulary} and whose one head is {@code head}, checksum right. */
    private static byte[] file(HandWrittenFile vocabulary, HandWrittenFile head) throws Exception {
        return HandWrittenFile.preamble(1, 0).section("INFO", HandWrittenFile.info())
                .section("FEAT", HandWrittenFile.features(1, 4, 0, 0)).section("VOCB", vocabulary)
                .section("HEAD", head).withChecksum();
    }

    private static void assertRefused(byte[] file, String problem) {
        assertThatThrownBy(() -> ModelFile.read(file, "hostile.bin")).isInstanceOf(ModelLoadException.class)
                .hasMessageStartingWith("hostile.bin").hasMessageContaining(problem);
    }
}
