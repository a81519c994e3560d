package org.tickettriage.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ModelCardTest {

    @Test
    void survivesAJsonRoundTrip() throws IOException {
        ModelCard card = new ModelCard("maxent-1", "2024-05-01T10:00:00Z", List.of("Bug Report", "Billing Inquiry"),
                List.of("Low", "High"),
                new ModelCard.TrainingData("tickets.csv", "ab12", 100, 80, "20% split", null, 20,
                        List.of("Subject", "Description"), "Category", "Priority"),
                "2.1.1",
                new ModelCard.HyperParameters("MaxEnt", 1.0, 0.3, List.of(0.1, 1.0), FeatureSettings.DEFAULT,
                        new ModelCard.Pruning(3, 1000, 250), 42),
                new ModelCard.HeldOutMetrics(new ModelCard.HeadMetrics(20, 0.9, 0.88, 0.87, 0.875,
                        Map.of("Bug Report", 0.9)), null),
                0.72, new ModelCard.ReviewThresholdChoice(0.95, true, 0.951, 0.7, 16));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        card.write(out);

        assertThat(ModelCard.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(card);
        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"reviewThreshold\" : 0.72").doesNotContain("heldOutSha256");
    }

    @Test
    void recordsTheFinalFitAndReadsACardWithoutOneAsBefore() throws IOException {
        ModelCard card = new ModelCard("maxent-3", null, List.of("A", "B"), List.of(), null, "2.1.1", null, null, 0.6,
                null, new ModelCard.FinalFit(true, 100, 80, "kept from the validation fit"));
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        card.write(out);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"everyRow\" : true", "\"measuredRows\" : 80");
        assertThat(ModelCard.read(new ByteArrayInputStream(out.toByteArray()))).isEqualTo(card);
        String older = """
                {"modelVersion":"v1","categoryLabels":["A","B"],"reviewThreshold":0.5}""";
        assertThat(ModelCard.read(new ByteArrayInputStream(older.getBytes(StandardCharsets.UTF_8))).finalFit()).isNull();
    }

    @Test
    void ignoresPropertiesANewerTrainerAdded() throws IOException {
        String json = """
                {"modelVersion":"v9","categoryLabels":["A","B"],"reviewThreshold":0.5,"somethingNew":{"x":1}}""";

        ModelCard card = ModelCard.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));

        assertThat(card.modelVersion()).isEqualTo("v9");
        assertThat(card.priorityLabels()).isEmpty();
    }

    @Test
    void recordsAnL1PriorAndReadsItBack() throws IOException {
        ModelCard card = new ModelCard("maxent-2", null, List.of("A", "B"), List.of(), null, "2.1.1",
                new ModelCard.HyperParameters("OWL-QN", 0.3, null, List.of(0.3, 1.0), FeatureSettings.DEFAULT,
                        new ModelCard.Pruning(2, 10, 5), 1, null, 0.9, null, "l1"),
                null, 0.6, null);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        card.write(out);

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("\"prior\" : \"l1\"");
        assertThat(ModelCard.read(new ByteArrayInputStream(out.toByteArray())).hyperParameters().prior()).isEqualTo("l1");
    }

    @Test
    void aCardWrittenBeforeThePriorWasRecordedReadsWithoutOne() throws IOException {
        String json = """
                {"modelVersion":"v1","categoryLabels":["A","B"],"reviewThreshold":0.5,
                 "hyperParameters":{"trainer":"MaxEnt","categoryPriorVariance":0.03,"priorVarianceGrid":[0.03],"seed":1}}""";

        ModelCard.HyperParameters h = ModelCard.read(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)))
                .hyperParameters();

        assertThat(h.prior()).isNull();
        assertThat(h.categoryPriorVariance()).isEqualTo(0.03);
    }
}
