package org.tickettriage.training.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.junit.jupiter.api.Test;

/**
 * The jar {@code template.yaml} deploys, as built: the shading keeps every Log4j plugin (the JSON layout, the Lambda
 * appender) and every class the handlers need. Runs in this module because the function module's own tests run
 * before its jar is packaged.
 */
class ShadedFunctionJarTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("function/target/ticket-triage-function.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void theLambdaJarCarriesTheModelFileAndNoMalletNorJavaSerializedModel() throws Exception {
        assertThat(JAR).as("the function module is packaged before this one").exists();
        try (ZipFile jar = new ZipFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();

            assertThat(names).contains("model/model.bin", "model/model-card.json", "org/tickettriage/model/ModelFile.class");
            assertThat(names).noneMatch(n -> n.startsWith("cc/mallet/")).noneMatch(n -> n.endsWith(".classifier"))
                    .noneMatch(n -> n.startsWith("org/tickettriage/classifier/"));
        }
    }

    @Test
    void invokePrintsOnlyJsonLinesFromTheShadedJar() throws Exception {
        assertThat(JAR).as("the function module is packaged before this one").exists();
        Path stdout = Files.createTempFile("shaded", ".out");
        Path stderr = Files.createTempFile("shaded", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-jar", JAR.toString(), "invoke", "--event", "events/classify-bug.json")
                    .directory(ROOT.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().put("AWS_LAMBDA_LOG_FORMAT", "JSON");
            builder.environment().put("AWS_LAMBDA_LOG_LEVEL", "INFO");
            Process process = builder.start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            List<String> out = Files.readAllLines(stdout, StandardCharsets.UTF_8);
            List<String> err = Files.readAllLines(stderr, StandardCharsets.UTF_8);

            assertThat(process.exitValue()).as(String.join("\n", err)).isZero();
            assertThat(out).hasSize(1);
            assertThat(JSON.readTree(out.get(0)).path("statusCode").asInt()).isEqualTo(200);
            assertThat(JSON.readTree(JSON.readTree(out.get(0)).path("body").asText()).path("modelVersion").asText())
                    .as("the bundled model.bin served, not the rules alone")
                    .isEqualTo(JSON.readTree(ROOT.resolve("function/src/main/resources/model/model-card.json").toFile())
                            .path("modelVersion").asText());
            boolean requestLine = false;
            for (String line : err) {
                JsonNode json = JSON.readTree(line);
                assertThat(json.isObject()).as(line).isTrue();
                requestLine |= json.path("route").asText().equals("POST /classify") && json.path("status").asInt() == 200;
            }
            assertThat(requestLine).as("the request's JSON line in %s", err).isTrue();
        } finally {
            Files.deleteIfExists(stdout);
            Files.deleteIfExists(stderr);
        }
    }
}
