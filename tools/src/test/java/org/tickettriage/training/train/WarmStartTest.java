package org.tickettriage.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cc.mallet.classify.MaxEnt;
import cc.mallet.types.Alphabet;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import cc.mallet.types.LabelAlphabet;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.generate.GeneratorSettings;
import org.tickettriage.training.generate.TemplateCatalog;
import org.tickettriage.training.generate.TicketGenerator;

/** Warm starts: the same model as a cold fit, within the optimiser's tolerance, for fewer passes over the data. */
class WarmStartTest {

    private static final FeatureSettings WORDS = FeatureSettings.parse("words+bigrams+subject+binary");

    private static List<LabeledTicket> tickets;
    private static InstanceList instances;

    @BeforeAll
    static void generateTickets() {
        tickets = new TicketGenerator(TemplateCatalog.loadDefault(), GeneratorSettings.defaults(9)).generate(400).stream()
                .map(t -> new LabeledTicket(t.ticketId(), t.subject(), t.description(), t.category().label(),
                        t.priority().label()))
                .toList();
        TicketModelTrainer trainer = new TicketModelTrainer(WORDS, 2);
        instances = trainer.instances(tickets, trainer.features(tickets),
                TicketModelTrainer.labels(tickets, LabeledTicket::label), LabeledTicket::label);
    }

    @Test
    void aFitStartedFromAStrongerPriorsOptimumEndsWhereAColdFitEnds() {
        MaxEnt stronger = TicketModelTrainer.train(instances, Prior.GAUSSIAN, 1.0);

        TicketModelTrainer.Fit cold = TicketModelTrainer.fit(instances, Prior.GAUSSIAN, 3.0, null);
        TicketModelTrainer.Fit warm = TicketModelTrainer.fit(instances, Prior.GAUSSIAN, 3.0, stronger.getParameters());

        double[] c = cold.model().getParameters();
        double[] w = warm.model().getParameters();
        assertThat(distance(w, c) / norm(c)).as("relative distance of the weights").isLessThan(0.02);
        assertThat(distance(stronger.getParameters(), c) / norm(c)).as("where it started was farther").isGreaterThan(0.1);
        for (Instance instance : instances) {
            double[] pc = new double[5];
            double[] pw = new double[5];
            cold.model().getClassificationScores(instance, pc);
            warm.model().getClassificationScores(instance, pw);
            for (int l = 0; l < pc.length; l++) {
                assertThat(pw[l]).isCloseTo(pc[l], within(0.01));
            }
        }
    }

    @Test
    void aFitStartedAtItsOwnOptimumNeedsFarFewerPasses() {
        TicketModelTrainer.Fit cold = TicketModelTrainer.fit(instances, Prior.GAUSSIAN, 3.0, null);

        TicketModelTrainer.Fit again = TicketModelTrainer.fit(instances, Prior.GAUSSIAN, 3.0, cold.model().getParameters());

        assertThat(again.evaluations()).isLessThan(cold.evaluations() / 2);
        assertThat(distance(again.model().getParameters(), cold.model().getParameters()))
                .isLessThan(0.01 * norm(cold.model().getParameters()));
    }

    @Test
    void theStartingPointCopiesWeightsByFeatureAndLabelName() {
        MaxEnt from = TicketModelTrainer.train(instances, Prior.GAUSSIAN, 1.0);
        Alphabet fromFeatures = from.getAlphabet();
        LabelAlphabet fromLabels = from.getLabelAlphabet();
        // Another head: two known features in another order, one unknown; the labels reversed, one unknown.
        Alphabet features = new Alphabet();
        features.lookupIndex(fromFeatures.lookupObject(7));
        features.lookupIndex("never-seen");
        features.lookupIndex(fromFeatures.lookupObject(2));
        features.stopGrowth();
        LabelAlphabet labels = new LabelAlphabet();
        labels.lookupIndex("Unknown Label");
        for (int l = fromLabels.size() - 1; l >= 0; l--) {
            labels.lookupIndex(fromLabels.lookupObject(l));
        }
        labels.stopGrowth();

        double[] start = TicketModelTrainer.startingPoint(from, features, labels);

        int stride = features.size() + 1;
        int fromStride = fromFeatures.size() + 1;
        double[] p = from.getParameters();
        assertThat(start).hasSize(stride * labels.size());
        for (int l = 1; l < labels.size(); l++) {
            int fromLabel = fromLabels.size() - l;
            assertThat(start[l * stride]).isEqualTo(p[fromLabel * fromStride + 7]);
            assertThat(start[l * stride + 1]).isZero();
            assertThat(start[l * stride + 2]).isEqualTo(p[fromLabel * fromStride + 2]);
            assertThat(start[l * stride + 3]).as("the bias").isEqualTo(p[fromLabel * fromStride + fromStride - 1]);
        }
        for (int f = 0; f < stride; f++) {
            assertThat(start[f]).as("the unknown label").isZero();
        }
    }

    private static double distance(double[] a, double[] b) {
        double sum = 0;
        for (int i = 0; i < a.length; i++) {
            sum += (a[i] - b[i]) * (a[i] - b[i]);
        }
        return Math.sqrt(sum);
    }

    private static double norm(double[] a) {
        return distance(a, new double[a.length]);
    }
}
