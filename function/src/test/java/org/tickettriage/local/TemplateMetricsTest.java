package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The alarms and the dashboard of {@code template.yaml} name only metrics that the functions emit, with the
 * dimensions they emit them with: a misspelt metric would leave an alarm that never fires. The contract is
 * the functions' Embedded Metric Format output in namespace {@code TicketTriage} (docs/OPERATIONS.md).
 */
class TemplateMetricsTest {

    private static final String NAMESPACE = "TicketTriage";
    private static final Set<String> SERVICE = Set.of("Service");
    /** Each metric the functions emit, with its dimension sets. */
    private static final Map<String, Set<Set<String>>> EMITTED = Map.of(
            "Tickets", Set.of(SERVICE, Set.of("Service", "DecidedBy"), Set.of("Service", "Priority"),
                    Set.of("Service", "Category")),
            "NeedsReview", Set.of(SERVICE),
            "Escalated", Set.of(SERVICE),
            "Degraded", Set.of(SERVICE),
            "Confidence", Set.of(SERVICE),
            "TriageLatency", Set.of(SERVICE),
            "BatchSize", Set.of(SERVICE),
            "Emails", Set.of(Set.of("Service", "Outcome"), Set.of("Service", "Reason")));
    private static final Pattern SEARCH = Pattern.compile("SEARCH\\('\\{([^}]*)}([^']*)'");
    private static final Pattern METRIC_NAME = Pattern.compile("MetricName=\"([^\"]+)\"");

    private static JsonNode resources;

    /** A metric as the template names it. */
    private record Named(String where, String namespace, String metric, Set<String> dimensions) {
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
