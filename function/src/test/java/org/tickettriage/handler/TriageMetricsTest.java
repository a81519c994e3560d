package org.tickettriage.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.tickettriage.email.EmailOutcome;
import org.tickettriage.triage.CodedReason;
import org.tickettriage.triage.TriageResult;

class TriageMetricsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> CATEGORIES = List.of("Bug Report", "Billing Inquiry");

    private final List<String> lines = new ArrayList<>();
    private final TriageMetrics metrics = TriageMetrics.to(lines::add, "TicketTriage", "my-stack");

    @Test
    void aTicketGivesAServiceRecordAndABreakdownRecord() throws Exception {
        TriageMetrics.Invocation invocation = metrics.start();
        invocation.ticket(result("Billing Inquiry", "model", "High", false, true, 0.9), 250_000, false, CATEGORIES);
        invocation.flush();

        assertThat(lines).hasSize(2);
        JsonNode service = JSON.readTree(lines.get(0));
        JsonNode directive = service.path("_aws").path("CloudWatchMetrics").get(0);
        assertThat(directive.path("Namespace").asText()).isEqualTo("TicketTriage");
        assertThat(directive.path("Dimensions").toString()).isEqualTo("[[\"Service\"]]");
        assertThat(names(directive)).containsExactlyInAnyOrder("Tickets", "NeedsReview", "Escalated", "Degraded",
                "Confidence", "TriageLatency");
        assertThat(service.path("Service").asText()).isEqualTo("my-stack");
        assertThat(service.path("Tickets").asDouble()).isEqualTo(1.0);
        assertThat(service.path("NeedsReview").asDouble()).isEqualTo(0.0);
        assertThat(service.path("Escalated").asDouble()).isEqualTo(1.0);
        assertThat(service.path("TriageLatency").asDouble()).isEqualTo(250.0);
        assertThat(service.path("Confidence").asDouble()).isEqualTo(0.9);

        JsonNode breakdown = JSON.readTree(lines.get(1));
        assertThat(breakdown.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .isEqualTo("[[\"Service\",\"DecidedBy\"],[\"Service\",\"Priority\"],[\"Service\",\"Category\"],"
                        + "[\"Service\",\"Language\"]]");
        assertThat(breakdown.path("DecidedBy").asText()).isEqualTo("model");
        assertThat(breakdown.path("Priority").asText()).isEqualTo("High");
        assertThat(breakdown.path("Category").asText()).isEqualTo("Billing Inquiry");
        assertThat(breakdown.path("Language").asText()).isEqualTo("en");
    }

    @Test
    void aBatchAddsItsSizeAndGroupsTheBreakdown() throws Exception {
        TriageMetrics.Invocation invocation = metrics.start();
        invocation.batch(3);
        invocation.ticket(result("Bug Report", "model", "Low", true, false, 0.3), 1_000, false, CATEGORIES);
        invocation.ticket(result("Bug Report", "model", "Low", false, false, 0.8), 1_000, false, CATEGORIES);
        invocation.ticket(result("Billing Inquiry", "rules", "Low", false, false, 0.2), 1_000, false, CATEGORIES);
        invocation.flush();

        assertThat(lines).hasSize(3);
        JsonNode service = JSON.readTree(lines.get(0));
        assertThat(service.path("BatchSize").asDouble()).isEqualTo(3.0);
        assertThat(service.path("Tickets")).hasSize(3);
        assertThat(service.path("NeedsReview").toString()).isEqualTo("[1.0,0.0,0.0]");
        assertThat(JSON.readTree(lines.get(1)).path("Tickets").asDouble()).isEqualTo(2.0);
        assertThat(JSON.readTree(lines.get(2)).path("DecidedBy").asText()).isEqualTo("rules");
    }

    @Test
    void categoriesBeyondTheBoundAndUnacceptableValuesCountAsOther() throws Exception {
        List<String> many = IntStream.range(0, 30).mapToObj(i -> "Intent " + i).toList();
        TriageMetrics.Invocation invocation = metrics.start();
        invocation.ticket(result("Intent 19", "model", "Low", false, false, 0.9), 1_000, false, many);
        invocation.ticket(result("Intent 20", "model", "Low", false, false, 0.9), 1_000, false, many);
        invocation.ticket(result("Kündigung", "model", "Low", false, false, 0.9), 1_000, false, List.of("Kündigung"));
        invocation.ticket(result("Not in the model", "model", "Low", false, false, 0.9), 1_000, false, many);
        invocation.flush();

        List<String> categories = new ArrayList<>();
        for (String line : lines.subList(1, lines.size())) {
            categories.add(JSON.readTree(line).path("Category").asText());
        }
        assertThat(categories).containsExactly("Intent 19", "Other");
    }

    @Test
    void withoutAModelConfidenceIsLeftOutAndDegradedIsOne() throws Exception {
        TriageMetrics.Invocation invocation = metrics.start();
        invocation.ticket(result("Bug Report", "review", "Medium", true, false, 0.0), 1_000, true, List.of());
        invocation.flush();

        JsonNode service = JSON.readTree(lines.get(0));
        assertThat(service.has("Confidence")).isFalse();
        assertThat(service.path("Degraded").asDouble()).isEqualTo(1.0);
    }

    @Test
    void emailsCountByOutcomeAndReason() throws Exception {
        TriageMetrics.Invocation invocation = metrics.start();
        invocation.email(EmailOutcome.reviewWithoutMessage("object_missing", "gone"));
        invocation.email(EmailOutcome.reviewWithoutMessage("object_missing", "gone"));
        invocation.emailFailed("not_processed");
        invocation.flush();

        assertThat(lines).hasSize(2);
        JsonNode missing = JSON.readTree(lines.get(0));
        assertThat(missing.path("_aws").path("CloudWatchMetrics").get(0).path("Dimensions").toString())
                .isEqualTo("[[\"Service\",\"Outcome\"],[\"Service\",\"Reason\"]]");
        assertThat(missing.path("Outcome").asText()).isEqualTo("review");
        assertThat(missing.path("Reason").asText()).isEqualTo("object_missing");
        assertThat(missing.path("Emails").asDouble()).isEqualTo(2.0);
        assertThat(JSON.readTree(lines.get(1)).path("Outcome").asText()).isEqualTo("failed");
    }

    @Test
    void anEmptyInvocationAndSwitchedOffMetricsWriteNothing() {
        metrics.start().flush();
        TriageMetrics.Invocation off = TriageMetrics.off().start();
        off.ticket(result("Bug Report", "model", "Low", false, false, 0.9), 1_000, false, CATEGORIES);
        off.flush();

        assertThat(lines).isEmpty();
        assertThat(TriageMetrics.off().enabled()).isFalse();
    }

    @Test
    void recordsCarryALevelThatLambdasFilterKeeps() throws Exception {
        assertThat(TriageMetrics.emfLevel("DEBUG")).isEqualTo("INFO");
        assertThat(TriageMetrics.emfLevel("info")).isEqualTo("INFO");
        assertThat(TriageMetrics.emfLevel("WARN")).isEqualTo("WARN");
        assertThat(TriageMetrics.emfLevel("FATAL")).isEqualTo("FATAL");
        assertThat(TriageMetrics.emfLevel("chatty")).isEqualTo("INFO");
    }

    private static List<String> names(JsonNode directive) {
        List<String> names = new ArrayList<>();
        directive.path("Metrics").forEach(metric -> names.add(metric.path("Name").asText()));
        return names;
    }

    private static TriageResult result(String category, String decidedBy, String priority, boolean needsReview,
                                       boolean escalated, double confidence) {
        return new TriageResult("T-1", category, confidence, Map.of(category, confidence), priority, "Team", "queue",
                "PT4H", decidedBy, needsReview, escalated, List.of("rule"), List.of(new CodedReason("route_table", "rule")), List.of(),
                "model-1", Map.of(), "en", 0.9);
    }
}
