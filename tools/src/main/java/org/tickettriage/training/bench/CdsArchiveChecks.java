package org.tickettriage.training.bench;

import java.io.File;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import org.tickettriage.training.cli.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code benchmark cds-checks}: what the JVM does with an AppCDS archive that does not fit, on the Lambda-shaped start of
 * {@code benchmark startup} (the Lambda jar, template.yaml's JVM flags, one {@code POST /classify} answered), for each
 * {@code --java} given: the archive used when it fits; another jar path, a touched jar, another JDK's archive, garbage, a
 * truncated archive and a missing one under {@code -Xshare:auto}; a misfit under {@code -Xshare:on}; an archive in
 * {@code JAVA_TOOL_OPTIONS} when the command line names another one, as Lambda's Java runtime does; and recording with the
 * classes in a directory, as Lambda unpacks a jar into {@code /var/task}. Prints, for each, the exit code, the answer,
 * whether the handler's class came from the archive and what the JVM said. Never fails on an outcome: it reports.
 */
@Command(name = "cds-checks", mixinStandardHelpOptions = true,
        description = "How the JVM treats an AppCDS archive that does not fit the Lambda-shaped start (reports, never fails).")
public final class CdsArchiveChecks implements Callable<Integer> {

    private static final String HANDLER = "org.tickettriage.handler.ClassifyHttpHandler";

    @Option(names = "--jar", defaultValue = "function/target/ticket-triage-function.jar",
            description = "The Lambda jar (default ${DEFAULT-VALUE}).")
    Path jar;

    @Option(names = "--event", defaultValue = "events/classify-bug.json",
            description = "The API Gateway event answered (default ${DEFAULT-VALUE}).")
    Path event;

    @Option(names = "--java", description = "A java launcher to check (repeatable; default: the one running this command). "
            + "With two, each is also given the other's archive.")
    List<Path> javas = new ArrayList<>();

    @Option(names = "--lambda-flags", defaultValue = "-XX:+TieredCompilation -XX:TieredStopAtLevel=1",
            description = "JAVA_TOOL_OPTIONS of the start (default: template.yaml's, ${DEFAULT-VALUE}).")
    String toolOptions;

    @Option(names = "--out", defaultValue = "docs/results/startup",
            description = "Directory for the output file (default ${DEFAULT-VALUE}); empty: print only.")
    String out;

    private final BenchmarkReport report = new BenchmarkReport();
    private final PrintWriter log = report.log();

    /** What one run did. */
    private record Outcome(int exitCode, String answer, boolean handlerFromArchive, String jvmSaid) {
        @Override
        public String toString() {
            return "exit " + exitCode + ", " + (answer == null ? "no answer" : "answered " + answer)
                    + ", handler class from the archive: " + (handlerFromArchive ? "yes" : "no")
                    + ", JVM said: " + (jvmSaid.isEmpty() ? "nothing" : jvmSaid);
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isRegularFile(jar)) {
            throw new ToolException("no jar at " + jar + " (run ./triage build first)");
        }
        if (javas.isEmpty()) {
            javas.add(Path.of(System.getProperty("java.home"), "bin", "java"));
        }
        Path work = Files.createTempDirectory("cds-checks");
        try {
            log.println("# benchmark cds-checks " + DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(
                    java.time.temporal.ChronoUnit.SECONDS)));
            log.println("# commit: " + StartupBenchmark.commit());
            log.println("# machine: " + Runtime.getRuntime().availableProcessors() + " cpus, " + System.getProperty("os.name")
                    + " " + System.getProperty("os.version") + " " + System.getProperty("os.arch"));
            log.println("# Lambda jar: " + jar + " (" + Files.size(jar) + " bytes); JAVA_TOOL_OPTIONS=\"" + toolOptions
                    + "\"; the Lambda-shaped start of benchmark startup, environment as Lambda sets it");
            Path probeJar = work.resolve("lambda-probe.jar");
            StartupBenchmark.writeProbeJar(probeJar);
            Path lambdaJar = work.resolve("ticket-triage-function.jar");
            Files.copy(jar, lambdaJar, StandardCopyOption.COPY_ATTRIBUTES);
            List<Path> archives = new ArrayList<>();
            for (int i = 0; i < javas.size(); i++) {
                log.println("# java " + (i + 1) + ": " + javas.get(i) + ": " + StartupBenchmark.javaVersion(javas.get(i)));
                Path archive = work.resolve("java" + (i + 1) + ".jsa");
                Outcome recorded = run(javas.get(i), List.of("-XX:ArchiveClassesAtExit=" + archive, "-Dtriage.probe.exit=normal"),
                        probeJar, lambdaJar, toolOptions, work);
                log.println("#   archive recorded (" + (Files.isRegularFile(archive) ? Files.size(archive) + " bytes" : "MISSING")
                        + "): " + recorded);
                archives.add(archive);
            }
            for (int i = 0; i < javas.size(); i++) {
                checks(javas.get(i), i + 1, archives.get(i), archives.size() > 1 ? archives.get(1 - i) : null, probeJar,
                        lambdaJar, work);
            }
            write();
            return 0;
        } finally {
            StartupBenchmark.deleteTree(work);
        }
    }

    private void checks(Path java, int number, Path archive, Path otherArchive, Path probeJar, Path lambdaJar, Path work)
            throws IOException, InterruptedException {
        log.println();
        log.println("## java " + number + ": " + java);
        String auto = "-Xshare:auto";
        check("fits, -Xshare:auto", java, List.of("-XX:SharedArchiveFile=" + archive, auto), probeJar, lambdaJar, toolOptions, work);

        Path moved = work.resolve("elsewhere").resolve(lambdaJar.getFileName());
        Files.createDirectories(moved.getParent());
        Files.copy(lambdaJar, moved, StandardCopyOption.COPY_ATTRIBUTES, StandardCopyOption.REPLACE_EXISTING);
        check("the Lambda jar at another path, -Xshare:auto", java, List.of("-XX:SharedArchiveFile=" + archive, auto),
                probeJar, moved, toolOptions, work);

        Path touched = work.resolve("touched").resolve(lambdaJar.getFileName());
        Files.createDirectories(touched.getParent());
        Files.copy(lambdaJar, touched, StandardCopyOption.REPLACE_EXISTING);
        Path touchedArchive = work.resolve("touched-" + number + ".jsa");
        run(java, List.of("-XX:ArchiveClassesAtExit=" + touchedArchive, "-Dtriage.probe.exit=normal"), probeJar, touched,
                toolOptions, work);
        Files.setLastModifiedTime(touched, FileTime.from(Instant.now().minusSeconds(3600)));
        check("the Lambda jar's time changed after recording (same bytes), -Xshare:auto", java,
                List.of("-XX:SharedArchiveFile=" + touchedArchive, auto), probeJar, touched, toolOptions, work);

        if (otherArchive != null) {
            check("the other JDK's archive, -Xshare:auto", java, List.of("-XX:SharedArchiveFile=" + otherArchive, auto),
                    probeJar, lambdaJar, toolOptions, work);
        }
        Path garbage = work.resolve("garbage.jsa");
        byte[] noise = new byte[1 << 20];
        new java.util.Random(7).nextBytes(noise);
        Files.write(garbage, noise);
        check("1 MB of random bytes, -Xshare:auto", java, List.of("-XX:SharedArchiveFile=" + garbage, auto), probeJar,
                lambdaJar, toolOptions, work);

        Path truncated = work.resolve("truncated-" + number + ".jsa");
        try (InputStream in = Files.newInputStream(archive); OutputStream o = Files.newOutputStream(truncated)) {
            o.write(in.readNBytes((int) Math.min(Files.size(archive) / 2, Integer.MAX_VALUE)));
        }
        check("its first half (a truncated copy), -Xshare:auto", java, List.of("-XX:SharedArchiveFile=" + truncated, auto),
                probeJar, lambdaJar, toolOptions, work);
        check("no file at the path, -Xshare:auto", java, List.of("-XX:SharedArchiveFile=" + work.resolve("absent.jsa"), auto),
                probeJar, lambdaJar, toolOptions, work);
        check("the Lambda jar at another path, -Xshare:on (as Lambda's java17 runtime passes it)", java,
                List.of("-XX:SharedArchiveFile=" + archive, "-Xshare:on"), probeJar, moved, toolOptions, work);

        Path jdkArchive = java.toAbsolutePath().getParent().getParent().resolve("lib/server/classes.jsa");
        check("fits, given in JAVA_TOOL_OPTIONS while the command line says -Xshare:on -XX:SharedArchiveFile=<the JDK's own "
                        + "archive> (the shape of Lambda's runtime command line)", java,
                List.of("-Xshare:on", "-XX:SharedArchiveFile=" + jdkArchive), probeJar, lambdaJar,
                toolOptions + " -XX:SharedArchiveFile=" + archive, work);

        Path task = work.resolve("task-" + number);
        unzip(lambdaJar, task);
        Path dirArchive = work.resolve("directory-" + number + ".jsa");
        Outcome dump = run(java, List.of("-XX:ArchiveClassesAtExit=" + dirArchive, "-Dtriage.probe.exit=normal"), probeJar, task,
                toolOptions, work);
        log.println("- recording with the Lambda jar unpacked into a directory on the class path (as Lambda unpacks it into "
                + "/var/task): archive " + (Files.isRegularFile(dirArchive) ? "written" : "NOT written") + "; " + dump);
    }

    private void check(String what, Path java, List<String> flags, Path probeJar, Path lambdaJar, String javaToolOptions,
                       Path work) throws IOException, InterruptedException {
        log.println("- " + what + ": " + run(java, flags, probeJar, lambdaJar, javaToolOptions, work));
    }

    private Outcome run(Path java, List<String> flags, Path probeJar, Path lambda, String javaToolOptions, Path work)
            throws IOException, InterruptedException {
        Path classLog = Files.createTempFile(work, "classes", ".log");
        Path output = Files.createTempFile(work, "out", ".log");
        List<String> command = new ArrayList<>(List.of(java.toString()));
        command.addAll(flags);
        command.add("-Xlog:class+load=info:file=" + classLog);
        // A JVM that crashes on a bad archive writes its error report here, not into the directory the command runs in.
        command.add("-XX:ErrorFile=" + work.resolve("hs_err_pid%p.log"));
        command.addAll(List.of("-cp", probeJar + File.pathSeparator + lambda, LambdaStartProbe.class.getName(),
                HANDLER, event.toString()));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("TRIAGE_") || name.startsWith("AWS_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS") || name.equals("_JAVA_OPTIONS"));
        env.putAll(StartupBenchmark.lambdaEnvironment());
        env.put("JAVA_TOOL_OPTIONS", javaToolOptions);
        Process process = builder.start();
        if (!process.waitFor(120, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            return new Outcome(-1, null, false, "no exit within 120 s");
        }
        List<String> lines = Files.readAllLines(output, StandardCharsets.ISO_8859_1);
        String answer = lines.stream().filter(l -> l.startsWith(LambdaStartProbe.ANSWER_PREFIX))
                .map(l -> l.substring(LambdaStartProbe.ANSWER_PREFIX.length()).split(" ")[0]).findFirst().orElse(null);
        List<String> said = lines.stream()
                .filter(l -> !l.startsWith("{") && !l.startsWith(LambdaStartProbe.ANSWER_PREFIX) && !l.startsWith("Picked up")
                        && !l.isBlank() && !l.startsWith("#   ") && !l.equals("#"))
                .map(String::strip).limit(4).toList();
        boolean fromArchive = Files.readAllLines(classLog, StandardCharsets.ISO_8859_1).stream()
                .anyMatch(l -> l.contains(" " + HANDLER + " source: shared objects file"));
        Files.deleteIfExists(classLog);
        Files.deleteIfExists(output);
        return new Outcome(process.exitValue(), answer, fromArchive, String.join(" / ", said));
    }

    private static void unzip(Path jarFile, Path target) throws IOException {
        try (JarFile source = new JarFile(jarFile.toFile())) {
            Enumeration<JarEntry> entries = source.entries();
            while (entries.hasMoreElements()) {
                JarEntry entry = entries.nextElement();
                Path to = target.resolve(entry.getName()).normalize();
                if (!to.startsWith(target)) {
                    throw new IOException("entry outside the target: " + entry.getName());
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(to);
                } else {
                    Files.createDirectories(to.getParent());
                    try (InputStream in = source.getInputStream(entry)) {
                        Files.copy(in, to, StandardCopyOption.REPLACE_EXISTING);
                    }
                }
            }
        }
    }

    private void write() throws IOException {
        report.write(out, "cds-checks");
    }
}
