package org.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import cc.mallet.pipe.SerialPipes;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureVector;
import cc.mallet.types.LabelAlphabet;
import org.junit.jupiter.api.Test;
import org.tickettriage.model.FeatureSettings;

/** The trainer's weighted vectors: TF-IDF, per-block unit length, and what they refuse. */
class CharacterNgramsAndWeightingTest {

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
    void weightedVectorsNeedAStoppedAlphabet() {
        Alphabet growing = new Alphabet(String.class);
        LabelAlphabet labels = new LabelAlphabet();

        assertThatThrownBy(() -> TicketFeaturePipes.classifierPipe(FeatureSettings.parse("words+log+norm"), growing, labels))
                .hasMessageContaining("stop the data alphabet");
    }
}
