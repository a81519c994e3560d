package org.tickettriage.classifier;

import static org.assertj.core.api.Assertions.assertThat;

import cc.mallet.pipe.SerialPipes;
import cc.mallet.types.Alphabet;
import cc.mallet.types.FeatureVector;
import cc.mallet.types.Instance;
import cc.mallet.types.LabelAlphabet;
import org.junit.jupiter.api.Test;
import org.tickettriage.model.FeatureSettings;

class TicketFeaturePipesTest {

    private static final FeatureSettings WORDS_ONLY = new FeatureSettings(false, false, true);

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
}
