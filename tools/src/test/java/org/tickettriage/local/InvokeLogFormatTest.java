package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.tools.TriageTools;
import org.tickettriage.tools.cli.ExitCodes;

/**
 * {@code ./triage invoke} in a fresh JVM, with the variables the Lambda runtime sets from the function's LoggingConfig:
 * the format and level can be seen locally, standard output carries only the response, and every line is what
 * CloudWatch would parse.
 */
class InvokeLogFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final List<String> AT_LEAST_WARN = List.of("WARN", "ERROR", "FATAL");

    /** What one run printed. */
    record Run(int exitCode, List<String> stdout, List<String> stderr) {
    }

    @Test
    void jsonAtWarnPrintsNothingButJsonLinesAtWarnOrAboveAndMetricsRecords() throws Exception {
        Run run = invoke(Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON", "AWS_LAMBDA_LOG_LEVEL", "WARN"),
                "events/classify-bug.json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).as("stdout: the response alone").hasSize(1);
        assertThat(JSON.readTree(run.stdout().get(0)).path("statusCode").asInt()).isEqualTo(200);
        List<JsonNode> metrics = new ArrayList<>();
        for (String line : run.stderr()) {
            JsonNode json = JSON.readTree(line);
            assertThat(json.isObject()).as(line).isTrue();
            if (json.has("_aws")) {
                metrics.add(json);
            } else {
                assertThat(json.path("level").asText()).as(line).isIn(AT_LEAST_WARN);
            }
        }
        assertThat(metrics).as("the ticket's metrics records").hasSize(2);
        assertThat(metrics.get(0).path("level").asText()).as("tagged so that Lambda's WARN filter keeps them").isEqualTo("WARN");
    }

    @Test
    void jsonAtInfoLogsOneTypedLinePerRequest() throws Exception {
        Run run = invoke(Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON"), "events/classify-invalid-json.json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        JsonNode request = null;
        for (String line : run.stderr()) {
            JsonNode json = JSON.readTree(line);
            assertThat(json.isObject()).as(line).isTrue();
            if (json.path("route").asText().equals("POST /classify")) {
                request = json;
            }
        }
        assertThat(request).as("the request's line in %s", run.stderr()).isNotNull();
        assertThat(request.path("level").asText()).isEqualTo("INFO");
        assertThat(request.path("status").isInt()).isTrue();
        assertThat(request.path("status").asInt()).isEqualTo(400);
        assertThat(request.path("error").asText()).isEqualTo("invalid_json");
        assertThat(request.path("latencyMs").isNumber()).isTrue();
        assertThat(request.path("requestId").asText()).isNotBlank();
        assertThat(request.path("timestamp").asText()).endsWith("Z");
    }

    @Test
    void textByDefaultStillLeavesTheResponseAloneOnStdout() throws Exception {
        Run run = invoke(Map.of(), "events/classify-bug.json");

        assertThat(run.exitCode()).as(run.toString()).isZero();
        assertThat(run.stdout()).hasSize(1);
        assertThat(JSON.readTree(run.stdout().get(0)).path("statusCode").asInt()).isEqualTo(200);
        assertThat(run.stderr()).anyMatch(line -> line.contains("INFO") && line.contains("POST /classify -> 200"));
    }

    @Test
    void commandErrorsAreJsonToo(@TempDir Path dir) throws Exception {
        Run run = invoke(Map.of("AWS_LAMBDA_LOG_FORMAT", "JSON"), dir.resolve("missing.json").toString());

        assertThat(run.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.stdout()).isEmpty();
        assertThat(run.stderr()).isNotEmpty();
        for (String line : run.stderr()) {
            assertThat(JSON.readTree(line).path("level").asText()).as(line).isEqualTo("ERROR");
        }
    }

    private static Run invoke(Map<String, String> environment, String event) throws IOException, InterruptedException {
        ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                "-cp", System.getProperty("java.class.path"), TriageTools.class.getName(), "invoke", "--event", event)
                .directory(NodeTools.ROOT.toFile());
        builder.environment().keySet().removeIf(name -> name.startsWith("AWS_LAMBDA_") || name.startsWith("TRIAGE_"));
        builder.environment().putAll(environment);
        Path stdout = Files.createTempFile("invoke", ".out");
        Path stderr = Files.createTempFile("invoke", ".err");
        try {
            Process process = builder.redirectOutput(stdout.toFile()).redirectError(stderr.toFile()).start();
            if (!process.waitFor(120, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("invoke did not finish");
            }
            return new Run(process.exitValue(), lines(stdout), lines(stderr));
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }

    private static List<String> lines(Path file) throws IOException {
        return Files.readAllLines(file, StandardCharsets.UTF_8).stream().filter(line -> !line.isBlank()).toList();
    }
}
