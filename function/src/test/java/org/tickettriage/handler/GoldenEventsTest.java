package org.tickettriage.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tickettriage.triage.TriageServices;

/**
 * The routing policy as data changes no decision: every {@code events/classify-*.json} through the handler with the
 * bundled model and the bundled policy answers what the previous release's {@code ./triage invoke} answered
 * ({@code src/test/resources/golden-events/}), field by field for what routing decides. The reasons may differ: a
 * routing sentence now names the table row. The model is the one that release bundled (maxent-9ea233dd7da9, in the
 * model format: {@code src/test/resources/model-9ea233dd7da9/}), so that a retrained bundled model changes nothing here.
 */
class GoldenEventsTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path EVENTS = Path.of("..", "events");
    private static final Path GOLDEN = Path.of("src", "test", "resources", "golden-events");
    private static final Path PREVIOUS_MODEL = Path.of("src", "test", "resources", "model-9ea233dd7da9");
    /** What routing decides, compared one by one. */
    private static final List<String> DECISION = List.of("ticketId", "category", "priority", "team", "queue",
            "firstResponseTarget", "decidedBy", "needsReview", "escalated", "modelVersion");

    private static ClassifyHttpHandler handler;

    @BeforeAll
    static void bundledModelAndPolicy() {
        handler = new ClassifyHttpHandler(TriageServices.create(Optional.of(PREVIOUS_MODEL), OptionalDouble.empty()));
    }

    static Stream<String> classifyEvents() throws IOException {
        try (Stream<Path> files = Files.list(EVENTS)) {
            return files.map(file -> file.getFileName().toString())
                    .filter(name -> name.startsWith("classify-") && name.endsWith(".json"))
                    .sorted().toList().stream();
        }
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("classifyEvents")
    void eventGetsThePreviousReleasesDecision(String file) throws IOException {
        Path golden = GOLDEN.resolve(file);
        assertThat(golden).as("a golden answer for events/" + file + " (from ./triage invoke)").isRegularFile();
        JsonNode expected = JSON.readTree(golden.toFile());

        APIGatewayV2HTTPResponse response = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("events/" + file), null);

        assertThat(response.getStatusCode()).isEqualTo(expected.get("statusCode").asInt());
        JsonNode expectedBody = JSON.readTree(expected.get("body").asText());
        JsonNode body = JSON.readTree(response.getBody());
        if (expectedBody.has("results")) {
            assertThat(body.get("results")).hasSameSizeAs(expectedBody.get("results"));
            for (int i = 0; i < expectedBody.get("results").size(); i++) {
                assertSameAnswer(file + " item " + i, body.get("results").get(i), expectedBody.get("results").get(i));
            }
        } else {
            assertSameAnswer(file, body, expectedBody);
        }
    }

    @Test
    void healthKeepsThePreviousReleasesFieldsAndAddsThePolicys() throws IOException {
        JsonNode expected = JSON.readTree(JSON.readTree(GOLDEN.resolve("health.json").toFile()).get("body").asText());

        JsonNode body = JSON.readTree(handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("events/health.json"), null)
                .getBody());

        expected.fieldNames().forEachRemaining(field -> assertThat(body.get(field)).as(field).isEqualTo(expected.get(field)));
        assertThat(body.get("routingPolicy").asText()).isEqualTo("bundled");
        assertThat(body.get("unroutedLabels")).isEmpty();
    }

    /** An error answers with the same code; a result with the same decision. */
    private static void assertSameAnswer(String what, JsonNode actual, JsonNode expected) {
        if (expected.has("error")) {
            assertThat(actual.path("error").asText()).as(what + " error").isEqualTo(expected.get("error").asText());
            assertThat(actual.path("index")).as(what + " index").isEqualTo(expected.path("index"));
            return;
        }
        for (String field : DECISION) {
            assertThat(actual.get(field)).as(what + " " + field).isEqualTo(expected.get(field));
        }
        assertThat(actual.get("reasons")).as(what + " reasons").isNotEmpty();
        assertThat(actual.get("reasonCodes")).as(what + " one code per reason").hasSameSizeAs(actual.get("reasons"));
    }
}
