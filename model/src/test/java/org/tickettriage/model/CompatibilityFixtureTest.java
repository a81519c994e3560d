package org.tickettriage.model;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import org.junit.jupiter.api.Test;

/**
 * A model written by the release that introduced each format version stays readable, with the same answers: a
 * release that fails here breaks every model its users trained. Never regenerate a fixture; add one per new version.
 *
 * <p>{@code compat/format-1/model.bin}: format 1, tokenizer 1, every feature kind (words, pairs, subject words,
 * character 3-4-grams, log counts, IDF, per-block unit length), a category head of three labels at temperature 0.8
 * and an ordinal priority head of two at 1.3; 234 features.
 *
 * <p>{@code compat/format-1-tokenizer-2/model.bin}: format 1, tokenizer 2 (written by the release that introduced
 * it), the same feature kinds over German, French, Spanish, Portuguese, Japanese, Chinese, Thai, Korean, Hindi and
 * English words, the same heads; 305 features.
 */
class CompatibilityFixtureTest {

    @Test
    void formatOneFixtureLoadsAndGivesItsRecordedProbabilities() throws IOException {
        MaxEntTicketClassifier classifier = load("/compat/format-1/model.bin");

        assertThat(classifier.modelVersion()).isEqualTo("test-model");
        assertThat(classifier.reviewThreshold()).isEqualTo(0.6);
        assertThat(classifier.featureCount()).isEqualTo(234);
        assertThat(classifier.model().features()).isEqualTo(FeatureSettings.parse("words+bigrams+subject+chars3-4+log+idf+norm"));
        assertThat(classifier.categories()).containsExactly("Account", "Billing", "Bug");
        assertThat(classifier.priorities()).containsExactly("Low", "High");

        assertProbabilities(classifier, "Refund", "I was charged twice, refund please",
                new double[] {0.07352180578904734, 0.8397485985117288, 0.08672959569922388},
                new double[] {0.4279529124701751, 0.5720470875298249});
        assertProbabilities(classifier, "Crash", "error 0x80070005 after login, account locked",
                new double[] {0.19531339747608423, 0.7708376841899336, 0.03384891833398226},
                new double[] {0.26226663239993514, 0.7377333676000649});
        assertProbabilities(classifier, "", "zzqx",
                new double[] {0.30183004431261556, 0.25216915134478385, 0.44600080434260053},
                new double[] {0.464469351384174, 0.535530648615826});
        assertThat(classifier.classify("Crash", "error 0x80070005 after login, account locked").explanation())
                .extracting(FeatureWeight::feature)
                .containsExactly("subject:crash", "locked", "error 0x80070005", "0x80070005", "login");
    }

    @Test
    void tokenizerTwoFixtureLoadsAndGivesItsRecordedProbabilities() throws IOException {
        MaxEntTicketClassifier classifier = load("/compat/format-1-tokenizer-2/model.bin");

        assertThat(classifier.model().tokenizerVersion()).isEqualTo(2);
        assertThat(classifier.featureCount()).isEqualTo(305);
        assertThat(classifier.model().features())
                .isEqualTo(FeatureSettings.parse("words+bigrams+subject+chars3-4+log+idf+norm+tokenizer2"));

        assertProbabilities(classifier, "Rückerstattung", "Die GRÖSSE ist falsch, Datenverlust seit gestern: refund bitte",
                new double[] {0.38727296768772584, 0.1023458973659285, 0.5103811349463457},
                new double[] {0.37470382525334894, 0.6252961747466511});
        assertProbabilities(classifier, "パスワード", "パスワードをリセットできません。密码重置 crash",
                new double[] {0.0462360104354336, 0.6583279660967579, 0.2954360234678085},
                new double[] {0.5655273812748813, 0.4344726187251188});
        assertProbabilities(classifier, "", "ไม่ได้ café sesion configuracao",
                new double[] {0.20120165114280525, 0.006995540297183585, 0.7918028085600112},
                new double[] {0.031931769140531086, 0.9680682308594689});
        assertProbabilities(classifier, "", "zzqx",
                new double[] {0.28113166568584647, 0.5400059115717167, 0.17886242274243672},
                new double[] {0.3945615642049506, 0.6054384357950494});
        assertThat(classifier.classify("", "ไม่ได้ café sesion configuracao").explanation())
                .extracting(FeatureWeight::feature)
                .containsExactly("ไม่", "cafe", "ไม่ ม่ไ", "ม่ไ", "configuracao");
    }

    private static void assertProbabilities(MaxEntTicketClassifier classifier, String subject, String description,
                                            double[] category, double[] priority) {
        double[][] p = classifier.probabilities(subject, description);
        for (int i = 0; i < category.length; i++) {
            assertThat(p[0][i]).as("category %d of %s", i, description).isCloseTo(category[i], within(1e-12));
        }
        for (int i = 0; i < priority.length; i++) {
            assertThat(p[1][i]).as("priority %d of %s", i, description).isCloseTo(priority[i], within(1e-12));
        }
    }

    private static MaxEntTicketClassifier load(String resource) throws IOException {
        try (InputStream in = CompatibilityFixtureTest.class.getResourceAsStream(resource)) {
            assertThat(in).as(resource).isNotNull();
            return MaxEntTicketClassifier.of(ModelFile.read(in, resource));
        }
    }
}
