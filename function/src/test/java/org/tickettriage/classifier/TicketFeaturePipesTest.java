package org.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import cc.mallet.pipe.SerialPipes;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureVector;
import cc.mallet.types.Instance;
import cc.mallet.types.LabelAlphabet;
import java.util.List;
import org.junit.jupiter.api.Test;

class TicketFeaturePipesTest {

    private static final FeatureSettings WORDS_ONLY = new FeatureSettings(false, false, true);

    @Test
    void keepsHyphenatedVersionedAndCodedWordsWhole() {
        assertThat(TicketFeaturePipes.featureNames(WORDS_ONLY, "", "My E-mail 2FA fails on v2.3 with 0x80070005 and ERR_CONNECTION_RESET, don't know why."))
                .containsExactly("my", "e-mail", "2fa", "fails", "on", "v2.3", "with", "0x80070005", "and",
                        "err_connection_reset", "don't", "know", "why");
    }

    @Test
    void replacesUrlsEmailsMoneyAndLongNumbersWithPlaceholders() {
        assertThat(TicketFeaturePipes.featureNames(WORDS_ONLY, "",
                "See https://example.com/a?b=1 or mail jane.doe@example.co.uk: charged $49.99 and 20 EUR on order 12345678, error 404"))
                .containsExactly("see", "<url>", "or", "mail", "<email>", "charged", "<money>", "and", "<money>", "on",
                        "order", "<number>", "error", "404");
    }

    @Test
    void addsWordPairsWithinEachFieldAndPrefixedSubjectWords() {
        assertThat(TicketFeaturePipes.featureNames(FeatureSettings.DEFAULT, "Refund please", "Charged twice"))
                .containsExactly("refund", "please", "charged", "twice",
                        "refund please", "charged twice",
                        "subject:refund", "subject:please");
    }

    @Test
    void emptyAndNullFieldsGiveNoFeatures() {
        assertThat(TicketFeaturePipes.featureNames(FeatureSettings.DEFAULT, null, "")).isEmpty();
    }

    @Test
    void separatelyBuiltPipesGiveIdenticalVectorsForTheSameText() {
        Alphabet alphabet = new Alphabet(String.class);
        LabelAlphabet labels = new LabelAlphabet();
        labels.lookupIndex("Billing");
        SerialPipes first = TicketFeaturePipes.classifierPipe(FeatureSettings.DEFAULT, alphabet, labels);
        FeatureVector a = vector(first, "Refund", "I was charged twice for my subscription");
        SerialPipes second = TicketFeaturePipes.classifierPipe(FeatureSettings.DEFAULT, alphabet, labels);
        FeatureVector b = vector(second, "Refund", "I was charged twice for my subscription");

        assertThat(b.getIndices()).containsExactly(a.getIndices());
        for (int loc = 0; loc < a.numLocations(); loc++) {
            assertThat(b.valueAtLocation(loc)).isEqualTo(a.valueAtLocation(loc));
        }
        assertThat(a.numLocations()).isEqualTo(alphabet.size()); // every feature once: binary values
    }

    @Test
    void binaryValuesIgnoreRepetitionAndCountsKeepIt() {
        Alphabet alphabet = new Alphabet(String.class);
        LabelAlphabet labels = new LabelAlphabet();
        FeatureVector binary = vector(TicketFeaturePipes.classifierPipe(WORDS_ONLY, alphabet, labels), "", "crash crash crash");
        FeatureVector counts = vector(TicketFeaturePipes.classifierPipe(new FeatureSettings(false, false, false), alphabet, labels),
                "", "crash crash crash");

        assertThat(binary.value(alphabet.lookupIndex("crash"))).isEqualTo(1.0);
        assertThat(counts.value(alphabet.lookupIndex("crash"))).isEqualTo(3.0);
    }

    @Test
    void aStoppedAlphabetDropsUnknownWordsInsteadOfGrowing() {
        Alphabet alphabet = new Alphabet(String.class);
        alphabet.lookupIndex("refund");
        alphabet.stopGrowth();
        FeatureVector v = vector(TicketFeaturePipes.classifierPipe(WORDS_ONLY, alphabet, new LabelAlphabet()), "", "refund zyxwvut");

        assertThat(alphabet.size()).isEqualTo(1);
        assertThat(v.numLocations()).isEqualTo(1);
    }

    private static FeatureVector vector(SerialPipes pipe, String subject, String description) {
        Instance instance = pipe.instanceFrom(TicketFeaturePipes.instance(subject, description, null, null));
        return (FeatureVector) instance.getData();
    }

    @Test
    void featureNamesFollowPipeOrder() {
        List<String> names = TicketFeaturePipes.featureNames(FeatureSettings.DEFAULT, "a b", "c");
        assertThat(names).containsExactly("a", "b", "c", "a b", "subject:a", "subject:b");
    }
}
