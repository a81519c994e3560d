package org.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cc.mallet.classify.MaxEnt;
import cc.mallet.pipe.PrintInput;
import cc.mallet.pipe.SerialPipes;
import cc.mallet.types.Alphabet;
import java.io.File;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MalletTicketClassifierTest {

    @TempDir
    static Path modelDir;

    static MalletTicketClassifier classifier;

    @BeforeAll
    static void loadModel() throws IOException {
        classifier = MalletTicketClassifier.load(TestModels.write(modelDir, true));
    }

    @Test
    void classifiesCategoryAndPriorityFromTheLoadedFiles() {
        Prediction p = classifier.classify("Charged twice", "Please refund the double payment on my card");

        assertThat(p.category()).isEqualTo("Billing");
        assertThat(p.priority()).isEqualTo("High");
        assertThat(p.priorityConfidence()).isGreaterThan(0.5);
        assertThat(classifier.modelVersion()).isEqualTo("test-model");
        assertThat(classifier.reviewThreshold()).isEqualTo(0.6);
        assertThat(classifier.categories()).containsExactly("Account", "Billing", "Bug");
        assertThat(classifier.priorities()).containsExactly("High", "Low");
    }

    @Test
    void probabilitiesCoverEveryCategoryMostProbableFirstAndSumToOne() {
        Prediction p = classifier.classify("Cannot log in", "password reset does not work");

        List<Double> values = new ArrayList<>(p.probabilities().values());
        assertThat(p.probabilities().keySet()).containsExactlyInAnyOrder("Account", "Billing", "Bug");
        assertThat(p.probabilities().keySet().iterator().next()).isEqualTo(p.category());
        assertThat(values).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(values.get(0)).isEqualTo(p.confidence());
        assertThat(values.stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }

    @Test
    void explanationListsTheTicketsOwnFeaturesThatPushedThePredictedCategoryStrongestFirst() {
        Prediction p = classifier.classify("Refund request", "I was charged twice");

        assertThat(p.explanation()).isNotEmpty().hasSizeLessThanOrEqualTo(MalletTicketClassifier.DEFAULT_EXPLANATION_SIZE);
        List<String> ticketFeatures = TicketFeaturePipes.featureNames(FeatureSettings.DEFAULT, "Refund request", "I was charged twice");
        assertThat(p.explanation()).allSatisfy(f -> {
            assertThat(ticketFeatures).contains(f.feature());
            assertThat(f.weight()).isPositive();
        });
        assertThat(p.explanation()).extracting(FeatureWeight::weight).isSortedAccordingTo((a, b) -> Double.compare(b, a));
        assertThat(p.explanation()).extracting(FeatureWeight::feature).containsAnyOf("refund", "subject:refund", "charged");
    }

    @Test
    void explanationSizeIsConfigurable() {
        assertThat(classifier.classify("Refund request", "I was charged twice", 2).explanation()).hasSize(2);
        assertThat(classifier.classify("Refund request", "I was charged twice", 0).explanation()).isEmpty();
    }

    @Test
    void textWithoutKnownWordsStillGetsAnAnswerWithAnEmptyExplanation() {
        Prediction p = classifier.classify("", "zzqx blorf");

        assertThat(p.category()).isIn("Account", "Billing", "Bug");
        assertThat(p.explanation()).isEmpty();
    }

    @Test
    void classifyingUnseenWordsDoesNotGrowTheAlphabets() throws IOException {
        MalletTicketClassifier fresh = MalletTicketClassifier.load(modelDir);
        int before = fresh.featureCount();

        for (int i = 0; i < 200; i++) {
            fresh.classify("never seen subject " + i, "unseenword" + i + " another-new-token-" + i + " refund");
        }

        assertThat(fresh.featureCount()).isEqualTo(before);
        MaxEnt raw = MalletTicketClassifier.readClassifier(Files.newInputStream(modelDir.resolve(MalletTicketClassifier.CATEGORY_FILE)), "test");
        Alphabet alphabet = raw.getAlphabet();
        assertThat(alphabet.size()).isEqualTo(before); // resolved to the alphabet already loaded: same instance
        assertThat(alphabet.growthStopped()).isTrue();
        assertThat(raw.getLabelAlphabet().growthStopped()).isTrue();
    }

    @Test
    void concurrentClassificationsEqualSequentialOnes() throws Exception {
        List<String[]> inputs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String[] t = TestModels.TICKETS.get(i % TestModels.TICKETS.size());
            inputs.add(new String[] {t[0] + " " + i, t[1] + " variant" + (i % 7) + " and more words " + i});
        }
        List<Prediction> sequential = inputs.stream().map(t -> classifier.classify(t[0], t[1])).toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<List<Prediction>>> futures = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int offset = thread * 37;
                futures.add(pool.submit(() -> IntStream.range(0, 2_000)
                        .mapToObj(i -> (i + offset) % inputs.size())
                        .map(i -> List.of(classifier.classify(inputs.get(i)[0], inputs.get(i)[1]), sequential.get(i)))
                        .filter(pair -> !pair.get(0).equals(pair.get(1)))
                        .map(pair -> pair.get(0))
                        .toList()));
            }
            for (Future<List<Prediction>> f : futures) {
                assertThat(f.get()).as("predictions that differ from the sequential ones").isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
    }

    @Test
    void aModelWithoutPriorityHeadPredictsNoPriority(@TempDir Path dir) throws IOException {
        MalletTicketClassifier categoryOnly = MalletTicketClassifier.load(TestModels.write(dir, false));

        Prediction p = categoryOnly.classify("Refund", "charged twice");

        assertThat(categoryOnly.hasPriorityModel()).isFalse();
        assertThat(p.category()).isEqualTo("Billing");
        assertThat(p.priority()).isNull();
        assertThat(p.priorityConfidence()).isZero();
    }

    @Test
    void rejectsAFileHoldingAClassOutsideTheAllowList(@TempDir Path dir) throws IOException {
        TestModels.write(dir, false);
        TestModels.writeObject(dir.resolve(MalletTicketClassifier.CATEGORY_FILE), new ArrayList<>(List.of(new File("/etc/passwd"))));

        assertThatThrownBy(() -> MalletTicketClassifier.load(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("java.io.File is not allowed");
    }

    @Test
    void rejectsAClassifierWhosePipeContainsAMalletClassOutsideTheAllowList(@TempDir Path dir) throws IOException {
        TestModels.write(dir, false);
        MaxEnt category = TestModels.train()[0];
        SerialPipes tampered = new SerialPipes(List.of(new PrintInput(), category.getInstancePipe()));
        TestModels.writeObject(dir.resolve(MalletTicketClassifier.CATEGORY_FILE),
                new MaxEnt(tampered, category.getParameters()));

        assertThatThrownBy(() -> MalletTicketClassifier.load(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("cc.mallet.pipe.PrintInput is not allowed");
    }

    @Test
    void rejectsAFileThatIsNotAMaxEnt(@TempDir Path dir) throws IOException {
        TestModels.write(dir, false);
        TestModels.writeObject(dir.resolve(MalletTicketClassifier.CATEGORY_FILE), "just a string");

        assertThatThrownBy(() -> MalletTicketClassifier.load(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("not a MALLET MaxEnt classifier");
    }

    @Test
    void rejectsAFileThatIsNotJavaSerialization(@TempDir Path dir) throws IOException {
        TestModels.write(dir, false);
        Files.writeString(dir.resolve(MalletTicketClassifier.CATEGORY_FILE), "not a model");

        assertThatThrownBy(() -> MalletTicketClassifier.load(dir))
                .isInstanceOf(ModelLoadException.class)
                .hasMessageContaining("Cannot read");
    }

    @Test
    void reportsMissingDirectoryAndFilesClearly(@TempDir Path dir) throws IOException {
        assertThatThrownBy(() -> MalletTicketClassifier.load(dir.resolve("nowhere")))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("does not exist");
        assertThatThrownBy(() -> MalletTicketClassifier.load(dir))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("No model card");

        TestModels.write(dir, true);
        Files.delete(dir.resolve(MalletTicketClassifier.PRIORITY_FILE));
        assertThatThrownBy(() -> MalletTicketClassifier.load(dir))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("Missing model file").hasMessageContaining("priority.classifier");
    }

    @Test
    void rejectsAModelCardWhoseLabelsDifferFromTheClassifiers(@TempDir Path dir) throws IOException {
        TestModels.write(dir, false);
        try (OutputStream out = Files.newOutputStream(dir.resolve(MalletTicketClassifier.CARD_FILE))) {
            TestModels.card(List.of("Account", "Billing", "Feature Request"), List.of()).write(out);
        }

        assertThatThrownBy(() -> MalletTicketClassifier.load(dir))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("differ from the model card");
    }

    @Test
    void acceptsACardThatListsThePrioritiesLowestFirstRatherThanInTheClassifiersOrder(@TempDir Path dir) throws IOException {
        TestModels.write(dir, true);
        try (OutputStream out = Files.newOutputStream(dir.resolve(MalletTicketClassifier.CARD_FILE))) {
            TestModels.card(List.of("Account", "Billing", "Bug"), List.of("Low", "High")).write(out);
        }

        MalletTicketClassifier classifier = MalletTicketClassifier.load(dir);

        assertThat(classifier.modelCard().priorityLabels()).containsExactly("Low", "High");
        assertThat(classifier.priorities()).containsExactly("High", "Low");
        assertThat(classifier.classify("Refund", "I was charged twice").priority()).isIn("Low", "High");
    }

    @Test
    void rejectsAModelCardWhosePriorityLabelsDifferFromTheClassifiers(@TempDir Path dir) throws IOException {
        TestModels.write(dir, true);
        try (OutputStream out = Files.newOutputStream(dir.resolve(MalletTicketClassifier.CARD_FILE))) {
            TestModels.card(List.of("Account", "Billing", "Bug"), List.of("Low", "Medium")).write(out);
        }

        assertThatThrownBy(() -> MalletTicketClassifier.load(dir))
                .isInstanceOf(ModelLoadException.class).hasMessageContaining("priority classifier's labels");
    }

    @Test
    void bothHeadsShareOneFeaturizationAfterLoading() {
        // Trained on one alphabet, the heads must come back sharing it; otherwise every ticket is featurized twice.
        MaxEnt category = MalletTicketClassifier.readClassifier(open(MalletTicketClassifier.CATEGORY_FILE), "c");
        MaxEnt priority = MalletTicketClassifier.readClassifier(open(MalletTicketClassifier.PRIORITY_FILE), "p");

        assertThat(priority.getAlphabet()).isSameAs(category.getAlphabet());
    }

    private static java.io.InputStream open(String file) {
        try {
            return Files.newInputStream(modelDir.resolve(file));
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }
}
