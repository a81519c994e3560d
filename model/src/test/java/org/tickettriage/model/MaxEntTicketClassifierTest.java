package org.tickettriage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** Scoring checked against probabilities worked out by hand from a model small enough to read. */
class MaxEntTicketClassifierTest {

    /** Words, presence values, and 3-character n-grams (of which the model knows one). */
    private static final FeatureSettings SETTINGS = new FeatureSettings(false, false, true, 3, 3, false, false, false);
    private static final Vocabulary VOCABULARY = Vocabulary.of(List.of("refund", "crash", "ch:<re"));

    /**
     * Category: refund pushes Billing (+2) and away from Bug (-1), crash the other way (-1.5, +2.5), the n-gram
     * "ch:<re" (which "refund" yields) Billing by +3; biases +0.1 and -0.1. Priority: crash pushes High (+1) over Low (-1).
     */
    private static TicketModel model(double categoryTemperature, boolean withPriority) {
        ModelHead category = new ModelHead(ModelHead.CATEGORY, false, List.of("Billing", "Bug"), categoryTemperature,
                new double[] {0.1, -0.1},
                new double[] {2.0, -1.0, /* crash */ -1.5, 2.5, /* ch:<re */ 3.0, 0.0});
        ModelHead priority = new ModelHead(ModelHead.PRIORITY, true, List.of("Low", "High"), 1.0,
                new double[] {0.0, 0.0},
                new double[] {0.0, 0.0, /* crash */ -1.0, 1.0, /* ch:<re */ 0.0, 0.0});
        return new TicketModel("hand-made", "", 0.7, Map.of(), SETTINGS, VOCABULARY, null,
                withPriority ? List.of(category, priority) : List.of(category));
    }

    @Test
    void probabilitiesAreTheSoftmaxOfBiasPlusWeights() {
        MaxEntTicketClassifier classifier = MaxEntTicketClassifier.of(model(1.0, true));

        Prediction p = classifier.classify("", "Refund, please");

        // Billing: 0.1 + 2 + 3 = 5.1; Bug: -0.1 - 1 + 0 = -1.1.
        double billing = 1 / (1 + Math.exp(-6.2));
        assertThat(p.category()).isEqualTo("Billing");
        assertThat(p.confidence()).isCloseTo(billing, within(1e-15));
        assertThat(p.probabilities().keySet()).containsExactly("Billing", "Bug");
        assertThat(p.probabilities().get("Bug")).isCloseTo(1 - billing, within(1e-15));
        assertThat(p.priority()).isEqualTo("Low"); // a tie at 0.5: the first label, as MALLET's argmax
        assertThat(p.priorityConfidence()).isEqualTo(0.5);
        assertThat(classifier.modelVersion()).isEqualTo("hand-made");
        assertThat(classifier.reviewThreshold()).isEqualTo(0.7);
        assertThat(classifier.priorities()).containsExactly("Low", "High");
    }

    @Test
    void theFeaturesOfBothFieldsCountAndUnknownWordsAreDropped() {
        MaxEntTicketClassifier classifier = MaxEntTicketClassifier.of(model(1.0, true));

        Prediction p = classifier.classify("crash", "zzqx blorf");

        // Bug: -0.1 + 2.5 = 2.4; Billing: 0.1 - 1.5 = -1.4. Priority High: 1 - (-1) = 2.
        assertThat(p.category()).isEqualTo("Bug");
        assertThat(p.confidence()).isCloseTo(1 / (1 + Math.exp(-3.8)), within(1e-15));
        assertThat(p.priority()).isEqualTo("High");
        assertThat(p.priorityConfidence()).isCloseTo(1 / (1 + Math.exp(-2.0)), within(1e-15));
    }

    @Test
    void aTemperatureDividesTheLogitsWithoutChangingTheAnswer() {
        Prediction sharp = MaxEntTicketClassifier.of(model(1.0, false)).classify("", "refund");
        Prediction soft = MaxEntTicketClassifier.of(model(2.0, false)).classify("", "refund");

        assertThat(soft.category()).isEqualTo(sharp.category());
        assertThat(soft.confidence()).isCloseTo(1 / (1 + Math.exp(-6.2 / 2)), within(1e-12));
        assertThat(soft.probabilities().values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-12));
    }

    @Test
    void explanationListsWordsThatPushedThePredictedCategoryNeverCharacterNgrams() {
        MaxEntTicketClassifier classifier = MaxEntTicketClassifier.of(model(1.0, false));

        Prediction p = classifier.classify("", "refund crash");

        // Billing: 0.1 + 2 - 1.5 + 3 = 3.6, Bug: -0.1 - 1 + 2.5 = 1.4. For Billing only refund pushed (crash pulled
        // back); "ch:<re" pushed most but explains nothing to a person.
        assertThat(p.category()).isEqualTo("Billing");
        assertThat(p.explanation()).containsExactly(new FeatureWeight("refund", 2.0));
        assertThat(classifier.classify("", "refund crash", 0).explanation()).isEmpty();
    }

    @Test
    void textWithoutKnownFeaturesGetsTheBiasesAndAnEmptyExplanation() {
        Prediction p = MaxEntTicketClassifier.of(model(1.0, false)).classify("", "zzqx blorf");

        assertThat(p.category()).isEqualTo("Billing");
        assertThat(p.confidence()).isCloseTo(1 / (1 + Math.exp(-0.2)), within(1e-15));
        assertThat(p.explanation()).isEmpty();
        assertThat(p.priority()).isNull();
        assertThat(p.priorityConfidence()).isZero();
    }

    @Test
    void concurrentClassificationsEqualSequentialOnes() throws Exception {
        MaxEntTicketClassifier classifier = MaxEntTicketClassifier.of(TestModels.random(
                FeatureSettings.parse("words+bigrams+subject+chars3-4+log+idf+norm"), TestModels.WORDS, true, 5));
        List<String[]> inputs = new ArrayList<>();
        for (int i = 0; i < 300; i++) {
            String a = TestModels.WORDS.get(i % TestModels.WORDS.size());
            String b = TestModels.WORDS.get((i * 7) % TestModels.WORDS.size());
            inputs.add(new String[] {a + " " + i, b + " " + a + " " + b + " variant" + (i % 7)});
        }
        List<Prediction> sequential = inputs.stream().map(t -> classifier.classify(t[0], t[1])).toList();

        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            List<Future<Long>> futures = new ArrayList<>();
            for (int thread = 0; thread < 8; thread++) {
                int offset = thread * 37;
                futures.add(pool.submit(() -> IntStream.range(0, 2_000)
                        .map(i -> (i + offset) % inputs.size())
                        .filter(i -> !classifier.classify(inputs.get(i)[0], inputs.get(i)[1]).equals(sequential.get(i)))
                        .count()));
            }
            for (Future<Long> f : futures) {
                assertThat(f.get()).as("predictions that differ from the sequential ones").isZero();
            }
        } finally {
            pool.shutdownNow();
        }
    }
}
