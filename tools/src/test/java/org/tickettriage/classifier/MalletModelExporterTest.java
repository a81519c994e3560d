package org.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import cc.mallet.classify.MaxEnt;
import cc.mallet.pipe.CharSequence2TokenSequence;
import cc.mallet.pipe.FeatureSequence2FeatureVector;
import cc.mallet.pipe.Pipe;
import cc.mallet.pipe.SerialPipes;
import cc.mallet.pipe.Target2Label;
import cc.mallet.pipe.TokenSequence2FeatureSequence;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.ModelCard;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.model.Prediction;
import org.tickettriage.model.TicketModel;

/** Fitted MALLET heads exported to the model format answer as MALLET does, and what cannot be exported is refused. */
class MalletModelExporterTest {

    private static final String[] WORDS = {"refund", "charged", "twice", "invoice", "password", "login", "account",
        "locked", "crash", "error", "0x80070005", "v2.3", "app", "save", "please", "unseen", "e-mail", "$30"};

    @ParameterizedTest
    @ValueSource(strings = {"words+bigrams+subject+binary", "words+counts", "words+subject+chars3-4+log+norm",
        "words+bigrams+subject+chars3-5+log+idf+norm", "words+bigrams+chars2-5+binary+idf"})
    void anExportedHeadGivesMalletsProbabilities(String spec) {
        MaxEnt category = TestModels.trainCategory(FeatureSettings.parse(spec));
        ModelCard card = withTemperatures(TestModels.card(List.of("Account", "Billing", "Bug"), List.of()), 0.7, null);
        TicketModel model = MalletModelExporter.toModel(category, null, card, Map.of());
        MaxEntTicketClassifier exported = MaxEntTicketClassifier.of(model);

        assertThat(model.features()).isEqualTo(FeatureSettings.parse(spec)); // read back from the pipe
        Random random = new Random(9);
        for (int i = 0; i < 500; i++) {
            String subject = text(random, 4);
            String description = text(random, 30);
            Map<String, Double> expected = MalletScores.probabilities(category, 0.7, subject, description);
            double[] actual = exported.probabilities(subject, description)[0];
            for (int label = 0; label < actual.length; label++) {
                assertThat(actual[label]).as("%s / %s", subject, description)
                        .isCloseTo(expected.get(model.categoryLabels().get(label)), within(1e-12));
            }
        }
    }

    @Test
    void thePriorityHeadIsStoredLowestFirstAndStillGivesMalletsProbabilities() {
        MaxEnt[] heads = TestModels.train();
        ModelCard card = TestModels.card(List.of("Account", "Billing", "Bug"), List.of("Low", "High"));

        MaxEntTicketClassifier exported = MalletModelExporter.classifier(heads[0], heads[1], card);

        assertThat(exported.priorities()).containsExactly("Low", "High"); // MALLET's own order is High, Low
        for (String[] t : TestModels.TICKETS) {
            Map<String, Double> expected = MalletScores.probabilities(heads[1], 1.0, t[0], t[1]);
            double[] actual = exported.probabilities(t[0], t[1])[1];
            assertThat(actual[0]).isCloseTo(expected.get("Low"), within(1e-12));
            assertThat(actual[1]).isCloseTo(expected.get("High"), within(1e-12));
        }
        Prediction p = exported.classify("Charged twice", "Please refund the double payment on my card");
        assertThat(p.category()).isEqualTo("Billing");
        assertThat(p.priority()).isEqualTo("High");
    }

    @Test
    void aCharacterNgramModelExplainsWithWordsOnly() {
        MaxEnt category = TestModels.trainCategory(FeatureSettings.parse("words+subject+chars3-4+log+norm"));
        MaxEntTicketClassifier exported = MalletModelExporter.classifier(category, null,
                TestModels.card(List.of("Account", "Billing", "Bug"), List.of()));

        Prediction p = exported.classify("Refund request", "I was chargd twice", 20);

        assertThat(p.category()).isEqualTo("Billing");
        assertThat(p.explanation()).isNotEmpty().noneMatch(f -> f.feature().startsWith("ch:"));
    }

    @Test
    void writesAModelDirectoryThatLoadsAndAnswersAsInMemory(@TempDir Path dir) throws Exception {
        MaxEnt[] heads = TestModels.train();
        ModelCard card = TestModels.card(List.of("Account", "Billing", "Bug"), List.of("Low", "High"));
        Files.writeString(dir.resolve(ModelDirectory.LEGACY_CATEGORY_FILE), "an old file");

        MalletModelExporter.write(dir, heads[0], heads[1], card, "test");

        assertThat(dir.resolve(ModelDirectory.MODEL_FILE)).isRegularFile();
        assertThat(dir.resolve(ModelDirectory.LEGACY_CATEGORY_FILE)).as("the old format's files go").doesNotExist();
        assertThat(ModelDirectory.readCard(dir)).isEqualTo(card);
        MaxEntTicketClassifier loaded = MaxEntTicketClassifier.load(dir);
        MaxEntTicketClassifier inMemory = MalletModelExporter.classifier(heads[0], heads[1], card);
        assertThat(loaded.model().provenance()).containsEntry(MalletModelExporter.WRITER, "test");
        for (String[] t : TestModels.TICKETS) {
            assertThat(loaded.classify(t[0], t[1])).isEqualTo(inMemory.classify(t[0], t[1]));
        }
    }

    @Test
    void refusesACardWhoseLabelsAreNotTheHeads() {
        MaxEnt[] heads = TestModels.train();

        assertThatThrownBy(() -> MalletModelExporter.toModel(heads[0], null,
                TestModels.card(List.of("Account", "Billing", "Feature Request"), List.of()), Map.of()))
                .hasMessageContaining("category classifier's labels");
        assertThatThrownBy(() -> MalletModelExporter.toModel(heads[0], heads[1],
                TestModels.card(List.of("Account", "Billing", "Bug"), List.of("Low", "Medium")), Map.of()))
                .hasMessageContaining("priority classifier's labels");
        assertThatThrownBy(() -> MalletModelExporter.toModel(heads[0], null,
                TestModels.card(List.of("Account", "Billing", "Bug"), List.of("Low", "High")), Map.of()))
                .hasMessageContaining("no priority head");
    }

    @Test
    void refusesAPipeItDidNotBuild() {
        MaxEnt[] heads = TestModels.train();
        SerialPipes foreign = new SerialPipes(List.<Pipe>of(new CharSequence2TokenSequence(),
                new TokenSequence2FeatureSequence(heads[0].getAlphabet()), new FeatureSequence2FeatureVector(true),
                new Target2Label(heads[0].getLabelAlphabet())));
        MaxEnt withForeignPipe = new MaxEnt(foreign, heads[0].getParameters());

        assertThatThrownBy(() -> MalletModelExporter.toModel(withForeignPipe, null,
                TestModels.card(List.of("Account", "Billing", "Bug"), List.of()), Map.of()))
                .hasMessageContaining("not the one ticket-triage trains with");
    }

    private static ModelCard withTemperatures(ModelCard c, Double category, Double priority) {
        return new ModelCard(c.modelVersion(), c.createdAt(), c.categoryLabels(), c.priorityLabels(), c.trainingData(),
                c.malletVersion(), new ModelCard.HyperParameters("MaxEnt", 1.0, null, List.of(1.0), FeatureSettings.DEFAULT,
                        null, 1, null, category, priority), c.metrics(), c.reviewThreshold(), c.review());
    }

    private static String text(Random random, int maxWords) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(maxWords + 1);
        for (int i = 0; i < n; i++) {
            b.append(WORDS[random.nextInt(WORDS.length)]).append(' ');
        }
        return b.toString();
    }
}
