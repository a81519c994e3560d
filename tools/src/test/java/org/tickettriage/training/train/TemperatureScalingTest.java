package org.tickettriage.training.train;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tickettriage.training.evaluate.ScoredTicket;

class TemperatureScalingTest {

    private static Map<String, Double> probabilities(double a) {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("a", a);
        p.put("b", 1 - a);
        return p;
    }

    @Test
    void anUnderConfidentModelIsSharpenedAndKeepsItsAnswers() {
        // Says 0.6 for "a" and is right 95 times in 100: under-confident.
        List<String> actual = new ArrayList<>();
        List<Map<String, Double>> probabilities = new ArrayList<>();
        List<ScoredTicket> tickets = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            String truth = i < 95 ? "a" : "b";
            actual.add(truth);
            probabilities.add(probabilities(0.6));
            tickets.add(new ScoredTicket(truth, "a", 0.6));
        }

        double t = TemperatureScaling.fit(actual, probabilities);
        List<ScoredTicket> calibrated = TemperatureScaling.apply(tickets, probabilities, t);

        assertThat(t).isLessThan(1.0);
        // The calibrated confidence is the accuracy: p^(1/T) / (p^(1/T) + q^(1/T)) = 0.95.
        assertThat(calibrated.get(0).confidence()).isCloseTo(0.95, org.assertj.core.data.Offset.offset(0.005));
        assertThat(calibrated).extracting(ScoredTicket::predicted).containsOnly("a");
    }

    @Test
    void aCalibratedModelKeepsATemperatureOfAboutOne() {
        List<String> actual = new ArrayList<>();
        List<Map<String, Double>> probabilities = new ArrayList<>();
        for (int i = 0; i < 100; i++) {
            actual.add(i < 80 ? "a" : "b");
            probabilities.add(probabilities(0.8));
        }

        assertThat(TemperatureScaling.fit(actual, probabilities)).isCloseTo(1.0, org.assertj.core.data.Offset.offset(0.01));
        assertThat(TemperatureScaling.fit(List.of(), List.of())).isEqualTo(1.0);
    }
}
