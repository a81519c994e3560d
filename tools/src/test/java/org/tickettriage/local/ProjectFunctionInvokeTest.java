package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tickettriage.tools.TriageTools;

/**
 * The real thing, end to end: {@code invoke} reads the project's {@code template.yaml}, builds
 * {@code ClassifyFunction}'s handler with its no-argument constructor (bundled model, compiled Drools rules)
 * and runs each file of {@code events/} through it, as {@code sam local invoke -e} would.
 */
class ProjectFunctionInvokeTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    @ParameterizedTest(name = "{0} -> {1} {2}={3}")
    @CsvSource({
            // Clear tickets: the bundled model must decide them alone, and the rules route them.
            "classify-bug.json,            200, category,   Bug Report",
            "classify-billing.json,        200, category,   Billing Inquiry",
            "classify-account.json,        200, category,   Account Management",
            "classify-feature.json,        200, category,   Feature Request",
            // Vague text: below the review threshold, no keyword rule applies, so a person decides.
            "classify-low-confidence.json, 200, decidedBy,  review",
            "classify-base64.json,         200, ticketId,   T-1012",
            "classify-batch.json,          200, results,    4",
            "classify-invalid-json.json,   400, error,      invalid_json",
            "classify-empty.json,          400, error,      empty_ticket",
            "not-found.json,               404, error,      not_found",
            "health.json,                  200, status,     ok",
    })
    void everyEventFileRunsThroughTheDeployedHandler(String file, int status, String field, String expected)
            throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = TriageTools.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "invoke", "--template", "../template.yaml", "--function", "ClassifyFunction",
                "--event", "../events/" + file);

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
        JsonNode response = JSON.readTree(out.toString(StandardCharsets.UTF_8));
        assertThat(response.get("statusCode").asInt()).isEqualTo(status);
        JsonNode body = JSON.readTree(response.get("body").asText());
        JsonNode value = body.get(field);
        assertThat(value).as(body.toString()).isNotNull();
        if (value.isArray()) {
            assertThat(value).hasSize(Integer.parseInt(expected));
        } else {
            assertThat(value.asText()).as(body.toString()).isEqualTo(expected);
        }
        if (field.equals("category")) {
            assertThat(body.get("decidedBy").asText()).isEqualTo("model");
            assertThat(body.get("modelVersion").asText()).startsWith("maxent-");
            assertThat(body.get("reasons")).isNotEmpty();
            assertThat(body.get("explanation")).isNotEmpty();
        }
        if (field.equals("decidedBy")) {
            assertThat(body.get("needsReview").asBoolean()).isTrue();
            assertThat(body.get("queue").asText()).isEqualTo("triage-review");
        }
    }

    @Test
    void aWebhookEventGoesToTheReceiverByItsRouteWhoseStartNamesWhatOnlyADeployedStackSets() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = TriageTools.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8),
                "invoke", "--template", "../template.yaml", "--event", "../events/webhook-zendesk-ticket-created.json");

        assertThat(code).isEqualTo(1);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains(
                "TRIAGE_DELIVERY_TABLE needs a deployed stack to resolve",
                "TRIAGE_DELIVERY_TABLE is not set; the webhook receiver needs it",
                "TRIAGE_WRITE_BACK_QUEUE_URL is not set; the webhook receiver needs it");
    }
}
