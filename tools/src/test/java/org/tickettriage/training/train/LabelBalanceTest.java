package org.tickettriage.training.train;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import cc.mallet.classify.MaxEnt;
import cc.mallet.types.Instance;
import cc.mallet.types.InstanceList;
import cc.mallet.types.Labeling;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tickettriage.training.generate.GeneratorSettings;
import org.tickettriage.training.generate.TemplateCatalog;
import org.tickettriage.training.generate.TicketGenerator;
import org.tickettriage.model.FeatureSettings;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.evaluate.ScoredTicket;

/** The label-frequency correction: what it does to probabilities, to a fitted model, and how alpha is chosen. */
class LabelBalanceTest {

    private static List<LabeledTicket> tickets;
    private static InstanceList instances;

    @BeforeAll
    static void fit() {
        tickets = new TicketGenerator(TemplateCatalog.loadDefault(), GeneratorSettings.defaults(5)).generate(300).stream()
                .map(t -> new LabeledTicket(t.ticketId(), t.subject(), t.description(), t.category().label(),
                        t.priority().label()))
                .toList();
        TicketModelTrainer trainer = new TicketModelTrainer(new FeatureSettings(true, false, true), 2);
        instances = trainer.instances(tickets, trainer.features(tickets),
                TicketModelTrainer.labels(tickets, LabeledTicket::label), LabeledTicket::label);
    }

    @Test
    void probabilitiesAreDividedByFrequencyToTheAlphaAndRenormalised() {
        Map<String, Double> p = new LinkedHashMap<>();
        p.put("big", 0.6);
        p.put("small", 0.4);
        Map<String, Double> frequencies = Map.of("big", 0.8, "small", 0.2);

        Map<String, Double> corrected = LabelBalance.correct(p, frequencies, 1.0);

        // 0.6 / 0.8 = 0.75 and 0.4 / 0.2 = 2: the small label now comes first.
        assertThat(corrected.keySet()).containsExactly("small", "big");
        assertThat(corrected.get("small")).isCloseTo(2 / 2.75, within(1e-12));
        assertThat(corrected.get("big")).isCloseTo(0.75 / 2.75, within(1e-12));
        assertThat(LabelBalance.correct(p, frequencies, 0)).isSameAs(p);
    }

    @Test
    void aModelWithItsBiasesLoweredAnswersAsTheCorrectedProbabilities() {
        MaxEnt model = TicketModelTrainer.train(instances, Prior.GAUSSIAN, 1.0);
        Map<String, Double> frequencies = LabelBalance.frequencies(tickets, LabeledTicket::label);
        List<Map<String, Double>> before = new ArrayList<>();
        for (Instance instance : instances) {
            before.add(probabilities(model, instance));
        }

        LabelBalance.apply(model, frequencies, 0.5);

        int i = 0;
        for (Instance instance : instances) {
            Map<String, Double> expected = LabelBalance.correct(before.get(i++), frequencies, 0.5);
            Map<String, Double> actual = probabilities(model, instance);
            expected.forEach((label, value) -> assertThat(actual.get(label)).isCloseTo(value, within(1e-9)));
        }
    }

    @Test
    void alphaIsChosenByTheMeanOfAccuracyAndMacroF1OnTheValidationAnswers() {
        // Four tickets of a rare label the model under-answers: 0.55 against 0.45 for the frequent one.
        List<ScoredTicket> validation = new ArrayList<>();
        List<Map<String, Double>> probabilities = new ArrayList<>();
        underAnsweredRareLabel(1.0, validation, probabilities);
        Map<String, Double> frequencies = Map.of("common", 0.8, "rare", 0.2);
        StringWriter out = new StringWriter();

        LabelBalance.Choice choice = LabelBalance.choose("category", validation, probabilities, frequencies,
                List.of(0.0, 0.5, 1.0), List.of("common", "rare"), 1.0, new PrintWriter(out, true));

        // At 0.5 the rare tickets' 0.45 / sqrt(0.2) beats 0.55 / sqrt(0.8): all 20 right; 1.0 also turns none of the
        // common ones (0.1 / 0.2 < 0.9 / 0.8), so both score 1.0 and the tie goes to the smaller alpha.
        assertThat(choice.alpha()).isEqualTo(0.5);
        assertThat(choice.validation()).allMatch(ScoredTicket::correct);
        assertThat(out.toString()).contains("alpha 0.0   accuracy 0.8000", "alpha 0.5   accuracy 1.0000", "chosen: alpha 0.5");
    }

    @Test
    void onMarginsTheAlphasAreMeantAtTheTemperatureThatCalibratesThem() {
        // An SVM's softmax at temperature 1 is flatter than a probability: here p^0.5, renormalised, whose
        // calibrating temperature is 0.5. The grid's alpha 0.5 on the calibrated scale is 0.25 on the margins.
        List<ScoredTicket> validation = new ArrayList<>();
        List<Map<String, Double>> flat = new ArrayList<>();
        underAnsweredRareLabel(0.5, validation, flat);
        Map<String, Double> frequencies = Map.of("common", 0.8, "rare", 0.2);
        StringWriter out = new StringWriter();

        LabelBalance.Choice choice = LabelBalance.choose("category", validation, flat, frequencies,
                List.of(0.0, 0.5, 1.0), List.of("common", "rare"), 0.5, new PrintWriter(out, true));

        assertThat(choice.alpha()).isEqualTo(0.25);
        assertThat(choice.validation()).allMatch(ScoredTicket::correct);
        assertThat(out.toString()).contains("times their temperature 0.500", "chosen: alpha 0.5");
        // Unscaled, alpha 1.0 on these flat probabilities turns common tickets too: not every answer is right.
        assertThat(LabelBalance.corrected(validation, flat, frequencies, 1.0).validation())
                .anyMatch(t -> !t.correct());
    }

    @Test
    void withoutValidationAnswersNothingIsCorrected() {
        LabelBalance.Choice choice = LabelBalance.choose("category", null, null, Map.of(), List.of(0.0, 1.0),
                List.of("a"), 1.0, new PrintWriter(new StringWriter()));

        assertThat(choice.alpha()).isZero();
    }

    /**
     * Twenty validation answers, all "common": sixteen common tickets at 0.9 / 0.1 and four rare ones at 0.55 / 0.45,
     * each probability raised to {@code power} and renormalised (1: as given; 0.5: flatter, as an SVM's margins are).
     */
    private static void underAnsweredRareLabel(double power, List<ScoredTicket> validation,
                                               List<Map<String, Double>> probabilities) {
        for (int i = 0; i < 20; i++) {
            double common = Math.pow(i < 4 ? 0.55 : 0.9, power);
            double rare = Math.pow(i < 4 ? 0.45 : 0.1, power);
            Map<String, Double> p = new LinkedHashMap<>();
            p.put("common", common / (common + rare));
            p.put("rare", rare / (common + rare));
            validation.add(new ScoredTicket(i < 4 ? "rare" : "common", "common", p.get("common")));
            probabilities.add(p);
        }
    }

    private static Map<String, Double> probabilities(MaxEnt model, Instance instance) {
        Labeling labeling = model.classify(instance).getLabeling();
        Map<String, Double> p = new LinkedHashMap<>();
        for (int l = 0; l < labeling.numLocations(); l++) {
            p.put(String.valueOf(labeling.labelAtLocation(l)), labeling.valueAtLocation(l));
        }
        return p;
    }
}
