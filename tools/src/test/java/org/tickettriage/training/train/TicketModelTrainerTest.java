package org.tickettriage.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.training.data.LabeledTicket;

class TicketModelTrainerTest {

    private static final FeatureSettings WORDS = new FeatureSettings(false, false, true);

    private static final List<LabeledTicket> TICKETS = List.of(
            new LabeledTicket(1, "", "refund refund invoice", "Billing", null),
            new LabeledTicket(2, "", "refund payment", "Billing", null),
            new LabeledTicket(3, "", "password login once", "Account", null),
            new LabeledTicket(4, "", "password login", "Account", null),
            new LabeledTicket(5, "", "password", "Account", null));

    @Test
    void prunesFeaturesSeenFewerThanTheMinimumCount() {
        TicketModelTrainer.Features features = new TicketModelTrainer(WORDS, 3).features(TICKETS);

        // refund: 3, password: 3, login: 2, invoice, payment, once: 1.
        assertThat(features.alphabet().toArray()).containsExactlyInAnyOrder("refund", "password");
        assertThat(features.pruning().featuresBefore()).isEqualTo(6);
        assertThat(features.pruning().featuresAfter()).isEqualTo(2);
        assertThat(features.alphabet().growthStopped()).isTrue();
    }

    @Test
    void aMinimumCountOfOneKeepsEveryFeature() {
        assertThat(new TicketModelTrainer(WORDS, 1).features(TICKETS).alphabet().size()).isEqualTo(6);
    }

    @Test
    void trainingInstancesOnlyCarryKeptFeatures() {
        TicketModelTrainer trainer = new TicketModelTrainer(WORDS, 3);
        TicketModelTrainer.Features features = trainer.features(TICKETS);

        var instances = trainer.instances(TICKETS, features, TicketModelTrainer.labels(TICKETS, LabeledTicket::label),
                LabeledTicket::label);
        var classifier = TicketModelTrainer.train(instances, 1.0);

        assertThat(instances).hasSize(5);
        assertThat(classifier.getAlphabet()).isSameAs(features.alphabet());
        assertThat(classifier.getAlphabet().size()).isEqualTo(2);
        assertThat(classifier.getLabelAlphabet().growthStopped()).isTrue();
    }
}
