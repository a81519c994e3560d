package org.tickettriage.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import cc.mallet.classify.MaxEnt;
import cc.mallet.types.InstanceList;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.classifier.MalletModelExporter;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.ModelCard;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.generate.GeneratorSettings;
import org.tickettriage.training.generate.TemplateCatalog;
import org.tickettriage.training.generate.TicketGenerator;

/** The L1 prior: fitted with OWL-QN, sparse, and served like any MaxEnt. */
class L1PriorTest {

    private static final FeatureSettings WORDS_AND_BIGRAMS = new FeatureSettings(true, false, true);

    private static List<LabeledTicket> tickets;
    private static TicketModelTrainer trainer;
    private static InstanceList instances;

    @TempDir
    Path dir;

    @BeforeAll
    static void generateTickets() {
        tickets = new TicketGenerator(TemplateCatalog.loadDefault(), GeneratorSettings.defaults(11)).generate(400).stream()
                .map(t -> new LabeledTicket(t.ticketId(), t.subject(), t.description(), t.category().label(),
                        t.priority().label()))
                .toList();
        trainer = new TicketModelTrainer(WORDS_AND_BIGRAMS, 2);
        instances = trainer.instances(tickets, trainer.features(tickets),
                TicketModelTrainer.labels(tickets, LabeledTicket::label), LabeledTicket::label);
    }

    @Test
    void anL1PriorZeroesMostWeightsThatTheGaussianPriorKeeps() {
        MaxEnt gaussian = TicketModelTrainer.train(instances, Prior.GAUSSIAN, 1.0);
        MaxEnt l1 = TicketModelTrainer.train(instances, Prior.L1, 1.0);

        int weights = gaussian.getParameters().length;
        assertThat(TicketModelTrainer.nonZeroWeights(gaussian)).isEqualTo(weights);
        // With no prior at all (what MaxEntTrainer.setL1Weight gives) every weight would be non-zero too.
        assertThat(TicketModelTrainer.nonZeroWeights(l1)).isPositive().isLessThan(weights / 4);
        assertThat(trainingAccuracy(l1)).as("sparse, but it still learnt the categories").isGreaterThan(0.8);
    }

    @Test
    void aStrongerL1WeightKeepsFewerWeights() {
        int weak = TicketModelTrainer.nonZeroWeights(TicketModelTrainer.train(instances, Prior.L1, 0.3));
        int strong = TicketModelTrainer.nonZeroWeights(TicketModelTrainer.train(instances, Prior.L1, 3.0));

        assertThat(strong).isLessThan(weak);
    }

    @Test
    void anL1ModelIsWrittenAndReadBackThroughTheServingAllowList() throws IOException {
        MaxEnt category = TicketModelTrainer.train(instances, Prior.L1, 1.0);
        MaxEnt priority = TicketModelTrainer.train(trainer.instances(tickets, trainer.features(tickets),
                TicketModelTrainer.labels(tickets, LabeledTicket::priority), LabeledTicket::priority), Prior.L1, 1.0);
        ModelCard card = new ModelCard("l1-test", null, labels(category), labels(priority), null,
                MalletModelExporter.malletVersion(),
                new ModelCard.HyperParameters("OWL-QN", 1.0, 1.0, List.of(1.0), WORDS_AND_BIGRAMS, null, 11, null, 0.9, 1.1,
                        Prior.L1.id()),
                null, 0.5, null);

        MalletModelExporter.write(dir, category, priority, card, "test");
        MaxEntTicketClassifier loaded = MaxEntTicketClassifier.load(dir);

        assertThat(ModelDirectory.readCard(dir).hyperParameters().prior()).isEqualTo("l1");
        MaxEntTicketClassifier inMemory = MalletModelExporter.classifier(category, priority, card);
        for (LabeledTicket t : tickets.subList(0, 20)) {
            assertThat(loaded.classify(t.subject(), t.description()))
                    .isEqualTo(inMemory.classify(t.subject(), t.description()));
        }
    }

    @Test
    void gridsAreWalkedFromTheStrongestPrior() {
        assertThat(Prior.GAUSSIAN.strongestFirst(List.of(1.0, 0.1, 10.0))).containsExactly(0.1, 1.0, 10.0);
        assertThat(Prior.L1.strongestFirst(List.of(1.0, 0.1, 10.0, 1.0))).containsExactly(10.0, 1.0, 0.1);
        assertThat(Prior.byId("L1")).isEqualTo(Prior.L1);
        assertThat(Prior.byId("lasso")).isNull();
    }

    private static double trainingAccuracy(MaxEnt classifier) {
        return classifier.getAccuracy(instances);
    }

    private static List<String> labels(MaxEnt classifier) {
        return java.util.stream.IntStream.range(0, classifier.getLabelAlphabet().size())
                .mapToObj(i -> String.valueOf(classifier.getLabelAlphabet().lookupObject(i))).toList();
    }
}
