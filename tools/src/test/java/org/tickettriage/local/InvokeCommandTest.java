package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.handler.ClassifyHttpHandler;
import org.tickettriage.triage.FakeTriage;

/** {@code invoke}: an event file through a handler named in a SAM template, like {@code sam local invoke -e}. */
class InvokeCommandTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String TEMPLATE = "src/test/resources/local/fake-template.yaml";
    private static final String EVENTS = "../events/";

    private final LocalCommand command = new LocalCommand();

    @AfterEach
    void clearTemplateVariables() {
        for (String name : new String[] {"TRIAGE_TEST_GLOBAL", "TRIAGE_TEST_LITERAL", "TRIAGE_TEST_REF"}) {
            System.clearProperty(name);
        }
    }

    @Test
    void invokePrintsTheHandlersResponseSerializedAsLambdaWould() throws IOException {
        int code = command.run("invoke", "--template", TEMPLATE, "--event", EVENTS + "classify-bug.json");

        assertThat(code).as(command.stderr()).isZero();
        JsonNode printed = JSON.readTree(command.stdout());
        APIGatewayV2HTTPResponse direct = new ClassifyHttpHandler(FakeTriage.service())
                .handleRequest(EventLoader.loadApiGatewayHttpEvent("events/classify-bug.json"), null);
        assertThat(printed.get("statusCode").asInt()).isEqualTo(200);
        assertThat(printed.get("headers").get("content-type").asText()).isEqualTo("application/json; charset=utf-8");
        assertThat(JSON.readTree(printed.get("body").asText())).isEqualTo(JSON.readTree(direct.getBody()));
        assertThat(printed.get("isBase64Encoded").asBoolean()).isFalse();
    }

    @Test
    void invokePassesBadInputThroughToTheHandlersOwn4xx() throws IOException {
        int code = command.run("invoke", "--template", TEMPLATE, "--function", "HttpFunction",
                "--event", EVENTS + "classify-invalid-json.json");

        assertThat(code).isZero();
        JsonNode printed = JSON.readTree(command.stdout());
        assertThat(printed.get("statusCode").asInt()).isEqualTo(400);
        assertThat(JSON.readTree(printed.get("body").asText()).get("error").asText()).isEqualTo("invalid_json");
    }

    @Test
    void invokeDecodesBase64EventsLikeLambda() throws IOException {
        int code = command.run("invoke", "--template", TEMPLATE, "--event", EVENTS + "classify-base64.json");

        assertThat(code).as(command.stderr()).isZero();
        JsonNode body = JSON.readTree(JSON.readTree(command.stdout()).get("body").asText());
        assertThat(body.get("ticketId").asText()).isEqualTo("T-1012");
    }

    @Test
    void invokeSetsResolvableTemplateVariablesAsSystemProperties() {
        int code = command.run("invoke", "--template", TEMPLATE, "--event", EVENTS + "health.json");

        assertThat(code).as(command.stderr()).isZero();
        assertThat(System.getProperty("TRIAGE_TEST_GLOBAL")).isEqualTo("from globals");
        assertThat(System.getProperty("TRIAGE_TEST_LITERAL")).isEqualTo("literal value");
        assertThat(System.getProperty("TRIAGE_TEST_REF")).isEqualTo("hello from the parameter");
        assertThat(System.getProperty("TRIAGE_TEST_BUCKET")).isNull();
        assertThat(command.stderr()).contains("TRIAGE_TEST_BUCKET").contains("TRIAGE_TEST_SUB");
    }

    @Test
    void missingEventFileIsExitCode1WithAMessage() {
        int code = command.run("invoke", "--template", TEMPLATE, "--event", "no-such-event.json");

        assertThat(code).isEqualTo(1);
        assertThat(command.stderr()).contains("event file no-such-event.json not found").doesNotContain("\tat ");
        assertThat(command.stdout()).isEmpty();
    }

    @Test
    void eventFileThatIsNotJsonIsExitCode1WithItsPosition(@TempDir Path dir) throws IOException {
        Path event = Files.writeString(dir.resolve("bad.json"), "{\"version\": \"2.0\",\n  \"rawPath\": }");

        int code = command.run("invoke", "--template", TEMPLATE, "--event", event.toString());

        assertThat(code).isEqualTo(1);
        assertThat(command.stderr()).contains("is not valid JSON (line 2").doesNotContain("\tat ");
    }

    @Test
    void eventThatDoesNotFitTheHandlersInputTypeIsExitCode1(@TempDir Path dir) throws IOException {
        Path event = Files.writeString(dir.resolve("array.json"), "[1, 2, 3]");

        int code = command.run("invoke", "--template", TEMPLATE, "--event", event.toString());

        assertThat(code).isEqualTo(1);
        assertThat(command.stderr()).contains("does not fit APIGatewayV2HTTPEvent").doesNotContain("\tat ");
    }

    @Test
    void unknownFunctionIsExitCode1AndListsTheFunctions() {
        int code = command.run("invoke", "--template", TEMPLATE, "--function", "Nope", "--event", EVENTS + "health.json");

        assertThat(code).isEqualTo(1);
        assertThat(command.stderr()).contains("no function Nope").contains("HttpFunction, QueueFunction, NoConstructorFunction");
    }

    @Test
    void handlerClassMissingFromTheClasspathIsExitCode1() {
        int code = command.run("invoke", "--template", TEMPLATE, "--function", "QueueFunction", "--event", EVENTS + "health.json");

        assertThat(code).isEqualTo(1);
        assertThat(command.stderr()).contains("org.tickettriage.local.NoSuchHandler").contains("not on the classpath");
    }

    @Test
    void handlerWithoutANoArgumentConstructorIsExitCode1() {
        int code = command.run("invoke", "--template", TEMPLATE, "--function", "NoConstructorFunction",
                "--event", EVENTS + "health.json");

        assertThat(code).isEqualTo(1);
        assertThat(command.stderr()).contains("no public no-argument constructor");
    }

    @Test
    void missingTemplateIsExitCode1() {
        int code = command.run("invoke", "--template", "nowhere.yaml", "--event", EVENTS + "health.json");

        assertThat(code).isEqualTo(1);
        assertThat(command.stderr()).contains("template nowhere.yaml not found");
    }

    @Test
    void missingEventOptionIsAUsageErrorWithExitCode2() {
        int code = command.run("invoke", "--template", TEMPLATE);

        assertThat(code).isEqualTo(2);
        assertThat(command.stderr()).contains("--event");
    }

    @Test
    void noCommandIsAUsageError() {
        assertThat(command.run()).isEqualTo(2);
        assertThat(command.stderr()).contains("missing command");
    }

    @Test
    void serveWithAMissingModelDirectoryIsExitCode1() {
        int code = command.run("serve", "--port", "0", "--model", "no/such/model");

        assertThat(code).isEqualTo(1);
        assertThat(command.stderr()).contains("model directory no/such/model not found").doesNotContain("\tat ");
    }

    @Test
    void serveWithAnImpossiblePortIsExitCode2() {
        assertThat(command.run("serve", "--port", "70000")).isEqualTo(2);
        assertThat(command.stderr()).contains("--port must be between 0 and 65535");
    }

    @Test
    void projectTemplateNamesTheClassifyHandlerWithItsSettings() {
        SamTemplate.Function function = SamTemplate.read(Path.of("../template.yaml"))
                .function(Optional.empty(), Optional.of(new SamTemplate.Request("POST", "/classify")));

        assertThat(function.logicalId()).isEqualTo("ClassifyFunction");
        assertThat(function.handler()).isEqualTo(ClassifyHttpHandler.class.getName() + "::handleRequest");
        assertThat(function.http()).isTrue();
        assertThat(function.timeoutSeconds()).isEqualTo(10);
        assertThat(function.memoryMb()).isEqualTo(1024);
        assertThat(function.environment())
                .containsEntry("TRIAGE_REVIEW_THRESHOLD", "")
                .containsEntry("TRIAGE_METRICS_NAMESPACE", "TicketTriage")
                .containsKey("JAVA_TOOL_OPTIONS");
        // The Service dimension is the stack's name, known only once deployed.
        assertThat(function.unresolved()).containsExactly("TRIAGE_SERVICE");
    }

    @Test
    void withoutFunctionNameTheOnlyHttpFunctionIsChosen() {
        SamTemplate.Function function = SamTemplate.read(Path.of(TEMPLATE)).function(Optional.empty());

        assertThat(function.logicalId()).isEqualTo("HttpFunction");
        assertThat(function.timeoutSeconds()).isEqualTo(7);
        assertThat(function.memoryMb()).isEqualTo(512);
    }
}
