package org.tickettriage.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import cc.mallet.types.FeatureVector;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import cc.mallet.types.LabelAlphabet;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tickettriage.classifier.TicketFeaturePipes;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.model.FeatureWeighting;
import org.tickettriage.model.Featurizer;
import org.tickettriage.model.SparseVector;
import org.tickettriage.model.Vocabulary;
import org.tickettriage.training.Fixtures;
import org.tickettriage.training.data.ColumnSpec;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.data.TicketCsvReader;

/**
 * The trainer still featurizes through MALLET pipes; serving through the model module's {@link Featurizer}. For every
 * feature setting the trainer offers, both must give the same vectors (indices and values, bit for bit) for the
 * fixture tickets the trainer fits on and for text it has never seen.
 */
class FeaturizerMatchesTrainingPipesTest {

    private static final String[] WORDS = {
        "refund", "charged", "twice", "invoice", "password", "login", "account", "locked", "crash", "error",
        "0x80070005", "v2.3", "app", "save", "please", "the", "my", "was", "unseen", "zzz", "e-mail", "$30",
        "jane@example.com", "https://example.com/x", "1234567", "Crash", "REFUND", ".", ",", "!", "naïve", "中文",
        "Größe", "Datenverlust", "café", "sesión", "configuração", "パスワードをリセット", "密码重置", "ไม่ได้",
        "로그인", "क्या", "ＡＢＣ１２３", "Outlookが", "🔥", "𠀀𠀁", "漢"};

    /**
     * Every combination: pairs, subject words, no/3-5/2-4 character n-grams, presence/counts/log, IDF, unit length,
     * tokenizer 1 and 2.
     */
    static Stream<String> everySetting() {
        List<String> specs = new ArrayList<>();
        for (String bigrams : List.of("", "+bigrams")) {
            for (String subject : List.of("", "+subject")) {
                for (String chars : List.of("", "+chars3-5", "+chars2-4")) {
                    for (String values : List.of("+binary", "+counts", "+log")) {
                        for (String idf : List.of("", "+idf")) {
                            for (String norm : List.of("", "+norm")) {
                                for (String tokenizer : List.of("", "+tokenizer2")) {
                                    specs.add("words" + bigrams + subject + chars + values + idf + norm + tokenizer);
                                }
                            }
                        }
                    }
                }
            }
        }
        return specs.stream();
    }

    @ParameterizedTest
    @MethodSource("everySetting")
    void givesTheTrainingPipesVectors(String spec) throws Exception {
        FeatureSettings settings = FeatureSettings.parse(spec);
        List<LabeledTicket> fixture = TicketCsvReader.read(Fixtures.tickets(), ColumnSpec.seedSchema()).tickets();
        TicketModelTrainer trainer = new TicketModelTrainer(settings, 2);
        TicketModelTrainer.Features features = trainer.features(fixture);
        LabelAlphabet labels = TicketModelTrainer.labels(fixture, LabeledTicket::label);
        List<String> names = new ArrayList<>();
        for (Object entry : features.alphabet().toArray()) {
            names.add((String) entry);
        }
        Featurizer featurizer = new Featurizer(settings, Vocabulary.of(names), features.documentFrequency() == null ? null
                : FeatureWeighting.inverseDocumentFrequencies(features.documentFrequency(), features.documents()));

        // The training instances themselves: what MALLET fits on.
        InstanceList training = trainer.instances(fixture, features, labels, LabeledTicket::label);
        assertThat(training).hasSize(fixture.size());
        for (int i = 0; i < fixture.size(); i++) {
            LabeledTicket t = fixture.get(i);
            assertSame((FeatureVector) training.get(i).getData(), featurizer.featurize(t.subject(), t.description()),
                    "fixture row " + t.row());
        }
        // Text the model never saw, through the same pipe.
        Random random = new Random(7);
        for (int i = 0; i < 300; i++) {
            String subject = text(random, 4);
            String description = text(random, 40);
            Instance instance = training.getPipe().instanceFrom(TicketFeaturePipes.instance(subject, description, null, null));
            assertSame((FeatureVector) instance.getData(), featurizer.featurize(subject, description), subject + " / " + description);
        }
    }

    private static void assertSame(FeatureVector expected, SparseVector actual, String what) {
        int[] indices = new int[expected.numLocations()];
        double[] values = new double[expected.numLocations()];
        for (int loc = 0; loc < indices.length; loc++) {
            indices[loc] = expected.indexAtLocation(loc);
            values[loc] = expected.valueAtLocation(loc);
        }
        assertThat(actual.indices()).as(what).isEqualTo(indices);
        assertThat(actual.values()).as(what).isEqualTo(values);
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
