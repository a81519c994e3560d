package org.tickettriage.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.tickettriage.triage.FakeTriage;
import org.tickettriage.triage.TriageService;

/** The HTTP contract's error cases, health, and the page, against a fake-backed service. */
class ClassifyHttpHandlerTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final ClassifyHttpHandler handler = new ClassifyHttpHandler(FakeTriage.service());

    private APIGatewayV2HTTPResponse post(String path, String body) {
        return handler.handleRequest(HttpEvents.request("POST", path, body), null);
    }

    private static JsonNode json(APIGatewayV2HTTPResponse response) throws IOException {
        return JSON.readTree(response.getBody());
    }

    private static void assertError(APIGatewayV2HTTPResponse response, int status, String code) throws IOException {
        assertThat(response.getStatusCode()).isEqualTo(status);
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json; charset=utf-8");
        JsonNode body = json(response);
        assertThat(body.fieldNames()).toIterable().containsExactlyInAnyOrder("error", "message");
        assertThat(body.get("error").asText()).isEqualTo(code);
        assertThat(body.get("message").asText()).isNotBlank().doesNotContain("Exception").doesNotContain("\tat ");
    }

    @ParameterizedTest(name = "{0} -> {1} {2}")
    @CsvSource(delimiter = '|', value = {
            "[1, 2]                                          | 400 | not_an_object",
            "\"just a string\"                               | 400 | not_an_object",
            "{\"subject\": 42}                               | 400 | invalid_field",
            "{\"subject\": \"x\", \"description\": [\"y\"]}  | 400 | invalid_field",
            "{\"subject\": \"x\", \"ticketId\": {}}          | 400 | invalid_field",
            "{\"subject\": \"x\", \"priority\": 3}           | 400 | invalid_field",
            "{\"subject\": \"x\", \"priority\": \"Urgent\"}  | 400 | invalid_priority",
            "{\"subject\": \"x\", \"timestamp\": \"yesterday\"} | 400 | invalid_timestamp",
            "{\"subject\": \"x\", \"timestamp\": \"2024-02-30T10:00:00Z\"} | 400 | invalid_timestamp",
            "{\"subject\": \"x\", \"Subject\": \"y\"}        | 400 | conflicting_fields",
            "{\"subject\": \"x\", \"subject\": \"y\"}        | 400 | invalid_json",
            "{\"subject\": \"x\"} trailing                   | 400 | invalid_json",
            "{\"subject\": \"\", \"description\": \"  \"}    | 400 | empty_ticket",
            "{}                                              | 400 | empty_ticket",
            "{\"subject\": null, \"description\": null}      | 400 | empty_ticket",
            "'   '                                           | 400 | empty_body",
            "{\"subject\": \"x\", \"requester\": 42}        | 400 | invalid_field",
            "{\"subject\": \"x\", \"tier\": [\"gold\"]}     | 400 | invalid_field",
            "{\"subject\": \"x\", \"tags\": \"vip\"}        | 400 | invalid_field",
            "{\"subject\": \"x\", \"tags\": [\"vip\", 7]}   | 400 | invalid_field",
            "{\"subject\": \"x\", \"tags\": [null]}         | 400 | invalid_field",
            "{\"subject\": \"x\", \"requester\": \"Maria\"} | 400 | invalid_requester",
            "{\"subject\": \"x\", \"language\": \"German\"} | 400 | invalid_language",
            "{\"subject\": \"x\", \"tags\": [\"\"]}         | 400 | invalid_tags",
    })
    void badTicketGetsA4xxWithCodeAndMessage(String body, int status, String code) throws IOException {
        assertError(post("/classify", body), status, code);
    }

    @Test
    void primingAnswersAMadeUpTicketThroughTheWholeJsonPath() {
        assertThat(new ClassifyHttpHandler(FakeTriage.service()).prime()).isEqualTo(200);
    }

    @Test
    void primingThatFailsLeavesAWorkingHandlerInsteadOfFailingTheInit() {
        ClassifyHttpHandler failing = new ClassifyHttpHandler(FakeTriage.failing());

        assertThat(failing.prime()).isEqualTo(500);
        assertThat(failing.handleRequest(HttpEvents.request("GET", "/health", null), null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void missingBodyIsRejected() throws IOException {
        assertError(post("/classify", null), 400, "empty_body");
    }

    @Test
    void tooLongSubjectIsRejected() throws IOException {
        String subject = "a".repeat(TriageService.MAX_SUBJECT_CHARS + 1);
        assertError(post("/classify", "{\"subject\": \"" + subject + "\"}"), 400, "subject_too_long");
    }

    @Test
    void tooLongDescriptionIsRejected() throws IOException {
        String description = "a".repeat(TriageService.MAX_DESCRIPTION_CHARS + 1);
        assertError(post("/classify", "{\"description\": \"" + description + "\"}"), 400, "description_too_long");
    }

    @Test
    void tooLongTicketIdIsRejected() throws IOException {
        String id = "x".repeat(TriageService.MAX_TICKET_ID_CHARS + 1);
        assertError(post("/classify", "{\"ticketId\": \"" + id + "\", \"subject\": \"crash\"}"), 400, "invalid_ticket_id");
    }

    @Test
    void bodyOverTheCapIsRejectedBeforeParsing() throws IOException {
        String body = "{\"description\": \"" + "a".repeat(ClassifyHttpHandler.MAX_BODY_BYTES) + "\"}";
        assertError(post("/classify", body), 413, "payload_too_large");
    }

    @Test
    void base64BodyOverTheCapIsRejected() throws IOException {
        byte[] bytes = ("{\"description\": \"" + "a".repeat(ClassifyHttpHandler.MAX_BODY_BYTES) + "\"}")
                .getBytes(StandardCharsets.UTF_8);
        APIGatewayV2HTTPEvent event = HttpEvents.request("POST", "/classify", Base64.getEncoder().encodeToString(bytes));
        event.setIsBase64Encoded(true);
        assertError(handler.handleRequest(event, null), 413, "payload_too_large");
    }

    @Test
    void invalidBase64IsRejected() throws IOException {
        APIGatewayV2HTTPEvent event = HttpEvents.request("POST", "/classify", "not base64 at all!");
        event.setIsBase64Encoded(true);
        assertError(handler.handleRequest(event, null), 400, "invalid_base64");
    }

    @Test
    void base64OfNonUtf8IsRejected() throws IOException {
        APIGatewayV2HTTPEvent event = HttpEvents.request("POST", "/classify",
                Base64.getEncoder().encodeToString(new byte[] {'{', '"', (byte) 0xC3, (byte) 0x28, '"', '}'}));
        event.setIsBase64Encoded(true);
        assertError(handler.handleRequest(event, null), 400, "invalid_encoding");
    }

    @Test
    void formBodyIsUnsupportedMediaType() throws IOException {
        APIGatewayV2HTTPEvent event = HttpEvents.request("POST", "/classify", "subject=crash",
                Map.of("content-type", "application/x-www-form-urlencoded"));
        assertError(handler.handleRequest(event, null), 415, "unsupported_media_type");
    }

    @Test
    void jsonWithCharsetAndNoContentTypeAreAccepted() throws IOException {
        APIGatewayV2HTTPEvent withCharset = HttpEvents.request("POST", "/classify", "{\"subject\": \"App crash\"}",
                Map.of("Content-Type", "application/json; charset=UTF-8"));
        APIGatewayV2HTTPEvent without = HttpEvents.request("POST", "/classify", "{\"subject\": \"App crash\"}", Map.of());

        assertThat(handler.handleRequest(withCharset, null).getStatusCode()).isEqualTo(200);
        assertThat(handler.handleRequest(without, null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void headerWithoutAValueCountsAsAbsent() {
        Map<String, String> headers = new HashMap<>();
        headers.put("content-type", null);
        APIGatewayV2HTTPEvent event = HttpEvents.request("POST", "/classify", "{\"subject\": \"App crash\"}", headers);

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void unknownRouteIsNotFound() throws IOException {
        assertError(handler.handleRequest(HttpEvents.request("GET", "/admin", null), null), 404, "not_found");
    }

    @Test
    void wrongMethodIsNotAllowedAndSaysWhatIs() throws IOException {
        APIGatewayV2HTTPResponse get = handler.handleRequest(HttpEvents.request("GET", "/classify", null), null);
        APIGatewayV2HTTPResponse post = post("/health", "{}");

        assertError(get, 405, "method_not_allowed");
        assertThat(get.getHeaders()).containsEntry("allow", "POST");
        assertError(post, 405, "method_not_allowed");
        assertThat(post.getHeaders()).containsEntry("allow", "GET");
    }

    @Test
    void namedStagePrefixAndTrailingSlashStillRoute() {
        APIGatewayV2HTTPEvent event = HttpEvents.request("POST", "/prod/classify/", "{\"subject\": \"App crash\"}");
        event.getRequestContext().setStage("prod");

        assertThat(handler.handleRequest(event, null).getStatusCode()).isEqualTo(200);
    }

    @Test
    void datesWithoutOffsetOrWithASpaceAreAccepted() {
        for (String timestamp : new String[] {"2024-03-12T19:03:00Z", "2024-03-12T19:03:00+02:00",
                "2024-03-12 19:03:00", "2024-03-12T19:03", "2024-03-12"}) {
            String body = "{\"subject\": \"crash\", \"timestamp\": \"" + timestamp + "\"}";
            assertThat(post("/classify", body).getStatusCode()).as(timestamp).isEqualTo(200);
        }
    }

    @Test
    void priorityIsCanonicalised() throws IOException {
        JsonNode body = json(post("/classify", "{\"subject\": \"App crash\", \"priority\": \"critical\"}"));

        assertThat(body.get("priority").asText()).isEqualTo("Critical");
    }

    @Test
    void missingTicketIdIsAssigned() throws IOException {
        JsonNode body = json(post("/classify", "{\"subject\": \"App crash\"}"));

        assertThat(body.get("ticketId").asText()).hasSize(36);
    }

    @Test
    void batchOverTheCapIsRejected() throws IOException {
        String tickets = String.join(",", java.util.Collections.nCopies(ClassifyHttpHandler.MAX_BATCH_TICKETS + 1,
                "{\"subject\": \"crash\"}"));
        assertError(post("/classify/batch", "{\"tickets\": [" + tickets + "]}"), 413, "batch_too_large");
    }

    @Test
    void batchAtTheCapIsAnswered() throws IOException {
        String tickets = String.join(",", java.util.Collections.nCopies(ClassifyHttpHandler.MAX_BATCH_TICKETS,
                "{\"subject\": \"crash\"}"));
        APIGatewayV2HTTPResponse response = post("/classify/batch", "{\"tickets\": [" + tickets + "]}");

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("results")).hasSize(ClassifyHttpHandler.MAX_BATCH_TICKETS);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}",
            "{\"tickets\": []}",
            "{\"tickets\": {\"subject\": \"x\"}}",
            "{\"items\": [{\"subject\": \"x\"}]}",
    })
    void batchWithoutATicketListIsRejected(String body) throws IOException {
        assertError(post("/classify/batch", body), 400, "invalid_batch");
    }

    @Test
    void batchItemThatIsNotAnObjectIsAnItemError() throws IOException {
        JsonNode results = json(post("/classify/batch", "{\"tickets\": [\"crash\", {\"subject\": \"crash\"}]}")).get("results");

        assertThat(results.get(0).get("error").asText()).isEqualTo("not_an_object");
        assertThat(results.get(1).get("category").asText()).isEqualTo("Bug Report");
    }

    @Test
    void healthIsOkWithAModel() throws IOException {
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpEvents.request("GET", "/health", null), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.get("status").asText()).isEqualTo("ok");
        assertThat(body.get("modelLoaded").asBoolean()).isTrue();
        assertThat(body.get("modelVersion").asText()).isEqualTo(FakeTriage.MODEL_VERSION);
        assertThat(body.has("detail")).isFalse();
        assertThat(body.get("routingPolicy").asText()).isEqualTo("bundled");
        assertThat(body.get("priorities")).extracting(JsonNode::asText).containsExactly("Low", "Medium", "High", "Critical");
        assertThat(body.get("unroutedLabels").isArray()).isTrue();
        assertThat(body.get("unroutedLabels")).isEmpty();
    }

    @Test
    void resultListsReasonCodesRightAfterTheReasonsWithADetailWhereThereIsOne() throws IOException {
        JsonNode routed = json(post("/classify", "{\"subject\": \"The app crashes\"}"));
        JsonNode review = json(post("/classify", "{\"subject\": \"Something odd\"}"));

        List<String> fields = new ArrayList<>();
        routed.fieldNames().forEachRemaining(fields::add);
        assertThat(fields.indexOf("reasonCodes")).isEqualTo(fields.indexOf("reasons") + 1);
        assertThat(routed.get("reasonCodes")).hasSize(1);
        assertThat(routed.get("reasonCodes").get(0).get("code").asText()).isEqualTo("route_table");
        assertThat(routed.get("reasonCodes").get(0).get("detail").asText()).isEqualTo("Bug Report to Engineering");
        JsonNode reviewCode = review.get("reasonCodes").get(0);
        assertThat(reviewCode.get("code").asText()).isEqualTo("route_review");
        assertThat(reviewCode.has("detail")).as("no detail member when there is none").isFalse();
    }

    @Test
    void healthIsDegradedWithoutAModelAndSaysWhy() throws IOException {
        ClassifyHttpHandler rulesOnly = new ClassifyHttpHandler(FakeTriage.rulesOnly());

        JsonNode body = json(rulesOnly.handleRequest(HttpEvents.request("GET", "/health", null), null));

        assertThat(body.get("status").asText()).isEqualTo("degraded");
        assertThat(body.get("modelLoaded").asBoolean()).isFalse();
        assertThat(body.get("modelVersion").asText()).isEqualTo("none");
        assertThat(body.get("detail").asText()).contains("not found");
        assertThat(body.get("routingPolicy").asText()).isEqualTo("bundled");
        assertThat(body.get("unroutedLabels")).isEmpty();
    }

    @Test
    void rulesOnlyServiceStillAnswersTickets() throws IOException {
        ClassifyHttpHandler rulesOnly = new ClassifyHttpHandler(FakeTriage.rulesOnly());

        APIGatewayV2HTTPResponse response = rulesOnly.handleRequest(
                HttpEvents.request("POST", "/classify", "{\"subject\": \"App crash\"}"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(json(response).get("decidedBy").asText()).isEqualTo("review");
        assertThat(json(response).get("probabilities")).isEmpty();
    }

    @Test
    void internalFailureIsA500WithoutDetails() throws IOException {
        ClassifyHttpHandler failing = new ClassifyHttpHandler(FakeTriage.failing());

        APIGatewayV2HTTPResponse response = failing.handleRequest(
                HttpEvents.request("POST", "/classify", "{\"subject\": \"secret customer words\"}"), null);

        assertThat(response.getStatusCode()).isEqualTo(500);
        JsonNode body = json(response);
        assertThat(body.get("error").asText()).isEqualTo("internal_error");
        assertThat(body.get("message").asText()).contains("test-request")
                .doesNotContain("secret").doesNotContain("IllegalStateException").doesNotContain("pipe");
    }

    @Test
    void internalFailureInABatchItemIsAnItemError() throws IOException {
        ClassifyHttpHandler failing = new ClassifyHttpHandler(FakeTriage.failing());

        APIGatewayV2HTTPResponse response = failing.handleRequest(
                HttpEvents.request("POST", "/classify/batch", "{\"tickets\": [{\"subject\": \"secret\"}]}"), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        JsonNode item = json(response).get("results").get(0);
        assertThat(item.get("error").asText()).isEqualTo("internal_error");
        assertThat(item.get("message").asText()).doesNotContain("secret");
    }

    @Test
    void nullEventIsABadRequestNotACrash() throws IOException {
        assertError(handler.handleRequest(null, null), 400, "invalid_event");
    }

    @Test
    void pageIsServedAsHtmlWithAStrictPolicy() {
        APIGatewayV2HTTPResponse response = handler.handleRequest(HttpEvents.request("GET", "/", null), null);

        assertThat(response.getStatusCode()).isEqualTo(200);
        assertThat(response.getHeaders()).containsEntry("content-type", "text/html; charset=utf-8");
        assertThat(response.getHeaders().get("content-security-policy")).contains("default-src 'none'")
                .contains("connect-src 'self'");
        assertThat(response.getBody()).startsWith("<!doctype html>").doesNotContain("http://").doesNotContain("https://");
    }
}
