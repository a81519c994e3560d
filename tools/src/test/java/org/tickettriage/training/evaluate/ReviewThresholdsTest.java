package org.tickettriage.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class ReviewThresholdsTest {

    @Test
    void choosesTheLowestConfidenceWhosePrecisionAboveReachesTheTarget() {
        List<ScoredTicket> tickets = new ArrayList<>();
        // 20 right at 0.9..0.71, then a wrong one at 0.70, then alternating right/wrong below.
        for (int i = 0; i < 20; i++) {
            tickets.add(new ScoredTicket("A", "A", 0.9 - i * 0.01));
        }
        tickets.add(new ScoredTicket("A", "B", 0.70));
        for (int i = 0; i < 10; i++) {
            tickets.add(new ScoredTicket("A", i % 2 == 0 ? "A" : "B", 0.6 - i * 0.01));
        }

        ReviewThresholds.Choice choice = ReviewThresholds.choose(tickets, 0.95);

        // At 0.70: 20/21 = 0.952 >= 0.95; at 0.60: 21/22 = 0.954; at 0.59: 21/23 = 0.913 < 0.95.
        assertThat(choice.reached()).isTrue();
        assertThat(choice.threshold()).isEqualTo(0.6);
        assertThat(choice.precision()).isEqualTo(21.0 / 22);
        assertThat(choice.coverage()).isEqualTo(22.0 / 31);
    }

    @Test
    void capsTheThresholdWhenNoSetOfTicketsIsPreciseEnough() {
        List<ScoredTicket> tickets = new ArrayList<>();
        for (int i = 0; i < 50; i++) {
            tickets.add(new ScoredTicket("A", i % 3 == 0 ? "B" : "A", 0.99 - i * 0.01));
        }

        ReviewThresholds.Choice choice = ReviewThresholds.choose(tickets, 0.95);

        assertThat(choice.reached()).isFalse();
        assertThat(choice.threshold()).isEqualTo(ReviewThresholds.CAP);
    }

    @Test
    void aFewLuckyTicketsAtTheTopDoNotSetTheThreshold() {
        List<ScoredTicket> tickets = new ArrayList<>();
        tickets.add(new ScoredTicket("A", "A", 0.99));
        tickets.add(new ScoredTicket("A", "A", 0.98));
        for (int i = 0; i < 20; i++) {
            tickets.add(new ScoredTicket("A", "B", 0.5));
        }

        assertThat(ReviewThresholds.choose(tickets, 0.95).reached()).isFalse();
    }

    @Test
    void measuresCoverageAndAccuracyAtAThreshold() {
        List<ScoredTicket> tickets = List.of(new ScoredTicket("A", "A", 0.9), new ScoredTicket("A", "B", 0.8),
                new ScoredTicket("A", "A", 0.3), new ScoredTicket("A", "A", 0.2));

        ReviewThresholds.AtThreshold at = ReviewThresholds.at(tickets, 0.8);

        assertThat(at.coverage()).isEqualTo(0.5);
        assertThat(at.accuracy()).isEqualTo(0.5);
        assertThat(at.covered()).isEqualTo(2);
    }
}
