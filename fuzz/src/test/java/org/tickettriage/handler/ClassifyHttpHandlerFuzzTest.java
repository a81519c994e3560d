package org.tickettriage.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tickettriage.triage.TriageServices;

/**
 * The whole HTTP handler, with the bundled model and the compiled rules, under any method, path, stage,
 * headers and body: every request is answered (never thrown out of the handler), with a 200 or a 4xx
 * carrying {@code {"error", "message"}} whose message never repeats the request's text; never a 5xx.
 */
class ClassifyHttpHandlerFuzzTest {

    // The real service: what the classifier and the rules make of odd text is part of what is fuzzed.
    private static final ClassifyHttpHandler HANDLER =
            new ClassifyHttpHandler(TriageServices.create(Optional.empty(), OptionalDouble.empty()));
    private static final Set<String> CATEGORIES =
            Set.of("Bug Report", "Feature Request", "Technical Issue", "Billing Inquiry", "Account Management");
    private static final Set<String> DECIDERS = Set.of("model", "rules", "review");
    /** Text this long with a non-ASCII character in it cannot be part of any of our (ASCII) messages by chance. */
    private static final int QUOTABLE_CHARS = 8;

    /**
     * @param method  the HTTP method, or null for an event without a request context
     * @param path    the raw path, or null
     * @param stage   the API stage, or null
     * @param headers the request headers, or null
     * @param body    the body's bytes, or null for no body
     */
    @MethodSource("requests")
    @DictionaryEntries({"/classify", "/classify/batch", "/health", "POST", "GET", "$default", "application/json",
            "\"tickets\"", "\"subject\"", "\"Subject\"", "\"description\"", "\"ticketId\"", "\"priority\"", "\"Critical\"",
            "\"timestamp\"", "2024-03-01T09:30:00Z", "null", "[]", "{}", "\\u00e9", "\\ud83d\\ude00", "invoice", "crash",
            "password", "refund", "urgent", "outage", "security", "data loss", "\"requester\"", "\"organization\"",
            "\"tier\"", "\"channel\"", "\"language\"", "\"tags\"", "\"enterprise\"", "\"de\"", "@example.com"})
    @FuzzTest
    void everyRequestIsAnsweredWithA200OrA4xxNeverA5xx(String method, String path, String stage,
                                                      Map<String, String> headers, @NotNull BodyEncoding encoding,
                                                      byte[] body) throws JsonProcessingException {
        APIGatewayV2HTTPEvent event = event(method, path, stage, headers, encoding, body);

        APIGatewayV2HTTPResponse response = HANDLER.handleRequest(event, null);

        int status = response.getStatusCode();
        assertThat(status).as("status").matches(s -> s == 200 || s >= 400 && s <= 499, "200 or 4xx");
        assertThat(response.getHeaders()).containsKey("content-type");
        assertThat(response.getBody()).isNotNull();
        if (status == 200) {
            checkAnswer(ClassifyHttpHandler.path(event), response.getBody());
            return;
        }
        JsonNode error = Json.MAPPER.readTree(response.getBody());
        assertThat(error.size()).isEqualTo(2);
        assertThat(error.path("error").asText()).matches("[a-z0-9_]+");
        String message = error.path("message").asText();
        assertThat(message).isNotBlank();
        if (status == 405) {
            assertThat(response.getHeaders()).containsKey("allow");
        }
        for (String text : quotableTexts(event)) {
            assertThat(message).as("error message quoting the request").doesNotContain(text);
        }
    }

    private static APIGatewayV2HTTPEvent event(String method, String path, String stage, Map<String, String> headers,
                                               BodyEncoding encoding, byte[] body) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(path);
        event.setHeaders(headers);
        encoding.apply(event, body);
        if (method != null) {
            APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
            http.setMethod(method);
            http.setPath(path);
            APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
            context.setHttp(http);
            context.setStage(stage);
            context.setRequestId("fuzz");
            event.setRequestContext(context);
        }
        return event;
    }

    /** A 200 is the page, the health report, one triage result or a batch of results and item errors. */
    private static void checkAnswer(String path, String body) throws JsonProcessingException {
        if (path.equals("/")) {
            assertThat(body).startsWith("<!");
            return;
        }
        JsonNode answer = Json.MAPPER.readTree(body);
        switch (path) {
            case "/health" -> {
                assertThat(answer.path("status").asText()).isIn("ok", "degraded");
                assertThat(answer.path("priorities")).extracting(JsonNode::asText).containsExactly("Low", "Medium", "High", "Critical");
            }
            case "/classify" -> checkResult(answer);
            case "/classify/batch" -> {
                assertThat(answer.path("results").isArray()).isTrue();
                for (JsonNode item : answer.path("results")) {
                    if (item.has("error")) {
                        assertThat(item.path("error").asText()).matches("[a-z0-9_]+");
                    } else {
                        checkResult(item);
                    }
                }
            }
            default -> throw new AssertionError("a 200 for the unknown path " + path);
        }
    }

    private static void checkResult(JsonNode result) {
        assertThat(result.path("ticketId").asText()).isNotBlank();
        assertThat(result.path("category").asText()).isIn(CATEGORIES);
        assertThat(result.path("decidedBy").asText()).isIn(DECIDERS);
        assertThat(result.path("team").asText()).isNotBlank();
        assertThat(result.path("queue").asText()).isNotBlank();
        assertThat(result.path("priority").asText()).isIn("Low", "Medium", "High", "Critical");
        assertThat(result.path("reasonCodes")).hasSameSizeAs(result.path("reasons"));
        for (JsonNode code : result.path("reasonCodes")) {
            assertThat(code.path("code").asText()).matches("[a-z_]+");
        }
    }

    /** The request body's string values that an error message must not repeat (see {@link #QUOTABLE_CHARS}). */
    private static List<String> quotableTexts(APIGatewayV2HTTPEvent event) {
        List<String> texts = new ArrayList<>();
        try {
            String body = event.getIsBase64Encoded()
                    ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8)
                    : event.getBody();
            collect(Json.MAPPER.readTree(body), texts);
        } catch (RuntimeException | JsonProcessingException e) {
            // no readable body, nothing to quote
        }
        String path = event.getRawPath() == null ? "" : event.getRawPath();
        texts.removeIf(text -> text.length() < QUOTABLE_CHARS || text.chars().allMatch(c -> c < 0x80) || path.contains(text));
        return texts;
    }

    private static void collect(JsonNode node, List<String> texts) {
        if (node == null) {
            return;
        }
        if (node.isTextual()) {
            texts.add(node.textValue());
        }
        node.forEach(child -> collect(child, texts));
    }

    static Stream<Arguments> requests() {
        Map<String, String> json = Map.of("content-type", "application/json");
        String ticket = "{\"ticketId\": \"T-1001\", \"subject\": \"App crashes when exporting a report\", "
                + "\"description\": \"Since the last update the app crashes every time I export to PDF.\", "
                + "\"priority\": \"High\", \"timestamp\": \"2024-03-12T19:03:00Z\"}";
        String batch = "{\"tickets\": [{\"subject\": \"Refund for duplicate charge\", \"description\": \"Billed twice.\"}, "
                + "{\"subject\": \"\", \"description\": \"\"}, {\"Subject\": \"Login fails\", \"priority\": \"Urgent\"}]}";
        String german = "{\"subject\": \"Das Update lässt die App abstürzen\", \"description\": \"Menü überall kaputt\"}";
        String attributes = "{\"subject\": \"Security breach in production\", \"requester\": \"maría@example.es\", "
                + "\"organization\": \"Ñandú S.A.\", \"tier\": \"enterprise\", \"channel\": \"chat\", \"language\": \"ES\", "
                + "\"tags\": [\"vip\", \"seguridad\"]}";
        return Stream.of(
                Arguments.of("POST", "/classify", "$default", json, BodyEncoding.TEXT, utf8(ticket)),
                Arguments.of("POST", "/classify/batch", "$default", json, BodyEncoding.TEXT, utf8(batch)),
                Arguments.of("POST", "/prod/classify/", "prod", json, BodyEncoding.BASE64, utf8(german)),
                Arguments.of("POST", "/classify", "$default", json, BodyEncoding.TEXT, utf8(attributes)),
                Arguments.of("POST", "/classify", "$default", json, BodyEncoding.TEXT,
                        utf8("{\"subject\": \"Login\", \"requester\": \"Señora García <g@example.es>\", \"language\": \"español\"}")),
                Arguments.of("post", "/classify", null, Map.of("Content-Type", "application/json; charset=utf-8"),
                        BodyEncoding.TEXT, utf8("{\"subject\": \"Export\", \"priority\": \"critical\"}")),
                Arguments.of("POST", "/classify", "$default", json, BodyEncoding.TEXT,
                        utf8("{\"subject\": \"Zahlung über 100 €\", \"priority\": \"Dringend\"}")),
                Arguments.of("POST", "/classify", "$default", Map.of("content-type", "text/plain"), BodyEncoding.TEXT,
                        utf8(ticket)),
                Arguments.of("GET", "/classify", "$default", null, BodyEncoding.TEXT, null),
                Arguments.of("GET", "/health", "$default", null, BodyEncoding.TEXT, null),
                Arguments.of("GET", "/", "$default", null, BodyEncoding.TEXT, null),
                Arguments.of("DELETE", "/nowhere", "$default", null, BodyEncoding.TEXT, null),
                Arguments.of(null, null, null, null, BodyEncoding.TEXT, null));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
