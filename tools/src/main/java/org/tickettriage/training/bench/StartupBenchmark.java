package org.tickettriage.training.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.net.ConnectException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Enumeration;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.jar.JarEntry;
import java.util.jar.JarFile;
import java.util.jar.JarOutputStream;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.tickettriage.training.cli.ToolException;
import org.tickettriage.training.model.LoadTimeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code benchmark startup}: the start-up of the function in one fixed configuration (bundled model, bundled routing
 * policy, no connectors), over fresh JVMs, each configuration with and without an AppCDS archive, interleaved round by
 * round so that every configuration sees the same machine:
 * <ul>
 *   <li>{@code empty}: an empty {@code main} ({@link EmptyMain}), the cost of any JVM start here;</li>
 *   <li>{@code lambda}: the Lambda-shaped start ({@link LambdaStartProbe}): the JVM flags of template.yaml's
 *       {@code JAVA_TOOL_OPTIONS} (given as that variable, as Lambda does), only the Lambda jar on the class path (and the
 *       probe with the runtime's serialization library), the handler built and one {@code POST /classify} event answered;</li>
 *   <li>{@code serve}: {@code serve} of the tools jar ({@code --serve-jar}; before the module split the Lambda jar
 *       served), default JVM flags, until its first {@code POST /classify} is answered (what {@code benchmark cold-start}
 *       times).</li>
 * </ul>
 * CPU is the child process's user + system time, all threads: for {@code empty} and {@code lambda} from the kernel's
 * accounting of the process when it ended (bash's {@code time}, microsecond resolution; the probe ends right after its
 * answer, through {@code Runtime.halt}); for {@code serve} read from {@code /proc} when it answered (10 ms ticks), as it
 * does not end by itself. Wall time runs from spawning the process to reading its answer. Also times the bundled model's
 * first load ({@code model load-time}). Prints the figures and writes them, with the machine, load average, java
 * version, flags and commit, to {@code --out}. Never fails on a time.
 */
@Command(name = "startup", mixinStandardHelpOptions = true,
        description = "Start-up CPU and wall time over fresh JVMs: empty main, Lambda-shaped start, serve; "
                + "each with and without an AppCDS archive.")
public final class StartupBenchmark implements Callable<Integer> {

    private static final String TICKET = "{\"subject\":\"App crashes on export\","
            + "\"description\":\"Every time I export a report to PDF the app crashes with error E1234.\"}";
    private static final String CPU_PREFIX = "startup-cpu ";
    private static final Pattern TOOL_OPTIONS = Pattern.compile("^\\s*JAVA_TOOL_OPTIONS:\\s*\"?([^\"#]*?)\"?\\s*(#.*)?$");

    @Spec
    CommandSpec spec;

    @Option(names = "--runs", defaultValue = "10", description = "Measured runs per configuration (default ${DEFAULT-VALUE}), "
            + "after one round not counted.")
    int runs;

    @Option(names = "--jar", defaultValue = "function/target/ticket-triage-function.jar",
            description = "The Lambda jar (default ${DEFAULT-VALUE}).")
    Path jar;

    @Option(names = "--serve-jar", defaultValue = "tools/target/ticket-triage-tools.jar",
            description = "The jar whose serve (and warm-up) is timed (default ${DEFAULT-VALUE}).")
    Path serveJar;

    @Option(names = "--baseline-jar", description = "Another Lambda jar (say, before a change) whose lambda and serve starts are "
            + "timed in the same rounds, interleaved with --jar's, labelled [baseline].")
    Path baselineJar;

    @Option(names = "--baseline-serve-jar", description = "The baseline's serve jar (default: --baseline-jar, which served "
            + "before the module split).")
    Path baselineServeJar;

    @Option(names = "--variant", paramLabel = "NAME=FLAGS",
            description = "Also time the Lambda-shaped start with these JVM flags added (space-separated), labelled {NAME}, "
                    + "in the same rounds; repeatable. For what a flag or a setting (-DTRIAGE_METRICS=off) changes.")
    List<String> variants = new ArrayList<>();

    @Option(names = "--template", defaultValue = "template.yaml",
            description = "Where the Lambda JVM flags are read from: Globals' JAVA_TOOL_OPTIONS (default ${DEFAULT-VALUE}).")
    Path template;

    @Option(names = "--lambda-flags", description = "JVM flags of the Lambda-shaped start instead of the template's.")
    String lambdaFlags;

    @Option(names = "--event", defaultValue = "events/classify-bug.json",
            description = "The API Gateway event the Lambda-shaped start answers (default ${DEFAULT-VALUE}).")
    Path event;

    @Option(names = "--java", description = "The java launcher to measure (default: the one running this benchmark).")
    Path javaLauncher;

    @Option(names = "--modes", defaultValue = "empty,lambda,serve", split = ",",
            description = "Which starts to time, of empty, lambda, serve (default ${DEFAULT-VALUE}).")
    List<String> modes;

    @Option(names = "--archive", defaultValue = "both",
            description = "Runs without an AppCDS archive (off), with one (on), or both (default ${DEFAULT-VALUE}).")
    String archive;

    @Option(names = "--model-load-runs", defaultValue = "10",
            description = "Fresh JVMs for the bundled model's load time, with the Lambda flags (0: skip; default ${DEFAULT-VALUE}).")
    int modelLoadRuns;

    @Option(names = "--steps", defaultValue = "0",
            description = "Also run the Lambda-shaped start cut into steps (StartupStepsProbe) this many times, with and "
                    + "without the archive as --archive says, and print each step's mean CPU (default ${DEFAULT-VALUE}: skip).")
    int steps;

    @Option(names = "--out", defaultValue = "docs/results/startup",
            description = "Directory for the output file (default ${DEFAULT-VALUE}); empty: print only.")
    String out;

    @Option(names = "--label", defaultValue = "run", description = "Ends the output file's name (default ${DEFAULT-VALUE}).")
    String label;

    private final BenchmarkReport report = new BenchmarkReport();
    private final PrintWriter log = report.log();

    /** One configuration: which start, with or without an archive, its JVM flags and its environment. */
    private record Config(String mode, boolean withArchive, List<String> flags, String toolOptions, Path archiveFile,
                          Path jar, boolean baseline, String variant, List<String> extraFlags) {
        String name() {
            return mode + (variant.isEmpty() ? "" : " {" + variant + "}") + (withArchive ? " + AppCDS" : "")
                    + (baseline ? " [baseline]" : "");
        }
    }

    /** One run's figures, nanoseconds; init and invoke only for the Lambda-shaped start (else -1). */
    private record Sample(long wall, long cpu, long init, long invoke) {
    }

    @Override
    public Integer call() throws Exception {
        if (!List.of("both", "on", "off").contains(archive)
                || !modes.stream().allMatch(m -> List.of("empty", "lambda", "serve").contains(m))) {
            throw new ParameterException(spec.commandLine(),
                    "--archive takes both, on or off; --modes a list of empty, lambda, serve");
        }
        requireJar(jar, "no jar at ");
        if (modes.contains("serve")) {
            requireJar(serveJar, "no serve jar at ");
        }
        if (baselineJar != null) {
            requireJar(baselineJar, "no baseline jar at ");
        }
        if (baselineServeJar != null) {
            requireJar(baselineServeJar, "no baseline serve jar at ");
        }
        Path launcher = javaLauncher != null ? javaLauncher : Path.of(System.getProperty("java.home"), "bin", "java");
        String toolOptions = lambdaFlags != null ? lambdaFlags.strip() : templateToolOptions();
        Path work = Files.createTempDirectory("startup-bench");
        try {
            header(launcher, toolOptions);
            List<Config> configs = configs(work, toolOptions);
            Path probeJar = work.resolve("lambda-probe.jar");
            Path emptyJar = work.resolve("empty-main.jar");
            writeProbeJar(probeJar);
            writeJar(emptyJar, List.of(EmptyMain.class), List.of());
            for (Config config : configs) {
                if (config.withArchive()) {
                    long started = System.nanoTime();
                    record(launcher, config, probeJar, emptyJar);
                    log.printf(Locale.ROOT, "archive for %s recorded in %.1f s (%.1f MB), not timed%n", config.mode(),
                            (System.nanoTime() - started) / 1e9, Files.size(config.archiveFile()) / 1048576.0);
                }
            }
            Map<Config, List<Sample>> samples = new LinkedHashMap<>();
            configs.forEach(c -> samples.put(c, new ArrayList<>()));
            HttpClient client = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();
            if (runs > 0) {
                log.println();
                log.println("# runs (round 0 is not counted: it fills the file cache and lets this JVM's own start-up settle)");
                for (int round = 0; round <= runs; round++) {
                    for (Config config : configs) {
                        Sample sample = run(launcher, config, probeJar, emptyJar, client);
                        log.printf(Locale.ROOT, "round %2d  %-40s wall %6.1f ms  cpu %6.1f ms%s%n", round, config.name(),
                                sample.wall() / 1e6, sample.cpu() / 1e6, sample.init() < 0 ? ""
                                        : String.format(Locale.ROOT, "  (in the probe: init %.1f ms, first invoke %.1f ms)",
                                                sample.init() / 1e6, sample.invoke() / 1e6));
                        if (round > 0) {
                            samples.get(config).add(sample);
                        }
                    }
                }
                summary(samples);
            }
            if (steps > 0) {
                for (Config config : configs) {
                    if (config.mode().equals("lambda") && config.variant().isEmpty()) {
                        steps(launcher, config, probeJar);
                    }
                }
            }
            if (modelLoadRuns > 0) {
                modelLoad(toolOptions);
            }
            log.println("# load average after: " + loadAverage());
            write();
            return 0;
        } catch (IOException e) {
            // A start that failed or answered other than 200: reported, not timed, and nothing is written.
            System.err.println("startup: " + e.getMessage());
            return 1;
        } finally {
            deleteTree(work);
        }
    }

    /** A jar that is not there fails the command (exit 1): a missing input, not a usage error. */
    private static void requireJar(Path file, String what) {
        if (!Files.isRegularFile(file)) {
            throw new ToolException(what + file + " (run ./triage build first)");
        }
    }

    private List<Config> configs(Path work, String toolOptions) {
        List<Config> configs = new ArrayList<>();
        for (String mode : List.of("empty", "lambda", "serve")) {
            if (!modes.contains(mode)) {
                continue;
            }
            for (boolean baseline : new boolean[] {false, true}) {
                if (baseline && (baselineJar == null || mode.equals("empty"))) {
                    continue;
                }
                addConfigs(configs, work, mode, baseline, "", List.of(), toolOptions);
            }
            if (mode.equals("lambda")) {
                for (String variant : variants) {
                    int equals = variant.indexOf('=');
                    String name = equals < 0 ? variant : variant.substring(0, equals).strip();
                    List<String> extra = equals < 0 ? List.of()
                            : Arrays.stream(variant.substring(equals + 1).strip().split("\\s+")).filter(f -> !f.isEmpty()).toList();
                    addConfigs(configs, work, mode, false, name, extra, toolOptions);
                }
            }
        }
        return configs;
    }

    private void addConfigs(List<Config> configs, Path work, String mode, boolean baseline, String variant,
                            List<String> extraFlags, String toolOptions) {
        for (boolean withArchive : new boolean[] {false, true}) {
            if ((withArchive && archive.equals("off")) || (!withArchive && archive.equals("on"))) {
                continue;
            }
            Path archiveFile = work.resolve(mode + (baseline ? "-baseline" : "") + (variant.isEmpty() ? "" : "-v" + configs.size())
                    + ".jsa");
            List<String> flags = new ArrayList<>(extraFlags);
            if (withArchive) {
                // -Xshare:on: a run that cannot map the archive fails rather than being timed without it.
                flags.addAll(List.of("-XX:SharedArchiveFile=" + archiveFile, "-Xshare:on"));
            }
            Path lambdaJar = baseline ? baselineJar : jar;
            Path servingJar = baseline ? (baselineServeJar != null ? baselineServeJar : baselineJar) : serveJar;
            configs.add(new Config(mode, withArchive, flags, mode.equals("lambda") ? toolOptions : "", archiveFile,
                    mode.equals("serve") ? servingJar : lambdaJar, baseline, variant, extraFlags));
        }
    }

    private void header(Path launcher, String toolOptions) throws IOException, InterruptedException {
        log.println("# benchmark startup " + DateTimeFormatter.ISO_INSTANT.format(Instant.now().truncatedTo(
                java.time.temporal.ChronoUnit.SECONDS)));
        log.println("# commit: " + commit());
        log.println("# machine: " + Runtime.getRuntime().availableProcessors() + " cpus (" + cpuModel() + "), "
                + memory() + ", " + System.getProperty("os.name") + " " + System.getProperty("os.version") + " "
                + System.getProperty("os.arch"));
        log.println("# load average before: " + loadAverage());
        log.println("# java (measured): " + launcher + ": " + javaVersion(launcher));
        log.println("# Lambda jar: " + jar + " (" + Files.size(jar) + " bytes, sha256 " + sha256(jar).substring(0, 16) + ")");
        if (baselineJar != null) {
            log.println("# [baseline] jar: " + baselineJar + " (" + Files.size(baselineJar) + " bytes, sha256 "
                    + sha256(baselineJar).substring(0, 16) + ")");
        }
        log.println("# fixed configuration: bundled model, bundled routing policy, no connectors; TRIAGE_* and AWS_* "
                + "variables of this shell removed");
        log.println("# empty:  java -cp empty-main.jar " + EmptyMain.class.getName() + "  (default JVM flags)");
        log.println("# lambda: JAVA_TOOL_OPTIONS=\"" + toolOptions + "\" (" + (lambdaFlags != null ? "--lambda-flags"
                : "template.yaml's") + ") java -cp lambda-probe.jar:" + jar.getFileName() + " "
                + LambdaStartProbe.class.getName() + " " + HANDLER + " " + event);
        log.println("#         environment as Lambda sets it for the function: " + lambdaEnvironment().entrySet().stream()
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(" ")));
        log.println("#         (AWS_LAMBDA_RUNTIME_API selects the Lambda appender in log4j2.xml; nothing connects to it)");
        for (String variant : variants) {
            log.println("# lambda {" + variant.replaceFirst("=", "}: the same with JVM flags added: "));
        }
        log.println("# serve:  java -jar " + serveJar + " serve --port P  (default JVM flags), until the first "
                + "POST /classify is answered" + (baselineJar == null ? "" : "; [baseline]: java -jar "
                + (baselineServeJar != null ? baselineServeJar : baselineJar) + " serve"));
        log.println("# + AppCDS: the same start recorded once with -XX:ArchiveClassesAtExit (serve: its warm-up command, as "
                + "./triage does), then -XX:SharedArchiveFile=... -Xshare:on in every timed run");
        log.println("# cpu: user + system of the whole process; empty and lambda from the kernel's accounting at exit "
                + "(bash time), serve from /proc when it answered; wall: spawn to answer read");
    }

    private static final String HANDLER = "org.tickettriage.handler.ClassifyHttpHandler";

    /** Records {@code config}'s AppCDS archive by running its start once with -XX:ArchiveClassesAtExit. */
    private void record(Path launcher, Config config, Path probeJar, Path emptyJar) throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of(launcher.toString()));
        command.addAll(config.extraFlags());
        command.addAll(List.of("-XX:ArchiveClassesAtExit=" + config.archiveFile(), "-Dtriage.probe.exit=normal"));
        switch (config.mode()) {
            case "empty" -> command.addAll(List.of("-cp", emptyJar.toString(), EmptyMain.class.getName()));
            case "lambda" -> command.addAll(probeArguments(probeJar, config.jar()));
            default -> command.addAll(List.of("-jar", config.jar().toString(), "warm-up"));
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        environment(builder, config);
        Path output = Files.createTempFile("startup-record", ".log");
        try {
            Process process = builder.redirectOutput(output.toFile()).start();
            if (!process.waitFor(180, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException("recording the archive for " + config.mode() + " took more than 180 s");
            }
            if (process.exitValue() != 0 || !Files.isRegularFile(config.archiveFile())) {
                throw new IOException("recording the archive for " + config.mode() + " failed (exit " + process.exitValue()
                        + "): " + tail(Files.readString(output, StandardCharsets.UTF_8)));
            }
        } finally {
            Files.deleteIfExists(output);
        }
    }

    private List<String> probeArguments(Path probeJar, Path lambdaJar) {
        // The probe (and the runtime's serialization library) first, as the runtime's own jars come before the function.
        return List.of("-cp", probeJar + java.io.File.pathSeparator + lambdaJar, LambdaStartProbe.class.getName(), HANDLER,
                event.toString());
    }

    private Sample run(Path launcher, Config config, Path probeJar, Path emptyJar, HttpClient client)
            throws IOException, InterruptedException {
        if (config.mode().equals("serve")) {
            return serveRun(launcher, config, client);
        }
        List<String> command = new ArrayList<>(List.of("bash", "-c",
                "TIMEFORMAT='" + CPU_PREFIX + "%3U %3S'; time \"$@\"", "bash", launcher.toString()));
        command.addAll(config.flags());
        command.addAll(config.mode().equals("empty")
                ? List.of("-cp", emptyJar.toString(), EmptyMain.class.getName())
                : probeArguments(probeJar, config.jar()));
        ProcessBuilder builder = new ProcessBuilder(command);
        environment(builder, config);
        Path errors = Files.createTempFile("startup-run", ".err");
        try {
            builder.redirectError(errors.toFile());
            long start = System.nanoTime();
            Process process = builder.start();
            long answered = -1;
            String answer = null;
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    if (answer == null && line.startsWith(LambdaStartProbe.ANSWER_PREFIX)) {
                        answered = System.nanoTime();
                        answer = line;
                    }
                }
            }
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new IOException(config.name() + ": no exit within 60 s");
            }
            String stderr = Files.readString(errors, StandardCharsets.UTF_8);
            if (process.exitValue() != 0 || answer == null) {
                throw new IOException(config.name() + " failed (exit " + process.exitValue() + ", answer " + answer + "): "
                        + tail(stderr));
            }
            String[] fields = answer.substring(LambdaStartProbe.ANSWER_PREFIX.length()).split(" ");
            if (!fields[0].equals("200")) {
                throw new IOException(config.name() + " answered " + fields[0]);
            }
            long init = fields.length > 2 ? Long.parseLong(fields[2]) : -1;
            long invoke = fields.length > 4 ? Long.parseLong(fields[4]) : -1;
            return new Sample(answered - start, cpuFromTime(stderr, config), init, invoke);
        } finally {
            Files.deleteIfExists(errors);
        }
    }

    /** The user + system seconds that bash's {@code time} printed last, in nanoseconds. */
    private static long cpuFromTime(String stderr, Config config) throws IOException {
        String last = null;
        for (String line : stderr.split("\n")) {
            if (line.startsWith(CPU_PREFIX)) {
                last = line;
            }
        }
        if (last == null) {
            throw new IOException(config.name() + ": no CPU time reported: " + tail(stderr));
        }
        String[] parts = last.substring(CPU_PREFIX.length()).strip().split(" ");
        return Math.round((Double.parseDouble(parts[0]) + Double.parseDouble(parts[1])) * 1e9);
    }

    /** One fresh {@code serve}: until its first {@code POST /classify} is answered. */
    private Sample serveRun(Path launcher, Config config, HttpClient client) throws IOException, InterruptedException {
        int port = freePort();
        List<String> command = new ArrayList<>();
        command.add(launcher.toString());
        command.addAll(config.flags());
        command.addAll(List.of("-jar", config.jar().toString(), "serve", "--port", Integer.toString(port)));
        HttpRequest request;
        try {
            request = HttpRequest.newBuilder(new URI("http://127.0.0.1:" + port + "/classify"))
                    .header("content-type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(TICKET)).build();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.DISCARD);
        environment(builder, config);
        long start = System.nanoTime();
        Process process = builder.start();
        try {
            while (true) {
                if (!process.isAlive()) {
                    throw new IOException("serve exited with code " + process.exitValue() + " before answering");
                }
                try {
                    HttpResponse<String> response = client.send(request, HttpResponse.BodyHandlers.ofString());
                    long elapsed = System.nanoTime() - start;
                    long cpu = process.toHandle().info().totalCpuDuration().map(Duration::toNanos).orElse(-1L);
                    if (response.statusCode() != 200) {
                        throw new IOException("serve answered " + response.statusCode() + ": " + response.body());
                    }
                    return new Sample(elapsed, cpu, -1, -1);
                } catch (ConnectException notYetListening) {
                    Thread.sleep(2);
                }
                if (System.nanoTime() - start > TimeUnit.SECONDS.toNanos(60)) {
                    throw new IOException("serve: no answer within 60 s");
                }
            }
        } finally {
            process.destroy();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
            }
        }
    }

    /** The fixed configuration: no setting of this shell reaches the child, the Lambda start gets Lambda's. */
    private void environment(ProcessBuilder builder, Config config) {
        Map<String, String> env = builder.environment();
        env.keySet().removeIf(name -> name.startsWith("TRIAGE_") || name.startsWith("AWS_") || name.equals("JAVA_TOOL_OPTIONS")
                || name.equals("JDK_JAVA_OPTIONS") || name.equals("_JAVA_OPTIONS"));
        if (config.mode().equals("lambda")) {
            env.putAll(lambdaEnvironment());
            if (!config.toolOptions().isBlank()) {
                env.put("JAVA_TOOL_OPTIONS", config.toolOptions());
            }
        }
    }

    /** What Lambda sets for the HTTP function with template.yaml's defaults (log format JSON, level INFO). */
    static Map<String, String> lambdaEnvironment() {
        Map<String, String> env = new LinkedHashMap<>();
        env.put("AWS_LAMBDA_RUNTIME_API", "127.0.0.1:9001");
        env.put("AWS_LAMBDA_LOG_FORMAT", "JSON");
        env.put("AWS_LAMBDA_LOG_LEVEL", "INFO");
        env.put("AWS_REGION", "us-east-1");
        env.put("AWS_LAMBDA_FUNCTION_NAME", "ClassifyFunction");
        env.put("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "1024");
        env.put("AWS_LAMBDA_FUNCTION_VERSION", "1");
        env.put("AWS_LAMBDA_INITIALIZATION_TYPE", "on-demand");
        env.put("TRIAGE_METRICS_NAMESPACE", "TicketTriage");
        env.put("TRIAGE_SERVICE", "ticket-triage");
        return env;
    }

    private void summary(Map<Config, List<Sample>> samples) {
        double emptyCpu = samples.entrySet().stream()
                .filter(e -> e.getKey().mode().equals("empty") && !e.getKey().withArchive())
                .mapToDouble(e -> median(e.getValue().stream().mapToLong(Sample::cpu).toArray()))
                .findFirst().orElse(Double.NaN);
        log.println();
        log.println("# summary over " + runs + " runs each: median (interquartile range; min-max), ms; "
                + "ratio = CPU median / empty main's CPU median without an archive");
        log.println("| start | CPU p50 (IQR; min-max) | wall p50 (IQR; min-max) | CPU / empty main |");
        log.println("|---|---|---|---|");
        for (Map.Entry<Config, List<Sample>> entry : samples.entrySet()) {
            long[] cpu = entry.getValue().stream().mapToLong(Sample::cpu).toArray();
            long[] wall = entry.getValue().stream().mapToLong(Sample::wall).toArray();
            log.printf(Locale.ROOT, "| %s | %s | %s | %.1f |%n", entry.getKey().name(), spread(cpu), spread(wall),
                    median(cpu) / emptyCpu);
        }
        for (Map.Entry<Config, List<Sample>> entry : samples.entrySet()) {
            if (entry.getKey().mode().equals("lambda")) {
                log.printf(Locale.ROOT, "# %s, in the probe (wall): init (handler constructed) p50 %.1f ms, first invoke "
                        + "(event read, handled, response written) p50 %.1f ms%n", entry.getKey().name(),
                        median(entry.getValue().stream().mapToLong(Sample::init).toArray()) / 1e6,
                        median(entry.getValue().stream().mapToLong(Sample::invoke).toArray()) / 1e6);
            }
        }
    }

    /**
     * The Lambda-shaped start cut into steps ({@link StartupStepsProbe}), {@code --steps} times in fresh JVMs: per step the
     * mean of the process's CPU (10 ms ticks, so a mean over runs), the median of the main thread's CPU, of the wall time
     * and of the classes loaded.
     */
    private void steps(Path launcher, Config config, Path probeJar) throws IOException, InterruptedException {
        Map<String, List<long[]>> byStep = new LinkedHashMap<>();
        long[] mainEntry = new long[steps];
        for (int run = 0; run < steps; run++) {
            List<String> command = new ArrayList<>(List.of(launcher.toString()));
            command.addAll(config.flags());
            command.addAll(List.of("-cp", probeJar + java.io.File.pathSeparator + config.jar(), StartupStepsProbe.class.getName(),
                    event.toString()));
            ProcessBuilder builder = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD);
            environment(builder, config);
            Process process = builder.start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
                throw new IOException("the steps probe failed (" + config.name() + "): " + tail(output));
            }
            for (String line : output.lines().filter(l -> l.startsWith("step ")).toList()) {
                String[] f = line.split(" ");
                if (f[1].equals("jvm-start-to-main")) {
                    mainEntry[run] = Long.parseLong(f[3]);
                    continue;
                }
                byStep.computeIfAbsent(f[1], k -> new ArrayList<>())
                        .add(new long[] {Long.parseLong(f[3]), Long.parseLong(f[5]), Long.parseLong(f[7]), Long.parseLong(f[9])});
            }
        }
        log.println();
        log.println("# " + config.name() + " cut into steps (StartupStepsProbe, " + steps + " fresh JVMs): process CPU mean "
                + "(all threads), main thread CPU / wall / classes loaded medians");
        log.printf(Locale.ROOT, "# before the first step (JVM start, main, the measuring beans): process CPU mean %.0f ms%n",
                Arrays.stream(mainEntry).average().orElse(Double.NaN) / 1e6);
        log.println("| step | process CPU | main thread CPU | wall | classes |");
        log.println("|---|---|---|---|---|");
        double total = 0;
        for (Map.Entry<String, List<long[]>> step : byStep.entrySet()) {
            List<long[]> values = step.getValue();
            double cpu = values.stream().mapToLong(v -> v[2]).average().orElse(Double.NaN);
            total += cpu;
            log.printf(Locale.ROOT, "| %s | %.0f ms | %.0f ms | %.0f ms | %.0f |%n", step.getKey(), cpu / 1e6,
                    median(values.stream().mapToLong(v -> v[1]).toArray()) / 1e6,
                    median(values.stream().mapToLong(v -> v[0]).toArray()) / 1e6,
                    median(values.stream().mapToLong(v -> v[3]).toArray()));
        }
        log.printf(Locale.ROOT, "| all steps | %.0f ms | | | |%n", total / 1e6);
    }

    /** The bundled model's first load in fresh JVMs with the Lambda flags, by {@code model load-time}. */
    private void modelLoad(String toolOptions) {
        StringWriter output = new StringWriter();
        List<String> args = new ArrayList<>(List.of("--runs", Integer.toString(modelLoadRuns)));
        if (!toolOptions.isBlank()) {
            args.add("--jvm-flags=" + toolOptions);
        }
        int code = new CommandLine(new LoadTimeCommand()).setOut(new PrintWriter(output, true))
                .setErr(new PrintWriter(output, true)).execute(args.toArray(String[]::new));
        log.println();
        log.println("# the bundled model's load time: model load-time " + String.join(" ", args)
                + " (the tools jar's class path; target: under 30 ms)" + (code == 0 ? "" : " FAILED, exit " + code));
        output.toString().lines().forEach(line -> log.println("  " + line));
    }

    private void write() throws IOException {
        report.write(out, label);
    }

    /** The probe, and the runtime's serialization library (from wherever it is on this JVM's class path). */
    static void writeProbeJar(Path target) throws IOException {
        writeJar(target, List.of(LambdaStartProbe.class, StartupStepsProbe.class), List.of(
                "com/amazonaws/services/lambda/runtime/serialization/", "com/amazonaws/lambda/thirdparty/"));
    }

    private static void writeJar(Path target, List<Class<?>> classes, List<String> libraryPrefixes) throws IOException {
        try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(target))) {
            for (Class<?> type : classes) {
                String name = type.getName().replace('.', '/') + ".class";
                try (InputStream in = type.getClassLoader().getResourceAsStream(name)) {
                    if (in == null) {
                        throw new IOException("no class file for " + type.getName());
                    }
                    out.putNextEntry(new JarEntry(name));
                    in.transferTo(out);
                    out.closeEntry();
                }
            }
            if (libraryPrefixes.isEmpty()) {
                return;
            }
            Path library = codeSource(com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers.class);
            try (JarFile source = new JarFile(library.toFile())) {
                Enumeration<JarEntry> entries = source.entries();
                while (entries.hasMoreElements()) {
                    JarEntry entry = entries.nextElement();
                    if (!entry.isDirectory() && libraryPrefixes.stream().anyMatch(entry.getName()::startsWith)) {
                        out.putNextEntry(new JarEntry(entry.getName()));
                        try (InputStream in = source.getInputStream(entry)) {
                            in.transferTo(out);
                        }
                        out.closeEntry();
                    }
                }
            }
        }
    }

    private static Path codeSource(Class<?> type) throws IOException {
        try {
            Path path = Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
            if (!Files.isRegularFile(path)) {
                throw new IOException("the serialization library is not in a jar: " + path);
            }
            return path;
        } catch (URISyntaxException e) {
            throw new IOException(e);
        }
    }

    private String templateToolOptions() throws IOException {
        if (!Files.isRegularFile(template)) {
            throw new IOException("no " + template + " to read JAVA_TOOL_OPTIONS from; give --lambda-flags");
        }
        for (String line : Files.readAllLines(template, StandardCharsets.UTF_8)) {
            Matcher m = TOOL_OPTIONS.matcher(line);
            if (m.matches()) {
                return m.group(1).strip();
            }
        }
        throw new IOException(template + " sets no JAVA_TOOL_OPTIONS; give --lambda-flags");
    }

    private static String spread(long[] nanos) {
        long[] sorted = nanos.clone();
        Arrays.sort(sorted);
        return String.format(Locale.ROOT, "%.0f (%.0f-%.0f; %.0f-%.0f)", median(sorted) / 1e6, quantile(sorted, 0.25) / 1e6,
                quantile(sorted, 0.75) / 1e6, sorted[0] / 1e6, sorted[sorted.length - 1] / 1e6);
    }

    private static double median(long[] values) {
        long[] sorted = values.clone();
        Arrays.sort(sorted);
        int n = sorted.length;
        return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2.0;
    }

    /** Linear interpolation between closest ranks. */
    private static double quantile(long[] sorted, double q) {
        double position = q * (sorted.length - 1);
        int low = (int) Math.floor(position);
        int high = Math.min(sorted.length - 1, low + 1);
        return sorted[low] + (position - low) * (sorted[high] - sorted[low]);
    }

    static String loadAverage() {
        try {
            String[] fields = Files.readString(Path.of("/proc/loadavg")).split(" ");
            return fields[0] + " " + fields[1] + " " + fields[2];
        } catch (IOException e) {
            return "unknown";
        }
    }

    static String cpuModel() {
        try {
            return Files.readAllLines(Path.of("/proc/cpuinfo")).stream().filter(l -> l.startsWith("model name"))
                    .map(l -> l.substring(l.indexOf(':') + 1).strip()).findFirst().orElse("unknown model");
        } catch (IOException e) {
            return "unknown model";
        }
    }

    static String memory() {
        try {
            return Files.readAllLines(Path.of("/proc/meminfo")).stream().filter(l -> l.startsWith("MemTotal"))
                    .map(l -> String.format(Locale.ROOT, "%.1f GiB",
                            Long.parseLong(l.replaceAll("[^0-9]", "")) / 1048576.0))
                    .findFirst().orElse("memory unknown");
        } catch (IOException e) {
            return "memory unknown";
        }
    }

    static String javaVersion(Path launcher) throws IOException, InterruptedException {
        Process process = new ProcessBuilder(launcher.toString(), "-version").redirectErrorStream(true).start();
        String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(30, TimeUnit.SECONDS);
        return text.lines().map(String::strip).collect(Collectors.joining(" / "));
    }

    static String commit() {
        Optional<String> head = git("rev-parse", "--short=12", "HEAD");
        if (head.isEmpty()) {
            return "unknown (not a git checkout)";
        }
        Optional<String> changes = git("status", "--porcelain", "--untracked-files=no");
        Optional<String> branch = git("rev-parse", "--abbrev-ref", "HEAD");
        return head.get() + branch.map(b -> " (" + b + ")").orElse("")
                + (changes.isPresent() && !changes.get().isBlank() ? " with uncommitted changes" : "");
    }

    private static Optional<String> git(String... args) {
        try {
            List<String> command = new ArrayList<>(List.of("git"));
            command.addAll(List.of(args));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.DISCARD).start();
            String text = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            return process.waitFor(30, TimeUnit.SECONDS) && process.exitValue() == 0 ? Optional.of(text) : Optional.empty();
        } catch (IOException e) {
            return Optional.empty();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Optional.empty();
        }
    }

    static String sha256(Path file) throws IOException {
        try {
            MessageDigest digest = MessageDigest.getInstance("SHA-256");
            try (InputStream in = Files.newInputStream(file)) {
                byte[] buffer = new byte[1 << 16];
                for (int n; (n = in.read(buffer)) > 0; ) {
                    digest.update(buffer, 0, n);
                }
            }
            return HexFormat.of().formatHex(digest.digest());
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    static String tail(String text) {
        List<String> lines = text.lines().toList();
        return String.join("\n", lines.subList(Math.max(0, lines.size() - 15), lines.size()));
    }

    private static int freePort() throws IOException {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }

    static void deleteTree(Path root) {
        try (var paths = Files.walk(root)) {
            paths.sorted((a, b) -> b.getNameCount() - a.getNameCount()).forEach(p -> {
                try {
                    Files.deleteIfExists(p);
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
            });
        } catch (IOException | UncheckedIOException e) {
            System.err.println("startup: could not delete " + root + ": " + e.getMessage());
        }
    }
}
