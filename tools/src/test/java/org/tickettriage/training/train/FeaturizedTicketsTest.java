package org.tickettriage.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import cc.mallet.pipe.Pipe;
import cc.mallet.types.FeatureVector;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import cc.mallet.types.LabelAlphabet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.classifier.TicketFeaturePipes;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.generate.GeneratorSettings;
import org.tickettriage.training.generate.TemplateCatalog;
import org.tickettriage.training.generate.TicketGenerator;

/** Tokenizing once and counting per fold builds what running every row through the whole pipe built. */
class FeaturizedTicketsTest {

    private static List<LabeledTicket> all;

    @BeforeAll
    static void generateTickets() {
        all = new TicketGenerator(TemplateCatalog.loadDefault(), GeneratorSettings.defaults(3)).generate(500).stream()
                .map(t -> new LabeledTicket(t.ticketId(), t.subject(), t.description(), t.category().label(),
                        t.priority().label()))
                .toList();
    }

    @ParameterizedTest
    @ValueSource(strings = {"words+bigrams+subject+binary", "words+counts", "words+bigrams+subject+chars3-5+log+idf+norm"})
    void aFoldCountedFromTheTokenizedRowsHasThePipesAlphabetAndVectors(String spec) {
        FeatureSettings settings = FeatureSettings.parse(spec);
        // A fold: every other ticket of the first 400 fits, the last 100 are its validation tickets.
        List<LabeledTicket> fitting = all.subList(0, 400).stream().filter(t -> t.row() % 2 == 0).toList();
        List<LabeledTicket> others = all.subList(400, 500);
        TicketModelTrainer trainer = new TicketModelTrainer(settings, 2);
        TicketModelTrainer.Features expected = trainer.features(fitting);
        LabelAlphabet labels = TicketModelTrainer.labels(fitting, LabeledTicket::label);

        FeaturizedTickets fit = TokenizedTickets.of(settings, all).featurize(fitting, 2);

        assertThat(fit.features().alphabet().toArray()).containsExactly(expected.alphabet().toArray());
        assertThat(fit.features().pruning()).isEqualTo(expected.pruning());
        assertThat(fit.features().documentFrequency()).isEqualTo(expected.documentFrequency());
        InstanceList piped = trainer.instances(fitting, expected, labels, LabeledTicket::label);
        InstanceList shared = fit.instances(labels, LabeledTicket::label);
        assertThat(shared).hasSameSizeAs(piped);
        for (int i = 0; i < piped.size(); i++) {
            assertSameVector((FeatureVector) shared.get(i).getData(), (FeatureVector) piped.get(i).getData());
            assertThat(shared.get(i).getTarget()).isEqualTo(piped.get(i).getTarget());
        }
        Pipe pipe = piped.getPipe();
        List<FeatureVector> otherVectors = fit.featurize(others).vectors();
        for (int i = 0; i < others.size(); i++) {
            LabeledTicket t = others.get(i);
            Instance servedWay = pipe.instanceFrom(TicketFeaturePipes.instance(t.subject(), t.description(), null, t.row()));
            assertSameVector(otherVectors.get(i), (FeatureVector) servedWay.getData());
        }
    }

    private static void assertSameVector(FeatureVector actual, FeatureVector expected) {
        assertThat(actual.numLocations()).isEqualTo(expected.numLocations());
        for (int k = 0; k < expected.numLocations(); k++) {
            assertThat(actual.indexAtLocation(k)).isEqualTo(expected.indexAtLocation(k));
            assertThat(actual.valueAtLocation(k)).isEqualTo(expected.valueAtLocation(k));
        }
    }
}
