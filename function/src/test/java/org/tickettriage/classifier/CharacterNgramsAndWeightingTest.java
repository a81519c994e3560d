package org.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cc.mallet.pipe.SerialPipes;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureVector;
import cc.mallet.types.LabelAlphabet;
import cc.mallet.classify.MaxEnt;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CharacterNgramsAndWeightingTest {

    private static final FeatureSettings CHARS_3_4 = new FeatureSettings(false, false, true, 3, 4, false, false, false);

    @Test
    void takesCharacterNgramsInsideEachDistinctWordWithBoundaryMarks() {
        List<String> features = TicketFeaturePipes.featureNames(CHARS_3_4, "", "card card ok");

        assertThat(features).containsExactly("card", "card", "ok",
                "ch:<ca", "ch:car", "ch:ard", "ch:rd>", "ch:<car", "ch:card", "ch:ard>",
                "ch:<ok", "ch:ok>"); // not "<ok>", the whole padded word: the word feature already says it
    }

    @Test
    void neverTakesNgramsOfPlaceholdersOrAcrossWords() {
        List<String> features = TicketFeaturePipes.featureNames(CHARS_3_4, "", "see https://example.com now");

        assertThat(features).doesNotContain("ch:<ur", "ch:url").noneMatch(f -> f.contains(" "));
        assertThat(features).contains("<url>", "ch:<no", "ch:now>");
    }

    @Test
    void describeAndParseRoundTrip() {
        FeatureSettings settings = FeatureSettings.parse("words+bigrams+subject+chars2-5+log+idf+norm");

        assertThat(settings).isEqualTo(new FeatureSettings(true, true, false, 2, 5, true, true, true));
        assertThat(FeatureSettings.parse(settings.describe())).isEqualTo(settings);
        assertThat(FeatureSettings.parse(FeatureSettings.DEFAULT.describe())).isEqualTo(FeatureSettings.DEFAULT);
        assertThatThrownBy(() -> FeatureSettings.parse("words+trigrams")).hasMessageContaining("trigrams");
    }

    @Test
    void aModelCardWrittenBeforeCharacterNgramsReadsAsWordsOnly() throws Exception {
        FeatureSettings old = JsonMapper.builder().build().readValue(
                "{\"wordBigrams\":true,\"subjectFeatures\":true,\"binary\":true}", FeatureSettings.class);

        assertThat(old).isEqualTo(FeatureSettings.DEFAULT);
        assertThat(old.charNgrams()).isFalse();
    }

    @Test
    void tfIdfValuesHaveUnitLengthPerBlockAndRareFeaturesWeighMore() {
        FeatureSettings settings = new FeatureSettings(false, false, false, 3, 3, true, true, true);
        Alphabet alphabet = new Alphabet(String.class);
        for (String f : TicketFeaturePipes.featureNames(settings, "", "refund refund please")) {
            alphabet.lookupIndex(f);
        }
        alphabet.stopGrowth();
        int[] documentFrequency = new int[alphabet.size()];
        java.util.Arrays.fill(documentFrequency, 10);
        documentFrequency[alphabet.lookupIndex("please", false)] = 1; // rare in the "training rows"
        LabelAlphabet labels = new LabelAlphabet();
        labels.lookupIndex("Billing");
        SerialPipes pipe = TicketFeaturePipes.classifierPipe(settings, alphabet, labels, documentFrequency, 10);

        FeatureVector v = (FeatureVector) pipe.instanceFrom(TicketFeaturePipes.instance("", "refund refund please", "Billing", null)).getData();

        double words = 0;
        double chars = 0;
        for (int loc = 0; loc < v.numLocations(); loc++) {
            double x = v.valueAtLocation(loc);
            if (String.valueOf(alphabet.lookupObject(v.indexAtLocation(loc))).startsWith("ch:")) {
                chars += x * x;
            } else {
                words += x * x;
            }
        }
        assertThat(words).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        assertThat(chars).isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
        // "refund" occurs twice (1 + ln 2 = 1.69) but everywhere; "please" once but rarely (idf 1 + ln(11/2) = 2.70).
        assertThat(v.value(alphabet.lookupIndex("please", false))).isGreaterThan(v.value(alphabet.lookupIndex("refund", false)));
    }

    @Test
    void idfWithoutDocumentFrequenciesIsRefused() {
        FeatureSettings settings = FeatureSettings.parse("words+log+idf");
        Alphabet alphabet = new Alphabet(String.class);
        alphabet.lookupIndex("refund");
        alphabet.stopGrowth();
        LabelAlphabet labels = new LabelAlphabet();

        assertThatThrownBy(() -> TicketFeaturePipes.classifierPipe(settings, alphabet, labels, null, 0))
                .hasMessageContaining("IDF");
    }

    @Test
    void aCharacterNgramModelLoadsThroughTheAllowListAndExplainsWithWordsOnly(@TempDir Path dir) throws Exception {
        MaxEnt category = TestModels.trainCategory(FeatureSettings.parse("words+subject+chars3-4+log+norm"));
        TestModels.writeObject(dir.resolve(MalletTicketClassifier.CATEGORY_FILE), category);
        try (OutputStream out = Files.newOutputStream(dir.resolve(MalletTicketClassifier.CARD_FILE))) {
            TestModels.card(List.of("Account", "Billing", "Bug"), List.of()).write(out);
        }

        MalletTicketClassifier loaded = MalletTicketClassifier.load(dir);
        Prediction p = loaded.classify("Refund request", "I was chargd twice", 20);

        assertThat(p.category()).isEqualTo("Billing");
        assertThat(p.explanation()).isNotEmpty().noneMatch(f -> f.feature().startsWith("ch:"));
    }

    @Test
    void weightedVectorsNeedAStoppedAlphabet() {
        Alphabet growing = new Alphabet(String.class);
        LabelAlphabet labels = new LabelAlphabet();

        assertThatThrownBy(() -> TicketFeaturePipes.classifierPipe(FeatureSettings.parse("words+log+norm"), growing, labels))
                .hasMessageContaining("stop the data alphabet");
    }

    @Test
    void aTemperatureInTheCardSharpensProbabilitiesWithoutChangingTheAnswer(@TempDir Path dir) throws Exception {
        MaxEnt category = TestModels.trainCategory(FeatureSettings.DEFAULT);
        ModelCard plain = TestModels.card(List.of("Account", "Billing", "Bug"), List.of());
        ModelCard sharpened = new ModelCard("t", null, plain.categoryLabels(), List.of(), null, null,
                new ModelCard.HyperParameters("MaxEnt", 1.0, null, List.of(1.0), FeatureSettings.DEFAULT, null, 1, null, 0.5, null),
                null, 0.6, null);

        Prediction before = MalletTicketClassifier.of(category, null, plain).classify("Refund", "charged twice");
        Prediction after = MalletTicketClassifier.of(category, null, sharpened).classify("Refund", "charged twice");

        assertThat(after.category()).isEqualTo(before.category());
        assertThat(after.confidence()).isGreaterThan(before.confidence());
        assertThat(after.probabilities().values().stream().mapToDouble(Double::doubleValue).sum())
                .isCloseTo(1.0, org.assertj.core.data.Offset.offset(1e-9));
    }
}
