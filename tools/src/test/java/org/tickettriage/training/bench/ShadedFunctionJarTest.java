package org.tickettriage.training.bench;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarFile;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The jar {@code template.yaml} deploys, as built: the handlers, the model file and what they need, and nothing a
 * workstation alone needs (no MALLET, no picocli, no local server or commands, no YAML reader, no Lambda runtime
 * serializers); the shading keeps every Log4j plugin (the JSON layout, the Lambda appender) and the S3 policy store's
 * registration. Runs in this module because the function module's own tests run before its jar is packaged.
 */
class ShadedFunctionJarTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("function/target/ticket-triage-function.jar");
    private static final ObjectMapper JSON = new ObjectMapper();

    /** Name prefixes of what only a workstation needs: none of it may ship to Lambda. */
    private static final List<String> WORKSTATION_ONLY = List.of(
            "cc/mallet/",                                              // MALLET: training
            "org/tickettriage/classifier/",                            // the legacy model classes: model convert
            "org/tickettriage/training/", "org/tickettriage/tools/",   // the tools' commands
            "org/tickettriage/local/",                                 // the local server, invoker and commands
            "picocli/",                                                // the command line
            "com/fasterxml/jackson/dataformat/yaml/", "org/yaml/snakeyaml/",  // invoke's template.yaml reader
            "com/amazonaws/services/lambda/runtime/serialization/");  // invoke's event serializers

    @Test
    void theLambdaJarCarriesTheModelFileAndNothingOnlyAWorkstationNeeds() throws Exception {
        assertThat(JAR).as("the function module is packaged before this one").exists();
        try (JarFile jar = new JarFile(JAR.toFile())) {
            List<String> names = jar.stream().map(ZipEntry::getName).toList();

            assertThat(names).contains("model/model.bin", "model/model-card.json", "org/tickettriage/model/ModelFile.class",
                    "org/tickettriage/handler/ClassifyHttpHandler.class", "org/tickettriage/triage/TriageService.class");
            // The connector functions: their handlers, the connectors, and the SDK clients of their ports, on the JDK's
            // HTTP client only.
            assertThat(names).contains("org/tickettriage/handler/WebhookHttpHandler.class",
                    "org/tickettriage/handler/WriteBackHandler.class", "org/tickettriage/connectors/WebhookReceiver.class",
                    "software/amazon/awssdk/services/secretsmanager/SecretsManagerClient.class",
                    "software/amazon/awssdk/services/dynamodb/DynamoDbClient.class",
                    "software/amazon/awssdk/services/sqs/SqsClient.class");
            assertThat(names).noneMatch(n -> n.startsWith("software/amazon/awssdk/http/nio/netty/")
                    || n.startsWith("software/amazon/awssdk/http/apache/") || n.startsWith("io/netty/"));
            assertThat(names).noneMatch(n -> n.endsWith(".classifier"));
            for (String prefix : WORKSTATION_ONLY) {
                assertThat(names).as("nothing under %s", prefix).noneMatch(n -> n.startsWith(prefix));
            }
            assertThat(jar.getManifest() == null ? null : jar.getManifest().getMainAttributes().getValue("Main-Class"))
                    .as("no command line: Lambda calls the handlers").isNull();
            assertThat(new String(jar.getInputStream(jar.getEntry("META-INF/services/org.tickettriage.triage.PolicyStore"))
                    .readAllBytes(), StandardCharsets.UTF_8)).as("s3:// routing policies").contains("org.tickettriage.s3.S3PolicyStore");
        }
    }

    @Test
    void theHandlerAnswersFromTheLambdaJarAloneWithTheBundledModelAndJsonLogLines(@TempDir Path probe) throws Exception {
        assertThat(JAR).as("the function module is packaged before this one").exists();
        copyProbe(probe);
        Path stdout = Files.createTempFile("shaded", ".out");
        Path stderr = Files.createTempFile("shaded", ".err");
        try {
            ProcessBuilder builder = new ProcessBuilder(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-cp", JAR + java.io.File.pathSeparator + probe, LambdaJarProbe.class.getName(), "events/classify-bug.json")
                    .directory(ROOT.toFile()).redirectOutput(stdout.toFile()).redirectError(stderr.toFile());
            builder.environment().keySet().removeIf(name -> name.startsWith("TRIAGE_") || name.startsWith("AWS_"));
            builder.environment().put("AWS_LAMBDA_LOG_FORMAT", "JSON");
            builder.environment().put("AWS_LAMBDA_LOG_LEVEL", "INFO");
            builder.environment().put("TRIAGE_METRICS", "stderr");
            Process process = builder.start();
            assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
            List<String> out = Files.readAllLines(stdout, StandardCharsets.UTF_8);
            List<String> err = Files.readAllLines(stderr, StandardCharsets.UTF_8);

            assertThat(process.exitValue()).as(String.join("\n", err)).isZero();
            assertThat(out).hasSize(1);
            assertThat(JSON.readTree(out.get(0)).path("statusCode").asInt()).isEqualTo(200);
            assertThat(JSON.readTree(JSON.readTree(out.get(0)).path("body").asText()).path("modelVersion").asText())
                    .as("the bundled model.bin served, not the rules alone")
                    .isEqualTo(JSON.readTree(ROOT.resolve("core/src/main/resources/model/model-card.json").toFile())
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

    /** The probe's class file alone, so that the JVM sees the Lambda jar's classes and nothing else of ours. */
    private static void copyProbe(Path dir) throws IOException, URISyntaxException {
        String file = LambdaJarProbe.class.getName().replace('.', '/') + ".class";
        Path classes = Path.of(LambdaJarProbe.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        Path target = dir.resolve(file);
        Files.createDirectories(target.getParent());
        Files.copy(classes.resolve(file), target);
    }
}
