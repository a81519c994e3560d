package org.tickettriage.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import org.junit.jupiter.api.Test;

class PriorityOrderTest {

    @Test
    void recognisesLowMediumHighInAnyCase() {
        assertThat(lowestFirstRecognised(List.of("High", "low", "MEDIUM"))).containsExactly("low", "MEDIUM", "High");
    }

    @Test
    void recognisesTheZendeskNamesNormalAndUrgent() {
        assertThat(lowestFirstRecognised(List.of("urgent", "high", "normal", "low")))
                .containsExactly("low", "normal", "high", "urgent");
    }

    @Test
    void recognisesASubsetOfTheWordScale() {
        assertThat(lowestFirstRecognised(List.of("Critical", "Low"))).containsExactly("Low", "Critical");
    }

    @Test
    void recognisesPNumbersWithP1Highest() {
        assertThat(lowestFirstRecognised(List.of("P1", "P2", "P3", "P4"))).containsExactly("P4", "P3", "P2", "P1");
        assertThat(lowestFirstRecognised(List.of("p2", "p10", "p1"))).containsExactly("p10", "p2", "p1");
    }

    @Test
    void doesNotRecogniseOtherLabelsMixedScalesOrTwoNamesForOneLevel() {
        assertThat(PriorityOrder.recognise(List.of("Bronze", "Silver", "Gold"))).isEmpty();
        assertThat(PriorityOrder.recognise(List.of("low", "P1"))).isEmpty();
        assertThat(PriorityOrder.recognise(List.of("low", "medium", "normal", "high"))).isEmpty();
        assertThat(PriorityOrder.recognise(List.of("P1", "P01"))).isEmpty();
        assertThat(PriorityOrder.recognise(List.of())).isEmpty();
    }

    @Test
    void ordersTheDataOnAGivenScaleInTheDatasOwnSpelling() {
        PriorityOrder scale = PriorityOrder.parse("bronze, silver ,gold,platinum");

        assertThat(scale.labels()).containsExactly("bronze", "silver", "gold", "platinum");
        assertThat(scale.lowestFirst(List.of("GOLD", "Bronze", "Silver"))).containsExactly("Bronze", "Silver", "GOLD");
    }

    @Test
    void namesTheLabelsThatAreNotOnTheScale() {
        PriorityOrder scale = PriorityOrder.parse("low,medium,high");

        assertThat(scale.unknown(List.of("Low", "Critical", "High", "Blocker", "Critical"))).containsExactly("Critical", "Blocker");
        assertThatThrownBy(() -> scale.lowestFirst(List.of("Low", "Critical")))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("[Critical]");
    }

    @Test
    void rejectsAScaleWithAnEmptyOrRepeatedLabel() {
        assertThatThrownBy(() -> PriorityOrder.parse("low,,high")).hasMessageContaining("lowest first");
        assertThatThrownBy(() -> PriorityOrder.parse("")).hasMessageContaining("lowest first");
        assertThatThrownBy(() -> PriorityOrder.parse("low,High,high")).hasMessageContaining("names 'high' twice");
    }

    private static List<String> lowestFirstRecognised(List<String> labels) {
        PriorityOrder scale = PriorityOrder.recognise(labels).orElseThrow();
        return scale.lowestFirst(labels);
    }
}
