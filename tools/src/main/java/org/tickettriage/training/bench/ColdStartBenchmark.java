package org.tickettriage.training.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.tickettriage.training.cli.ToolException;
import org.tickettriage.training.evaluate.Percentiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Cold start: from spawning a fresh JVM running {@code ./triage serve} to the first {@code POST /classify}
 * answered (model and rules loaded, one ticket classified and routed). Prints figures; never fails on a time.
 */
@Command(name = "cold-start", mixinStandardHelpOptions = true,
        description = "Time from JVM start to the first classified ticket, over fresh JVMs.")
public final class ColdStartBenchmark implements Callable<Integer> {

    private static final String TICKET = "{\"subject\":\"App crashes on export\","
            + "\"description\":\"Every time I export a report to PDF the app crashes with error E1234.\"}";

    @Option(names = "--runs", defaultValue = "10", description = "Fresh JVMs to start (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--jar", defaultValue = "tools/target/ticket-triage-tools.jar",
            description = "The jar whose serve command is timed (default ${DEFAULT-VALUE}).")
    Path jar;

    @Option(names = "--java", description = "The java launcher (default: the one running this benchmark).")
    Path javaLauncher;

    @Option(names = "--jvm-flags", defaultValue = "", split = " ",
            description = "Flags for the measured JVM, space-separated, e.g. \"-XX:TieredStopAtLevel=1\".")
    List<String> jvmFlags = new ArrayList<>();

    @Option(names = "--model", description = "A model directory to serve instead of the bundled one.")
    Path model;

    @Option(names = "--cds", description = "Start from an AppCDS archive, as ./triage serve does: recorded first by the "
            + "jar's warm-up command (not timed), then required (-Xshare:on) in every measured run.")
    boolean cds;

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new ToolException("no jar at " + jar + " (run ./triage build first)");
        }
        Path launcher = javaLauncher != null ? javaLauncher : Path.of(System.getProperty("java.home"), "bin", "java");
        String loadAverage = String.format(Locale.ROOT, "%.2f",
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
        HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
        Path archiveDir = null;
        if (cds) {
            archiveDir = Files.createTempDirectory("cold-start-cds");
            Path archive = archiveDir.resolve("function.jsa");
            long recording = System.nanoTime();
            recordArchive(launcher, archive);
            System.out.printf(Locale.ROOT, "AppCDS archive recorded in %.0f ms (%.1f MB); not part of the timings%n",
                    (System.nanoTime() - recording) / 1e6, Files.size(archive) / 1048576.0);
            // -Xshare:on: a run that cannot map the archive fails instead of being timed without it.
            jvmFlags.addAll(0, List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on"));
        }
        try {
            return measure(launcher, client, loadAverage);
        } finally {
            if (archiveDir != null) {
                Files.deleteIfExists(archiveDir.resolve("function.jsa"));
                Files.deleteIfExists(archiveDir);
            }
        }
    }

    /** The warm-up command of the jar under -XX:ArchiveClassesAtExit, as ./triage runs it. */
    private void recordArchive(Path launcher, Path archive) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString(), "-XX:ArchiveClassesAtExit=" + archive));
        if (model != null) {
            command.add("-DTRIAGE_MODEL_DIR=" + model.toAbsolutePath());
        }
        command.addAll(List.of("-jar", jar.toString(), "warm-up"));
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IOException("recording the AppCDS archive took more than 120 s");
        }
        if (process.exitValue() != 0 || !Files.isRegularFile(archive)) {
            throw new IOException("recording the AppCDS archive failed (exit code " + process.exitValue() + "): "
                    + String.join(" ", command));
        }
    }

    private int measure(Path launcher, HttpClient client, String loadAverage) throws IOException, InterruptedException {
        long[] wall = new long[runs];
        long[] cpu = new long[runs];
        for (int i = 0; i < runs; i++) {
            long[] run = oneRun(launcher, client);
            wall[i] = run[0];
            cpu[i] = run[1];
            System.out.printf(Locale.ROOT, "run %d: %.0f ms wall, %.0f ms cpu%n", i + 1, wall[i] / 1e6, cpu[i] / 1e6);
        }
        System.out.println("java: " + launcher + " flags: " + String.join(" ", jvmFlags)
                + "; load average before: " + loadAverage);
        System.out.println("cold start, wall (JVM spawn to first POST /classify answered): "
                + Percentiles.of(wall).summaryMillis());
        // CPU time of the server process until it answered: all its threads (JIT and GC included), and far
        // less sensitive than wall time to other work on a shared machine.
        System.out.println("cold start, cpu  (server process, all threads, until answered):  "
                + Percentiles.of(cpu).summaryMillis());
        return 0;
    }

    /** One fresh JVM: {wall nanoseconds until answered, CPU nanoseconds the server used until then}. */
    private long[] oneRun(Path launcher, HttpClient client) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        jvmFlags.stream().filter(f -> !f.isBlank()).forEach(command::add);
        command.addAll(List.of("-jar", jar.toString(), "serve", "--port", Integer.toString(port)));
        if (model != null) {
            command.addAll(List.of("--model", model.toString()));
        }
        HttpRequest request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/classify"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(TICKET)).build();

        long start = System.nanoTime();
        Process process = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD).start();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException("the server exited with code " + process.exitValue() + " before answering");
                }
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    long elapsed = System.nanoTime() - start;
                    long cpu = process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
                    if (response.statusCode() != 200) {
                        throw new IOException("first request answered " + response.statusCode() + ": " + response.body());
                    }
                    return new long[] {elapsed, cpu};
                } catch (ConnectException notYetListening) {
                    Thread.sleep(2);
                }
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IOException("no answer within 60 s");
                }
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
