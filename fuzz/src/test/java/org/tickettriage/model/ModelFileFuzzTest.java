package org.tickettriage.model;

import static org.assertj.core.api.Assertions.assertThat;

import com.code_intelligence.jazzer.junit.FuzzTest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import java.util.zip.CRC32C;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Model files as a disk, a network or an attacker might deliver them: every file is either read into a model that
 * scores a ticket, or refused with a {@link ModelLoadException}. Never another exception, a hang or an out-of-memory
 * error. With {@code fixChecksum} the fuzzer's bytes get a correct checksum, so that its mutations reach the section
 * parser instead of stopping at the CRC.
 */
class ModelFileFuzzTest {

    @MethodSource("seeds")
    @FuzzTest
    void everyFileIsReadOrRefusedWithAModelLoadException(byte[] file, boolean fixChecksum) {
        if (file == null) {
            return;
        }
        byte[] bytes = fixChecksum ? withChecksum(file) : file;
        TicketModel model;
        try {
            model = ModelFile.read(bytes, "fuzz.bin");
        } catch (ModelLoadException e) {
            assertThat(e.getMessage()).startsWith("fuzz.bin");
            return;
        }
        MaxEntTicketClassifier classifier = MaxEntTicketClassifier.of(model);
        Prediction p = classifier.classify("Refund", "I was charged twice, error 0x80070005 https://example.com, "
                + "Größe パスワードをリセット ไม่ได้");
        assertThat(model.categoryLabels()).contains(p.category());
        double sum = p.probabilities().values().stream().mapToDouble(Double::doubleValue).sum();
        assertThat(sum).isBetween(0.999999, 1.000001);
    }

    static Stream<Arguments> seeds() throws IOException {
        TicketModel small = new TicketModel("seed", "2026-11-30T00:00:00Z", 0.5, Map.of("writer", "seed"),
                FeatureSettings.parse("words+bigrams+subject+chars3-3+log+idf+norm"),
                Vocabulary.of(List.of("refund", "crash", "refund please", "subject:refund", "ch:<re")),
                new double[] {1.5, 2.0, 3.0, 1.2, 1.1},
                List.of(new ModelHead(ModelHead.CATEGORY, false, List.of("Billing", "Bug"), 0.8, new double[] {0.1, -0.1},
                                new double[] {2, -1, -1.5, 2.5, 1, 0, 0.5, 0.5, 3, 0}),
                        new ModelHead(ModelHead.PRIORITY, true, List.of("Low", "High"), 1.2, new double[] {0, 0},
                                new double[] {0, 0, -1, 1, 0, 0, 0, 0, 0, 0})));
        byte[] compat;
        try (InputStream in = ModelFileFuzzTest.class.getResourceAsStream("/seeds/model/format-1/model.bin")) {
            compat = in.readAllBytes();
        }
        byte[] tokenizer2;
        try (InputStream in = ModelFileFuzzTest.class.getResourceAsStream("/seeds/model/format-1-tokenizer-2/model.bin")) {
            tokenizer2 = in.readAllBytes();
        }
        byte[] smallBytes = ModelFile.toBytes(small);
        return Stream.of(Arguments.of(smallBytes, false), Arguments.of(smallBytes, true), Arguments.of(compat, true),
                Arguments.of(tokenizer2, true));
    }

    /** {@code file} with its last four bytes replaced by the CRC-32C of the rest (when it is long enough to have them). */
    private static byte[] withChecksum(byte[] file) {
        if (file.length < 16) {
            return file;
        }
        byte[] fixed = file.clone();
        CRC32C crc = new CRC32C();
        crc.update(fixed, 0, fixed.length - 4);
        ByteBuffer.wrap(fixed).order(ByteOrder.LITTLE_ENDIAN).putInt(fixed.length - 4, (int) crc.getValue());
        return fixed;
    }
}
