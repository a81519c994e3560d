package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * TCP_NODELAY on the local server's connections (the 44 ms keep-alive stall of issue 8), checked in a fresh JVM as
 * {@code serve} starts one: the JDK reads {@code sun.net.httpserver.nodelay} once per JVM, so only a JVM in which
 * no server has started yet shows what {@link LocalServer} itself does.
 */
class LocalServerNoDelayTest {

    @Test
    void serverSetsTcpNoDelayOnTheConnectionsItAccepts() throws Exception {
        String probe = probe();

        assertThat(probe).isEqualTo("config=true connections=[true]");
    }

    @Test
    void anExplicitNoDelaySettingIsLeftAlone() throws Exception {
        String probe = probe("-D" + LocalServer.NODELAY_PROPERTY + "=false");

        assertThat(probe).isEqualTo("config=false connections=[false]");
    }

    @Test
    void propertyIsSetInThisJvmOnceTheClassIsLoaded() throws IOException {
        try (LocalServer server = LocalServer.start((event, context) -> null, 0)) {
            assertThat(System.getProperty(LocalServer.NODELAY_PROPERTY)).isEqualTo("true");
        }
    }

    /** Runs {@link NoDelayProbe} in a new JVM with this test's class path; returns its last line of output. */
    private static String probe(String... jvmOptions) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.add("--add-opens");
        command.add("jdk.httpserver/sun.net.httpserver=ALL-UNNAMED");
        command.add("-Xshare:auto");
        command.add("-Dorg.slf4j.simpleLogger.defaultLogLevel=warn");
        command.addAll(List.of(jvmOptions));
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(NoDelayProbe.class.getName());
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        byte[] output = process.getInputStream().readAllBytes();
        // A guard against a hung child, not a timing assertion.
        assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("the probe JVM finished").isTrue();
        String text = new String(output, StandardCharsets.UTF_8).strip();
        assertThat(process.exitValue()).as("probe output: %s", text).isZero();
        String[] lines = text.split("\\R");
        return lines[lines.length - 1];
    }
}
