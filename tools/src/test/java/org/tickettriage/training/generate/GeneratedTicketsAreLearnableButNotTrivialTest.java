package org.tickettriage.training.generate;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Locale;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The generator's purpose: a plain MaxEnt on word 1-2 grams must learn the categories well but not perfectly,
 * and the priority clearly better than always guessing the most frequent one.
 */
class GeneratedTicketsAreLearnableButNotTrivialTest {

    /** {@code -Dlearnability.rows=20000} reproduces the figures quoted in docs/TRAINING.md. */
    private static final int ROWS = Integer.getInteger("learnability.rows", 6_000);

    @Test
    void aMaxEntBaselineLearnsCategoriesWellButNotPerfectlyAndPriorityBetterThanTheMajorityClass() {
        List<SyntheticTicket> tickets =
                new TicketGenerator(TemplateCatalog.loadDefault(), GeneratorSettings.defaults(42)).generate(ROWS);

        MaxEntProbe.Result result = MaxEntProbe.evaluate(tickets, 20);
        System.out.printf(Locale.ROOT, "learnability on %d rows (train %d, test %d): category %.3f, priority %.3f "
                        + "(majority %.3f)%n", ROWS, result.trainSize(), result.testSize(),
                result.categoryAccuracy(), result.priorityAccuracy(), result.priorityMajorityShare());

        assertThat(result.categoryAccuracy()).isBetween(0.85, 0.985);
        assertThat(result.priorityAccuracy()).isGreaterThan(result.priorityMajorityShare() + 0.1);
    }
}
