package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tickettriage.email.EmailOutcome;
import org.tickettriage.handler.TriageMetrics;
import org.tickettriage.triage.TriageResult;

/**
 * The alarms and the dashboard of {@code template.yaml} name only metrics that the functions emit, with the
 * dimensions they emit them with: a misspelt metric would leave an alarm that never fires. What is emitted is read
 * from the Embedded Metric Format records {@link TriageMetrics} writes (docs/OPERATIONS.md, "Metrics").
 */
class TemplateMetricsTest {

    private static final String NAMESPACE = TriageMetrics.DEFAULT_NAMESPACE;
    private static final ObjectMapper EMF = new ObjectMapper();
    /** Each metric the functions emit, with its dimension sets: read from records the code writes. */
    private static final Map<String, Set<Set<String>>> EMITTED = new HashMap<>();
    private static final Pattern SEARCH = Pattern.compile("SEARCH\\('\\{([^}]*)}([^']*)'");
    private static final Pattern METRIC_NAME = Pattern.compile("MetricName=\"([^\"]+)\"");

    private static JsonNode resources;

    /** A metric as the template names it. */
    private record Named(String where, String namespace, String metric, Set<String> dimensions) {
    }

    /** Records for every kind of event the functions measure: a ticket by a model, one without, a batch, emails. */
    @BeforeAll
    static void recordWhatTheCodeEmits() throws IOException {
        List<String> lines = new ArrayList<>();
        TriageMetrics.Invocation invocation = TriageMetrics.to(lines::add, NAMESPACE, "stack").start();
        invocation.batch(2);
        invocation.ticket(new TriageResult("T-1", "Bug Report", 0.9, Map.of(), "High", "Engineering", "engineering", "PT4H",
                "model", false, true, List.of(), List.of(), List.of(), "m", Map.of(), "en", 0.9), 1_000, false, List.of("Bug Report"));
        invocation.ticket(new TriageResult("T-2", "Bug Report", 0.0, Map.of(), "Low", "Review", "triage-review", "PT8H",
                "review", true, false, List.of(), List.of(), List.of(), "none", Map.of(), "und", 0.0), 1_000, true, List.of());
        invocation.email(EmailOutcome.reviewWithoutMessage("object_missing", "gone"));
        invocation.emailFailed("not_processed");
        invocation.flush();
        for (String line : lines) {
            for (JsonNode directive : EMF.readTree(line).path("_aws").path("CloudWatchMetrics")) {
                assertThat(directive.path("Namespace").asText()).isEqualTo(NAMESPACE);
                for (JsonNode metric : directive.path("Metrics")) {
                    for (JsonNode dimensionSet : directive.path("Dimensions")) {
                        Set<String> dimensions = new TreeSet<>();
                        dimensionSet.forEach(name -> dimensions.add(name.asText()));
                        EMITTED.computeIfAbsent(metric.path("Name").asText(), name -> new HashSet<>()).add(dimensions);
                    }
                }
            }
        }
        assertThat(EMITTED).containsKeys(TriageMetrics.TICKETS, TriageMetrics.NEEDS_REVIEW, TriageMetrics.EMAILS,
                TriageMetrics.BATCH_SIZE, TriageMetrics.CONFIDENCE, TriageMetrics.DEGRADED);
    }

    @BeforeAll
    static void readTemplate() throws IOException {
        // Jackson reads CloudFormation's short forms as their plain values: !Ref AWS::StackName is "AWS::StackName".
        resources = new YAMLMapper().readTree(NodeTools.ROOT.resolve("template.yaml").toFile()).path("Resources");
    }

    @Test
    void alarmsNameEmittedMetricsOfTheStacksService() {
        List<Named> named = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            JsonNode properties = resource.getValue().path("Properties");
            if (resource.getValue().path("Type").asText().equals("AWS::CloudWatch::Alarm")
                    && properties.path("Namespace").asText().equals(NAMESPACE)) {
                Set<String> dimensions = new TreeSet<>();
                for (JsonNode dimension : properties.path("Dimensions")) {
                    dimensions.add(dimension.path("Name").asText());
                    if (dimension.path("Name").asText().equals("Service")) {
                        assertThat(dimension.path("Value").asText()).as(resource.getKey()).isEqualTo("AWS::StackName");
                    }
                }
                named.add(new Named(resource.getKey(), NAMESPACE, properties.path("MetricName").asText(), dimensions));
            }
        }

        assertThat(named).extracting(Named::metric).contains("NeedsReview", "Degraded");
        named.forEach(TemplateMetricsTest::assertEmitted);
    }

    @Test
    void dashboardShowsEmittedMetricsOnly() throws IOException {
        List<Named> named = dashboardMetrics();

        assertThat(named).filteredOn(n -> n.namespace().equals(NAMESPACE)).extracting(Named::metric)
                .containsAll(EMITTED.keySet());
        named.stream().filter(n -> n.namespace().equals(NAMESPACE)).forEach(TemplateMetricsTest::assertEmitted);
    }

    @Test
    void reviewRateAndDegradedAlarmsReadTheRightStatistic() {
        JsonNode review = resources.path("ReviewRateAlarm").path("Properties");
        assertThat(review.path("MetricName").asText()).isEqualTo("NeedsReview");
        assertThat(review.path("Statistic").asText()).isEqualTo("Average");
        assertThat(review.path("ComparisonOperator").asText()).isEqualTo("GreaterThanThreshold");
        assertThat(review.path("Threshold").asText()).isEqualTo("ReviewRateAlarmThreshold");
        assertThat(review.path("TreatMissingData").asText()).isEqualTo("notBreaching");

        JsonNode degraded = resources.path("DegradedModeAlarm").path("Properties");
        assertThat(degraded.path("MetricName").asText()).isEqualTo("Degraded");
        assertThat(degraded.path("Statistic").asText()).isEqualTo("Maximum");
        assertThat(degraded.path("ComparisonOperator").asText()).isEqualTo("GreaterThanOrEqualToThreshold");
        assertThat(degraded.path("Threshold").asDouble()).isEqualTo(1.0);
    }

    @Test
    void functionsAreToldTheNamespaceAndServiceTheAlarmsRead() throws IOException {
        JsonNode variables = new YAMLMapper().readTree(NodeTools.ROOT.resolve("template.yaml").toFile())
                .path("Globals").path("Function").path("Environment").path("Variables");

        assertThat(variables.path("TRIAGE_METRICS_NAMESPACE").asText()).isEqualTo(NAMESPACE);
        assertThat(variables.path("TRIAGE_SERVICE").asText()).isEqualTo("AWS::StackName");
    }

    private static void assertEmitted(Named named) {
        assertThat(EMITTED).as("%s names a metric the functions emit", named.where()).containsKey(named.metric());
        assertThat(EMITTED.get(named.metric()))
                .as("%s: %s is emitted with dimensions %s", named.where(), named.metric(), named.dimensions())
                .contains(named.dimensions());
    }

    /** The metrics of every dashboard widget: rows ["Namespace", "Metric", "Dim", "Value", ...] and SEARCH expressions. */
    private static List<Named> dashboardMetrics() throws IOException {
        List<Named> named = new ArrayList<>();
        for (Map.Entry<String, JsonNode> resource : resources.properties()) {
            if (!resource.getValue().path("Type").asText().equals("AWS::CloudWatch::Dashboard")) {
                continue;
            }
            // The body is a !Sub string: its placeholders become 0, which is valid inside a string and as a number.
            String body = resource.getValue().path("Properties").path("DashboardBody").asText().replaceAll("\\$\\{[^}]*}", "0");
            JsonNode widgets = new ObjectMapper().readTree(body).path("widgets");
            assertThat(widgets).as("the dashboard has widgets").isNotEmpty();
            for (JsonNode widget : widgets) {
                String title = resource.getKey() + " widget " + widget.path("properties").path("title").asText();
                for (JsonNode row : widget.path("properties").path("metrics")) {
                    if (row.path(0).isTextual()) {
                        Set<String> dimensions = new HashSet<>();
                        for (int i = 2; i + 1 < row.size() && row.get(i).isTextual(); i += 2) {
                            dimensions.add(row.get(i).asText());
                        }
                        named.add(new Named(title, row.get(0).asText(), row.get(1).asText(), dimensions));
                    } else {
                        Matcher search = SEARCH.matcher(row.path(0).path("expression").asText());
                        if (search.find()) {
                            List<String> schema = List.of(search.group(1).split(","));
                            Matcher metric = METRIC_NAME.matcher(search.group(2));
                            assertThat(metric.find()).as("%s: a SEARCH names its metric", title).isTrue();
                            named.add(new Named(title, schema.get(0).strip(), metric.group(1),
                                    new HashSet<>(schema.subList(1, schema.size()).stream().map(String::strip).toList())));
                        }
                    }
                }
            }
        }
        return named;
    }
}
