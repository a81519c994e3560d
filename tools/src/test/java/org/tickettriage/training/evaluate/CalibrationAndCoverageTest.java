package org.tickettriage.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.data.Offset.offset;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class CalibrationAndCoverageTest {

    private static ScoredTicket ticket(boolean correct, double confidence) {
        return new ScoredTicket("a", correct ? "a" : "b", confidence);
    }

    @Test
    void eceIsTheTicketWeightedGapBetweenConfidenceAndAccuracyPerBin() {
        List<ScoredTicket> tickets = new ArrayList<>();
        // 10 tickets at 0.95 confidence, all right (gap 0.05); 10 at 0.55, half right (gap 0.05).
        for (int i = 0; i < 10; i++) {
            tickets.add(ticket(true, 0.95));
            tickets.add(ticket(i % 2 == 0, 0.55));
        }

        Calibration c = Calibration.of(tickets, 10);

        assertThat(c.ece()).isCloseTo(0.05, offset(1e-9));
        assertThat(c.bins()).hasSize(2);
        assertThat(c.bins().get(0).accuracy()).isEqualTo(0.5);
        assertThat(c.bins().get(1).meanConfidence()).isCloseTo(0.95, offset(1e-12));
    }

    @Test
    void aConfidenceOfOneFallsInTheLastBin() {
        Calibration c = Calibration.of(List.of(ticket(true, 1.0)), 15);

        assertThat(c.bins()).singleElement().satisfies(b -> assertThat(b.upper()).isEqualTo(1.0));
        assertThat(c.ece()).isZero();
    }

    @Test
    void riskCoverageRanksByConfidenceAndEndsAtOverallAccuracy() {
        List<ScoredTicket> tickets = List.of(ticket(false, 0.3), ticket(true, 0.9), ticket(true, 0.8), ticket(false, 0.7));

        RiskCoverage curve = RiskCoverage.of(tickets, 4);

        assertThat(curve.points()).extracting(RiskCoverage.Point::accuracy).containsExactly(1.0, 1.0, 2.0 / 3, 0.5);
        assertThat(curve.points()).extracting(RiskCoverage.Point::coverage).containsExactly(0.25, 0.5, 0.75, 1.0);
        assertThat(curve.accuracyAt(0.5)).isEqualTo(1.0);
        assertThat(curve.areaUnderCurve()).isCloseTo((1 + 1 + 2.0 / 3 + 0.5) / 4, offset(1e-12));
    }

    @Test
    void weightedScoreLosesTheLatencyPartInProportionBeyondTheBudget() {
        ConfusionMatrix matrix = new ConfusionMatrix(List.of("a", "b"));
        matrix.add("a", "a");
        matrix.add("b", "b");
        Metrics perfect = Metrics.of(matrix);

        assertThat(WeightedScore.of(perfect, 50, 100).score()).isCloseTo(1.0, offset(1e-12));
        WeightedScore slow = WeightedScore.of(perfect, 200, 100);
        assertThat(slow.latencyScore()).isEqualTo(0.5);
        assertThat(slow.score()).isCloseTo(0.95, offset(1e-12));
    }
}
