package org.tickettriage.jmh;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tickettriage.model.Prediction;
import org.tickettriage.model.SparseVector;

/**
 * Keeps the benchmarks from rotting unseen: the state sets up as JMH sets it up, and every benchmark method answers
 * something valid for every ticket. Times nothing (a benchmark is a benchmark, never a test that fails on a time).
 */
class ClassifierBenchmarkTest {

    private static final List<String> BENCHMARKS = List.of("featurize", "score", "featurizeAndScore", "classify");

    @ParameterizedTest
    @ValueSource(strings = {TicketSet.SHORT, TicketSet.LONG})
    void everyBenchmarkAnswersProbabilityDistributionsForEveryTicket(String set) {
        ClassifierBenchmark benchmark = state(set);
        List<List<String>> heads = benchmark.headLabels();
        assertThat(heads).isNotEmpty();

        for (int i = 0; i < benchmark.ticketCount(); i++) {
            SparseVector vector = benchmark.featurize();
            assertThat(vector.size()).as("features of ticket %d", i).isPositive();
            for (int k = 1; k < vector.size(); k++) {
                assertThat(vector.indices()[k]).isGreaterThan(vector.indices()[k - 1]);
            }
        }
        for (int i = 0; i < benchmark.ticketCount(); i++) {
            assertDistributions(benchmark.score(), heads);
        }
        for (int i = 0; i < benchmark.ticketCount(); i++) {
            assertDistributions(benchmark.featurizeAndScore(), heads);
        }
        for (int i = 0; i < benchmark.ticketCount(); i++) {
            Prediction prediction = benchmark.classify();
            Map<String, Double> probabilities = prediction.probabilities();
            assertThat(probabilities.keySet()).containsExactlyInAnyOrderElementsOf(heads.get(0));
            assertThat(probabilities.values().stream().mapToDouble(Double::doubleValue).sum()).isCloseTo(1.0, within(1e-9));
            assertThat(prediction.confidence()).isEqualTo(probabilities.get(prediction.category()));
        }
    }

    @Test
    void scoringAPrefeaturizedVectorGivesWhatFeaturizingAndScoringGives() {
        ClassifierBenchmark prefeaturized = state(TicketSet.SHORT);
        ClassifierBenchmark chained = state(TicketSet.SHORT);
        for (int i = 0; i < prefeaturized.ticketCount(); i++) {
            assertThat(prefeaturized.score()).isDeepEqualTo(chained.featurizeAndScore());
        }
    }

    @Test
    void longTicketsAreAboutFourShortOnesOfTheSameCategory() {
        List<TicketSet.Ticket> shortTickets = TicketSet.named(TicketSet.SHORT);
        List<TicketSet.Ticket> longTickets = TicketSet.named(TicketSet.LONG);

        assertThat(shortTickets).hasSize(256);
        assertThat(longTickets).hasSameSizeAs(shortTickets);
        long shortLength = 0;
        long longLength = 0;
        for (int i = 0; i < shortTickets.size(); i++) {
            TicketSet.Ticket ticket = longTickets.get(i);
            assertThat(ticket.subject()).isEqualTo(shortTickets.get(i).subject());
            assertThat(ticket.description()).startsWith(shortTickets.get(i).description() + "\n\n");
            shortLength += shortTickets.get(i).description().length();
            longLength += ticket.description().length();
        }
        assertThat((double) longLength / shortLength).isBetween(3.5, 4.5);
    }

    @Test
    void readsAnyCsvInTheSeedSchemaByPath(@TempDir Path dir) throws IOException {
        Path csv = dir.resolve("tickets.csv");
        Files.writeString(csv, "Subject,Description\nInvoice,\"I was charged twice,\nplease refund.\"\n", StandardCharsets.UTF_8);

        ClassifierBenchmark benchmark = state(csv.toString());

        assertThat(benchmark.ticketCount()).isEqualTo(1);
        assertDistributions(benchmark.featurizeAndScore(), benchmark.headLabels());
    }

    @Test
    void refusesANameThatIsNeitherASetNorAFile(@TempDir Path dir) {
        assertThatThrownBy(() -> TicketSet.named(dir.resolve("missing.csv").toString()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("neither short, long nor a CSV file");
    }

    @Test
    void annotationProcessingListedEveryBenchmarkForTheJar() throws IOException {
        String list;
        try (InputStream in = getClass().getResourceAsStream("/META-INF/BenchmarkList")) {
            assertThat(in).as("META-INF/BenchmarkList, written by jmh-generator-annprocess").isNotNull();
            list = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
        for (String method : BENCHMARKS) {
            assertThat(list).contains(".jmh_generated.ClassifierBenchmark_" + method + "_jmhTest ");
        }
        assertThat(getClass().getResource("/META-INF/CompilerHints")).isNotNull();
    }

    /** The state as JMH prepares it for one trial. */
    private static ClassifierBenchmark state(String set) {
        ClassifierBenchmark benchmark = new ClassifierBenchmark();
        benchmark.tickets = set;
        benchmark.setUp();
        return benchmark;
    }

    private static void assertDistributions(double[][] heads, List<List<String>> labels) {
        assertThat(heads.length).isEqualTo(labels.size());
        for (int h = 0; h < heads.length; h++) {
            assertThat(heads[h]).hasSize(labels.get(h).size());
            double sum = 0;
            for (double p : heads[h]) {
                assertThat(p).isBetween(0.0, 1.0);
                sum += p;
            }
            assertThat(sum).isCloseTo(1.0, within(1e-9));
        }
    }
}
