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
 * The model files serve the probabilities MALLET gives: within 1e-9, every label of both heads, on the 5,000
 * synthetic tickets of {@code ./triage generate --rows 5000 --seed 7} (their text is the rules module's golden file).
 * MALLET scores with its own pipe, alphabet and {@code MaxEnt.getClassificationScores}; the model files through the
 * model module's featurizer and scorer.
 *
 * <ul>
 *   <li>The bundled model, trained through the model format: MALLET's probabilities were written by the same
 *       {@code train} run ({@code --mallet-reference}, docs/MODEL.md "The bundled model") into
 *       {@code src/test/resources/bundled-model-mallet-scores.csv.gz}; a retrained bundled model needs them
 *       rewritten by the same command.</li>
 *   <li>The previous bundled model (maxent-9ea233dd7da9), converted by {@code ./triage model convert} from the
 *       Java-serialized MALLET classifiers kept as a fixture: MALLET scores those here and now.</li>
 * </ul>
 */
class BundledModelMatchesMalletTest {

    private static final Path GOLDEN_TICKETS = Path.of("../rules/src/test/resources/golden/tickets-5k.csv.gz");
    private static final double TOLERANCE = 1e-9;

    private static final Path BUNDLED_MALLET_SCORES = Path.of("src/test/resources/bundled-model-mallet-scores.csv.gz");
    private static final Path CONVERTED_MODEL = Path.of("../function/src/test/resources/model-9ea233dd7da9");

    @Test
    void theBundledModelGivesTheProbabilitiesMalletGaveWhenItWasTrained() throws Exception {
        MaxEntTicketClassifier bundled = MaxEntTicketClassifier.loadBundled();
        ModelHead category = bundled.model().category();
        ModelHead priority = bundled.model().priority();
        Map<String, CSVRecord> mallet = new java.util.HashMap<>();
        for (CSVRecord row : csv(BUNDLED_MALLET_SCORES)) {
            mallet.put(row.get("Ticket_ID"), row);
        }

        int tickets = 0;
        int sameAnswers = 0;
        double largest = 0;
        for (CSVRecord row : csv(GOLDEN_TICKETS)) {
            CSVRecord reference = mallet.get(row.get("Ticket_ID"));
            assertThat(reference).as("MALLET's probabilities for ticket " + row.get("Ticket_ID")).isNotNull();
            double[][] ours = bundled.probabilities(row.get("Subject"), row.get("Description"));
            Map<String, Double> malletCategory = column(reference, "category:");
            largest = Math.max(largest, largestDifference(category, ours[0], malletCategory));
            largest = Math.max(largest, largestDifference(priority, ours[1], column(reference, "priority:")));
            if (bundled.classify(row.get("Subject"), row.get("Description")).category().equals(best(malletCategory))) {
                sameAnswers++;
            }
            tickets++;
        }

        assertThat(tickets).isEqualTo(5000);
        assertThat(largest).as("largest difference of a probability from MALLET's").isLessThanOrEqualTo(TOLERANCE);
        assertThat(sameAnswers).isEqualTo(tickets);
    }

    @Test
    void theConvertedPreviousModelGivesTheProbabilitiesMalletGives() throws Exception {
        LegacyModelDirectory mallet = LegacyModelDirectory.read(ConvertCommandTest.legacyBundledModel());
        MaxEntTicketClassifier converted = MaxEntTicketClassifier.load(CONVERTED_MODEL);
        ModelCard.HyperParameters h = mallet.card().hyperParameters();
        ModelHead category = converted.model().category();
        ModelHead priority = converted.model().priority();
        assertThat(category.temperature()).isEqualTo(h.categoryTemperature());
        assertThat(priority.temperature()).isEqualTo(h.priorityTemperature());

        int tickets = 0;
        int sameAnswers = 0;
        double largest = 0;
        for (CSVRecord row : csv(GOLDEN_TICKETS)) {
            String subject = row.get("Subject");
            String description = row.get("Description");
            double[][] ours = converted.probabilities(subject, description);
            Map<String, Double> malletCategory = MalletScores.probabilities(mallet.category(), h.categoryTemperature(),
                    subject, description);
            Map<String, Double> malletPriority = MalletScores.probabilities(mallet.priority(), h.priorityTemperature(),
                    subject, description);
            largest = Math.max(largest, largestDifference(category, ours[0], malletCategory));
            largest = Math.max(largest, largestDifference(priority, ours[1], malletPriority));
            if (converted.classify(subject, description).category().equals(best(malletCategory))) {
                sameAnswers++;
            }
            tickets++;
        }

        assertThat(tickets).isEqualTo(5000);
        assertThat(largest).as("largest difference of a probability from MALLET's").isLessThanOrEqualTo(TOLERANCE);
        assertThat(sameAnswers).isEqualTo(tickets);
    }

    private static Map<String, Double> column(CSVRecord reference, String prefix) {
        Map<String, Double> byLabel = new java.util.LinkedHashMap<>();
        reference.toMap().forEach((name, value) -> {
            if (name.startsWith(prefix)) {
                byLabel.put(name.substring(prefix.length()), Double.parseDouble(value));
            }
        });
        return byLabel;
    }

    private static String best(Map<String, Double> probabilities) {
        return probabilities.entrySet().stream().max(Map.Entry.comparingByValue()).orElseThrow().getKey();
    }

    private static double largestDifference(ModelHead head, double[] ours, Map<String, Double> mallet) {
        assertThat(mallet.keySet()).containsExactlyInAnyOrderElementsOf(head.labels());
        double largest = 0;
        for (int label = 0; label < ours.length; label++) {
            largest = Math.max(largest, Math.abs(ours[label] - mallet.get(head.labels().get(label))));
        }
        return largest;
    }

    private static List<CSVRecord> csv(Path gzipped) throws Exception {
        try (Reader in = new InputStreamReader(new GZIPInputStream(Files.newInputStream(gzipped)),
                StandardCharsets.UTF_8)) {
            return CSVFormat.DEFAULT.builder().setHeader().setSkipHeaderRecord(true).get().parse(in).getRecords();
        }
    }
}
