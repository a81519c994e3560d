package org.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import cc.mallet.classify.MaxEnt;
import cc.mallet.pipe.CharSequence2TokenSequence;
import cc.mallet.pipe.FeatureSequence2FeatureVector;
import cc.mallet.pipe.Pipe;
import cc.mallet.pipe.SerialPipes;
import cc.mallet.pipe.Target2Label;
import cc.mallet.pipe.TokenSequence2FeatureSequence;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureVector;
import cc.mallet.types.LabelAlphabet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The serving shortcut must give the very vectors the classifier's own pipe gives. */
class DirectFeaturizerTest {

    private static final String[] WORDS = {
        "refund", "charged", "twice", "invoice", "password", "login", "account", "locked", "crash", "error",
        "0x80070005", "v2.3", "app", "save", "please", "the", "my", "was", "unseen", "zzz", "e-mail", "$30",
        "jane@example.com", "https://example.com/x", "1234567", "Crash", "REFUND", ".", ",", "!"};

    @ParameterizedTest
    @ValueSource(strings = {"words+bigrams+subject+binary", "words+bigrams+subject", "words+subject+chars3-4+log+norm",
        "words+bigrams+chars2-5+binary"})
    void givesTheSameVectorsAsThePipe(String spec) {
        MaxEnt model = TestModels.trainCategory(FeatureSettings.parse(spec));
        Pipe pipe = model.getInstancePipe();
        DirectFeaturizer direct = DirectFeaturizer.forPipe(pipe, model.getAlphabet());
        assertThat(direct).isNotNull();

        List<String[]> tickets = new ArrayList<>(TestModels.TICKETS);
        Random random = new Random(7);
        for (int i = 0; i < 2_000; i++) {
            tickets.add(new String[] {text(random, 4), text(random, 40)});
        }
        tickets.add(new String[] {"", ""});
        for (String[] t : tickets) {
            FeatureVector expected = (FeatureVector) pipe.instanceFrom(TicketFeaturePipes.instance(t[0], t[1], null, null)).getData();
            FeatureVector actual = (FeatureVector) direct.featurize(t[0], t[1]).getData();
            assertThat(actual.getIndices()).as("%s / %s", t[0], t[1]).isEqualTo(expected.getIndices());
            assertThat(actual.getValues()).as("%s / %s", t[0], t[1]).isEqualTo(expected.getValues());
            assertThat(actual.getAlphabet()).isSameAs(model.getAlphabet());
        }
    }

    @Test
    void servesTheBundledModelWithTheSameVectorsAsItsPipe() {
        MaxEnt bundled = MalletTicketClassifier.readClassifier(
                getClass().getResourceAsStream(MalletTicketClassifier.BUNDLED_MODEL_RESOURCE + MalletTicketClassifier.CATEGORY_FILE),
                "the bundled category head");
        bundled.getAlphabet().stopGrowth();
        DirectFeaturizer direct = DirectFeaturizer.forPipe(bundled.getInstancePipe(), bundled.getAlphabet());
        assertThat(direct).as("the bundled model is served through the shortcut").isNotNull();

        Random random = new Random(11);
        for (int i = 0; i < 500; i++) {
            String subject = text(random, 5);
            String description = text(random, 60);
            FeatureVector expected = (FeatureVector) bundled.getInstancePipe()
                    .instanceFrom(TicketFeaturePipes.instance(subject, description, null, null)).getData();
            FeatureVector actual = (FeatureVector) direct.featurize(subject, description).getData();
            assertThat(actual.getIndices()).isEqualTo(expected.getIndices());
            assertThat(actual.getValues()).isEqualTo(expected.getValues());
        }
    }

    @Test
    void servesTheBundledModelWithExactlyMalletsProbabilities() {
        MalletTicketClassifier served = MalletTicketClassifier.loadBundled();
        MaxEnt mallet = MalletTicketClassifier.readClassifier(
                getClass().getResourceAsStream(MalletTicketClassifier.BUNDLED_MODEL_RESOURCE + MalletTicketClassifier.CATEGORY_FILE),
                "the bundled category head");
        mallet.getAlphabet().stopGrowth();
        Double temperature = served.modelCard().hyperParameters().categoryTemperature();
        double inverseTemperature = temperature == null ? 1.0 : 1.0 / temperature;

        Random random = new Random(13);
        for (int i = 0; i < 500; i++) {
            String subject = text(random, 5);
            String description = text(random, 60);
            double[] expected = new double[mallet.getLabelAlphabet().size()];
            mallet.getClassificationScores(mallet.getInstancePipe()
                    .instanceFrom(TicketFeaturePipes.instance(subject, description, null, null)), expected);
            MalletTicketClassifier.scaled(expected, inverseTemperature);

            var probabilities = served.classify(subject, description).probabilities();
            for (int label = 0; label < expected.length; label++) {
                String name = served.categories().get(label);
                assertThat(probabilities.get(name)).as("%s for %s / %s", name, subject, description)
                        .isEqualTo(expected[label]);
            }
        }
    }

    @Test
    void declinesAPipeOfAnotherShape() {
        Alphabet alphabet = new Alphabet(String.class);
        alphabet.stopGrowth();
        LabelAlphabet labels = new LabelAlphabet();
        SerialPipes foreign = new SerialPipes(List.<Pipe>of(new CharSequence2TokenSequence(),
                new TokenSequence2FeatureSequence(alphabet), new FeatureSequence2FeatureVector(true), new Target2Label(labels)));

        assertThat(DirectFeaturizer.forPipe(foreign, alphabet)).isNull();
    }

    @Test
    void declinesAnAlphabetThatCanStillGrow() {
        MaxEnt model = TestModels.trainCategory(FeatureSettings.DEFAULT);
        model.getAlphabet().startGrowth();

        assertThat(DirectFeaturizer.forPipe(model.getInstancePipe(), model.getAlphabet())).isNull();
    }

    private static String text(Random random, int maxWords) {
        StringBuilder b = new StringBuilder();
        int n = random.nextInt(maxWords + 1);
        for (int i = 0; i < n; i++) {
            b.append(WORDS[random.nextInt(WORDS.length)]).append(random.nextInt(5) == 0 ? "  " : " ");
        }
        return b.toString();
    }
}
