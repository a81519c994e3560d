package org.tickettriage.training.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStreamReader;
import java.io.Reader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPInputStream;
import org.apache.commons.csv.CSVFormat;
import org.apache.commons.csv.CSVRecord;
import org.junit.jupiter.api.Test;
import org.tickettriage.classifier.LegacyModelDirectory;
import org.tickettriage.classifier.MalletScores;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.ModelCard;
import org.tickettriage.model.ModelHead;

/**
 * The bundled model file serves the probabilities MALLET gave with the Java-serialized model it was converted from:
 * within 1e-9, every label of both heads, on the 5,000 synthetic tickets of {@code ./triage generate --rows 5000
 * --seed 7} (their text is the rules module's golden file). MALLET scores with its own pipe, alphabet and
 * {@code MaxEnt.getClassificationScores}; the bundled file through the model module's featurizer and scorer.
 */
class BundledModelMatchesMalletTest {

    private static final Path GOLDEN_TICKETS = Path.of("../rules/src/test/resources/golden/tickets-5k.csv.gz");
    private static final double TOLERANCE = 1e-9;

    @Test
    void everyProbabilityOfBothHeadsMatchesMalletWithin1e9() throws Exception {
        LegacyModelDirectory mallet = LegacyModelDirectory.read(ConvertCommandTest.legacyBundledModel());
        MaxEntTicketClassifier bundled = MaxEntTicketClassifier.loadBundled();
        ModelCard.HyperParameters h = mallet.card().hyperParameters();
        ModelHead category = bundled.model().category();
        ModelHead priority = bundled.model().priority();
        assertThat(category.temperature()).isEqualTo(h.categoryTemperature());
        assertThat(priority.temperature()).isEqualTo(h.priorityTemperature());

        int tickets = 0;
        int sameAnswers = 0;
        double largest = 0;
        for (CSVRecord row : goldenTickets()) {
            String subject = row.get("Subject");
            String description = row.get("Description");
            double[][] ours = bundled.probabilities(subject, description);
            Map<String, Double> malletCategory = MalletScores.probabilities(mallet.category(), h.categoryTemperature(),
                    subject, description);
            Map<String, Double> malletPriority = MalletScores.probabilities(mallet.priority(), h.priorityTemperature(),
                    subject, description);
            largest = Math.max(largest, largestDifference(category, ours[0], malletCategory));
            largest = Math.max(largest, largestDifference(priority, ours[1], malletPriority));
            String malletBest = malletCategory.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
            if (bundled.classify(subject, description).category().equals(malletBest)) {
                sameAnswers++;
            }
            tickets++;
        }

        assertThat(tickets).isEqualTo(5000);
        assertThat(largest).as("largest difference of a probability from MALLET's").isLessThanOrEqualTo(TOLERANCE);
        assertThat(sameAnswers).isEqualTo(tickets);
    }

    private static double largestDifference(ModelHead head, double[] ours, Map<String, Double> mallet) {
        assertThat(mallet.keySet()).containsExactlyInAnyOrderElementsOf(head.labels());
        double largest = 0;
        for (int label = 0; label < ours.length; label++) {
            largest = Math.max(largest, Math.abs(ours[label] - mallet.get(head.labels().get(label))));
        }
        return largest;
    }

    private static List<CSVRecord> goldenTickets() throws Exception {
        try (Reader in = new InputStreamReader(new GZIPInputStream(Files.newInputStream(GOLDEN_TICKETS)),
                StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
