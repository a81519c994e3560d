package org.tickettriage.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import java.util.List;
import org.junit.jupiter.api.Test;

class MetricsTest {

    @Test
    void computesAccuracyPerClassAndMacroFiguresFromTheMatrix() {
        ConfusionMatrix m = new ConfusionMatrix(List.of("A", "B", "C"));
        // A: 3 right, 1 called B; B: 2 right; C: 1 right, 1 called A.
        add(m, "A", "A", 3);
        add(m, "A", "B", 1);
        add(m, "B", "B", 2);
        add(m, "C", "C", 1);
        add(m, "C", "A", 1);

        Metrics metrics = Metrics.of(m);

        assertThat(metrics.rows()).isEqualTo(8);
        assertThat(metrics.accuracy()).isEqualTo(6.0 / 8);
        Metrics.ClassMetrics a = metrics.perClass().get("A");
        assertThat(a.precision()).isEqualTo(3.0 / 4);
        assertThat(a.recall()).isEqualTo(3.0 / 4);
        assertThat(a.support()).isEqualTo(4);
        Metrics.ClassMetrics b = metrics.perClass().get("B");
        assertThat(b.precision()).isEqualTo(2.0 / 3);
        assertThat(b.recall()).isEqualTo(1.0);
        assertThat(b.f1()).isCloseTo(0.8, within(1e-12));
        assertThat(metrics.macroRecall()).isCloseTo((0.75 + 1.0 + 0.5) / 3, within(1e-12));
        assertThat(metrics.macroF1()).isCloseTo((0.75 + 0.8 + 2.0 / 3) / 3, within(1e-12));
    }

    @Test
    void aTrueLabelTheModelDoesNotKnowCountsAsAnErrorAndJoinsTheMatrix() {
        ConfusionMatrix m = new ConfusionMatrix(List.of("A", "B"));
        m.add("A", "A");
        m.add("Z", "B");

        Metrics metrics = Metrics.of(m);

        assertThat(m.labels()).containsExactly("A", "B", "Z");
        assertThat(metrics.accuracy()).isEqualTo(0.5);
        assertThat(metrics.perClass().get("Z").recall()).isZero();
        assertThat(m.count("Z", "B")).isEqualTo(1);
        // A, B (predicted) and Z (true) enter the macro average: (1 + 0 + 0) / 3.
        assertThat(metrics.macroPrecision()).isCloseTo(1.0 / 3, within(1e-12));
    }

    @Test
    void aLabelNeitherTrueNorPredictedStaysOutOfTheMacroAverage() {
        ConfusionMatrix m = new ConfusionMatrix(List.of("A", "B", "Unused"));
        m.add("A", "A");
        m.add("B", "B");

        assertThat(Metrics.of(m).macroF1()).isEqualTo(1.0);
    }

    @Test
    void rendersTheFullMatrixForFewLabelsAndTheLargestConfusionsForMany() {
        ConfusionMatrix few = new ConfusionMatrix(List.of("A", "B"));
        few.add("A", "B");
        assertThat(Metrics.of(few).render("category")).contains("confusion matrix").contains("macro avg");

        ConfusionMatrix many = new ConfusionMatrix(List.of());
        for (int i = 0; i < 20; i++) {
            many.add("L" + i, "L" + ((i + 1) % 20));
        }
        assertThat(Metrics.of(many).render("category")).contains("largest confusions").contains("L0 -> L1: 1");
    }

    private static void add(ConfusionMatrix m, String actual, String predicted, int times) {
        for (int i = 0; i < times; i++) {
            m.add(actual, predicted);
        }
    }
}
