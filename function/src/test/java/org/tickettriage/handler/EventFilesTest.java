package org.tickettriage.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tickettriage.triage.FakeTriage;

/** Every file in {@code events/} (the ones {@code sam local invoke -e} uses) through its handler. */
class EventFilesTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClassifyHttpHandler handler = new ClassifyHttpHandler(FakeTriage.service());
    private final EmailIngestHandler emailHandler = new EmailIngestHandler(new CorpusEmailSource(), FakeTriage.service());

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource({
            "classify-bug.json,            200, category=Bug Report",
            "classify-billing.json,        200, category=Billing Inquiry",
            "classify-account.json,        200, category=Account Management",
            "classify-feature.json,        200, category=Feature Request",
            "classify-low-confidence.json, 200, decidedBy=review",
            "classify-base64.json,         200, category=Bug Report",
            "classify-invalid-json.json,   400, error=invalid_json",
            "classify-empty.json,          400, error=empty_ticket",
            "not-found.json,               404, error=not_found",
            "health.json,                  200, status=ok",
            "classify-batch.json,          200, results",
            "page.json,                    200, html",
    })
    void eventFileGetsTheExpectedResponse(String file, int status, String expectation) throws IOException {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/" + file);

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getBody()).doesNotContain("Exception").doesNotContain("\tat ");
        if (expectation.equals("html")) {
            assertThat(response.getHeaders()).containsEntry("content-type", "text/html; charset=utf-8");
            assertThat(response.getBody()).contains("<form").contains("classify");
            return;
        }
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json; charset=utf-8");
        JsonNode body = JSON.readTree(response.getBody());
        if (expectation.equals("results")) {
            assertThat(body.get("results")).hasSize(4);
            return;
        }
        String[] pair = expectation.split("=", 2);
        assertThat(body.path(pair[0]).asText()).isEqualTo(pair[1]);
        if (pair[0].equals("error")) {
            assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("error", "message");
        }
    }

    @ParameterizedTest(name = "{0} -> {1}")
    @CsvSource({
            "email-object-created.json,     triaged:Accounts",
            "email-object-created-two.json, triaged:Engineering skipped:auto_reply",
            "email-s3-test-event.json,      ''",
    })
    void emailEventFileGetsOneResultPerRecord(String file, String expected) {
        S3Event event = EventLoader.loadS3Event("events/" + file);

        EmailIngestResult result = emailHandler.handleRequest(event, null);

        List<String> outcomes = result.results().stream()
                .map(r -> r.outcome() + ":" + (r.triage() != null ? r.triage().team() : r.reason()))
                .toList();
        assertThat(String.join(" ", outcomes)).isEqualTo(expected);
        for (EmailRecordResult record : result.results()) {
            assertThat(record.bucket()).isEqualTo("ticket-triage-email-example");
            assertThat(record.key()).startsWith("inbound/");
        }
    }

    @Test
    void classifiedTicketHasTheWholeContractShape() throws IOException {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/classify-bug.json");

        JsonNode body = JSON.readTree(handler.handleRequest(event, null).getBody());

        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("ticketId", "category", "confidence",
                "probabilities", "priority", "team", "queue", "firstResponseTarget", "decidedBy", "needsReview", "escalated",
                "reasons", "reasonCodes", "explanation", "modelVersion", "outputs", "language", "languageConfidence");
        assertThat(body.get("ticketId").asText()).isEqualTo("T-1001");
        assertThat(body.get("confidence").asDouble()).isEqualTo(0.9);
        assertThat(body.get("probabilities").get("Bug Report").asDouble()).isEqualTo(0.9);
        assertThat(body.get("probabilities")).hasSize(5);
        assertThat(body.get("priority").asText()).isEqualTo("High");
        assertThat(body.get("team").asText()).isEqualTo("Engineering");
        assertThat(body.get("queue").asText()).isEqualTo("engineering-queue");
        assertThat(body.get("firstResponseTarget").asText()).isEqualTo("PT4H");
        assertThat(body.get("decidedBy").asText()).isEqualTo("model");
        assertThat(body.get("needsReview").asBoolean()).isFalse();
        assertThat(body.get("reasons").get(0).asText()).isEqualTo("Route Bug Report to Engineering");
        assertThat(body.get("reasonCodes").get(0).get("code").asText()).isEqualTo("route_table");
        assertThat(body.get("reasonCodes").get(0).get("detail").asText()).isEqualTo("Bug Report to Engineering");
        assertThat(body.get("explanation").get(0).get("feature").asText()).isEqualTo("crash");
        assertThat(body.get("explanation").get(0).get("weight").asDouble()).isEqualTo(1.5);
        assertThat(body.get("modelVersion").asText()).isEqualTo(FakeTriage.MODEL_VERSION);
    }

    @Test
    void seedSpellingsAndAnIntegerTicketIdAreAccepted() throws IOException {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/classify-billing.json");

        JsonNode body = JSON.readTree(handler.handleRequest(event, null).getBody());

        assertThat(body.get("ticketId").asText()).isEqualTo("1002");
        assertThat(body.get("team").asText()).isEqualTo("Billing");
    }

    @Test
    void vagueTicketGoesToReview() throws IOException {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/classify-low-confidence.json");

        JsonNode body = JSON.readTree(handler.handleRequest(event, null).getBody());

        assertThat(body.get("needsReview").asBoolean()).isTrue();
        assertThat(body.get("queue").asText()).isEqualTo("triage-review");
        assertThat(body.get("confidence").asDouble()).isLessThan(FakeTriage.REVIEW_THRESHOLD);
    }

    @Test
    void batchAnswersEveryItemAndReportsTheBadOnesInPlace() throws IOException {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/classify-batch.json");

        JsonNode results = JSON.readTree(handler.handleRequest(event, null).getBody()).get("results");

        assertThat(results.get(0).get("category").asText()).isEqualTo("Billing Inquiry");
        assertThat(results.get(0).get("ticketId").asText()).isEqualTo("B-1");
        assertThat(results.get(1).get("index").asInt()).isEqualTo(1);
        assertThat(results.get(1).get("error").asText()).isEqualTo("empty_ticket");
        assertThat(results.get(1).get("message").asText()).isNotBlank();
        assertThat(results.get(2).get("error").asText()).isEqualTo("invalid_priority");
        assertThat(results.get(3).get("category").asText()).isEqualTo("Feature Request");
        assertThat(results.get(3).get("priority").asText()).isEqualTo("Low");
    }

    @Test
    void base64BodyIsDecodedAsUtf8() throws IOException {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/classify-base64.json");
        assertThat(event.getIsBase64Encoded()).isTrue();

        JsonNode body = JSON.readTree(handler.handleRequest(event, null).getBody());

        assertThat(body.get("ticketId").asText()).isEqualTo("T-1012");
    }

    @Test
    void everyEventFileHasAnExpectation() throws IOException {
        Set<String> files;
        try (Stream<Path> list = Files.list(Path.of("..", "events"))) {
            files = list.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json"))
                    .collect(java.util.stream.Collectors.toSet());
        }
        Set<String> expected = Set.of("classify-bug.json", "classify-billing.json", "classify-account.json",
                "classify-feature.json", "classify-low-confidence.json", "classify-base64.json",
                "classify-invalid-json.json", "classify-empty.json", "not-found.json", "health.json",
                "classify-batch.json", "page.json",
                "email-object-created.json", "email-object-created-two.json", "email-s3-test-event.json",
                // WebhookEventFilesTest: signatures and bodies, until the receiver and writer handlers land
                "webhook-zendesk-ticket-created.json", "webhook-zendesk-ticket-created-vague.json",
                "webhook-zendesk-bad-signature.json", "webhook-zendesk-stale.json",
                "webhook-github-issue-opened.json", "webhook-github-issue-reopened.json",
                "webhook-github-issue-labeled.json", "webhook-github-ping.json", "webhook-github-unsigned.json",
                "write-back-sqs.json");
        assertThat(files).isEqualTo(expected);
    }
}
