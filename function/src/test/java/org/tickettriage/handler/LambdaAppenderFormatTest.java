package org.tickettriage.handler;

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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * log4j2.xml's branch for AWS Lambda ({@code AWS_LAMBDA_RUNTIME_API} set): every line goes through the runtime's appender
 * (standard output outside Lambda), one JSON object per line under {@code AWS_LAMBDA_LOG_FORMAT=JSON}, the text pattern
 * otherwise, whatever the spelling Lambda uses for the text format. Run in a fresh JVM with the shipped configuration
 * alone, as Lambda starts the function.
 */
class LambdaAppenderFormatTest {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Logs one line with a request id in the MDC and a structured field, then exits. */
    public static final class Probe {
        public static void main(String[] args) {
            Logger log = LoggerFactory.getLogger(LambdaAppenderFormatTest.class);
            MDC.put(LogFields.REQUEST_ID, "req-1");
            log.info("probe line");
            org.apache.logging.log4j.LogManager.getLogger(LambdaAppenderFormatTest.class)
                    .info(new LogLine("structured").with(LogFields.STATUS, 201));
            MDC.clear();
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"JSON", "json"})
    void jsonFormatWritesOneObjectPerLine(String format) throws Exception {
        List<String> lines = run(format);

        assertThat(lines).as("stdout").hasSize(2);
        JsonNode plain = JSON.readTree(lines.get(0));
        assertThat(plain.path("level").asText()).isEqualTo("INFO");
        assertThat(plain.path("message").asText()).isEqualTo("probe line");
        assertThat(plain.path("logger").asText()).isEqualTo(LambdaAppenderFormatTest.class.getName());
        assertThat(plain.path("requestId").asText()).isEqualTo("req-1");
        assertThat(plain.path("timestamp").asText()).endsWith("Z");
        JsonNode structured = JSON.readTree(lines.get(1));
        assertThat(structured.path("message").asText()).isEqualTo("structured");
        assertThat(structured.path("status").asInt()).isEqualTo(201);
    }

    @ParameterizedTest
    @ValueSource(strings = {"Text", "TEXT", ""})
    void textFormatWritesThePattern(String format) throws Exception {
        List<String> lines = run(format);

        assertThat(lines).as("stdout").hasSize(2);
        assertThat(lines.get(0)).isEqualTo("INFO  LambdaAppenderFormatTest - probe line {requestId=req-1}");
        assertThat(lines.get(1)).startsWith("INFO  LambdaAppenderFormatTest - structured ").contains("status=201");
    }

    /** The probe's standard output, run as in Lambda with {@code AWS_LAMBDA_LOG_FORMAT=format} (empty: unset). */
    private static List<String> run(String format) throws IOException, InterruptedException {
        Path out = Files.createTempFile("lambda-appender", ".out");
        Path err = Files.createTempFile("lambda-appender", ".err");
        try {
            List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", System.getProperty("java.class.path"), Probe.class.getName()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            Map<String, String> env = builder.environment();
            env.keySet().removeIf(name -> name.startsWith("AWS_") || name.startsWith("TRIAGE_"));
            env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001");
            env.put("AWS_LAMBDA_LOG_LEVEL", "INFO");
            if (!format.isEmpty()) {
                env.put("AWS_LAMBDA_LOG_FORMAT", format);
            }
            Process process = builder.start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe finishes").isTrue();
            String stderr = Files.readString(err, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(stderr).isZero();
            assertThat(stderr).as("no Log4j status errors").isEmpty();
            return Files.readAllLines(out, StandardCharsets.UTF_8).stream().filter(l -> !l.isBlank()).toList();
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
