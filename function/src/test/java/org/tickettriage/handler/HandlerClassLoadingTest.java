package org.tickettriage.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.triage.PolicyFolders;
import org.tickettriage.triage.TriageSettings;

/**
 * The HTTP function's cold start does not pay for the email path: in a fresh JVM, serving a classify
 * request loads no AWS SDK, mime4j or jsoup class, with the bundled routing policy or one from a folder
 * ({@code TRIAGE_ROUTING}; only an {@code s3://} policy needs the SDK); building the email handler does load the SDK.
 */
class HandlerClassLoadingTest {

    private static final List<String> EMAIL_ONLY = List.of("software.amazon.awssdk.", "org.apache.james.mime4j.",
            "org.jsoup.", "org.tickettriage.email.");

    @Test
    void httpHandlerLoadsNoEmailOrSdkClass() throws Exception {
        List<String> loaded = loadedClasses("http");

        assertThat(loaded).contains("org.tickettriage.handler.ClassifyHttpHandler");
        assertThat(loaded).noneMatch(c -> EMAIL_ONLY.stream().anyMatch(c::startsWith));
    }

    @Test
    void httpHandlerWithAPolicyFolderLoadsNoSdkClassEither(@TempDir Path folder) throws Exception {
        PolicyFolders.routing(folder, "*,*,Support,support,P1D\n");

        List<String> loaded = loadedClasses("http", "-D" + TriageSettings.ROUTING + "=" + folder);

        assertThat(loaded).contains("org.tickettriage.handler.ClassifyHttpHandler");
        assertThat(loaded).noneMatch(c -> EMAIL_ONLY.stream().anyMatch(c::startsWith));
    }

    @Test
    void emailHandlerLoadsTheSdkItNeeds() throws Exception {
        List<String> loaded = loadedClasses("email");

        assertThat(loaded).contains("software.amazon.awssdk.services.s3.S3Client",
                "software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient");
        assertThat(loaded).noneMatch(c -> c.startsWith("software.amazon.awssdk.http.nio.netty.")
                || c.startsWith("software.amazon.awssdk.http.apache."));
    }

    /** The classes a fresh JVM loads running {@link ColdPathProbe} in {@code mode}, from {@code -verbose:class}. */
    private static List<String> loadedClasses(String mode, String... jvmOptions) throws IOException, InterruptedException {
        Path out = Files.createTempFile("class-load", ".txt");
        try {
            List<String> command = new ArrayList<>(List.of(Paths.get(System.getProperty("java.home"), "bin", "java").toString(),
                    "-verbose:class", "-Daws.region=us-east-1"));
            command.addAll(List.of(jvmOptions));
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), ColdPathProbe.class.getName(), mode));
            Process process = new ProcessBuilder(command)
                    .redirectErrorStream(true).redirectOutput(out.toFile()).start();
            assertThat(process.waitFor(60, TimeUnit.SECONDS)).as("the probe finishes").isTrue();
            List<String> lines = Files.readAllLines(out, StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as(String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size())))
                    .isZero();
            assertThat(lines).as("the probe's answer").contains(mode.equals("http") ? "probe-status 200" : "probe-built EmailIngestHandler");
            return lines.stream().filter(l -> l.contains("[class,load]"))
                    .map(l -> l.substring(l.indexOf("[class,load]") + "[class,load]".length()).strip().split(" ")[0])
                    .toList();
        } finally {
            Files.deleteIfExists(out);
        }
    }
}
