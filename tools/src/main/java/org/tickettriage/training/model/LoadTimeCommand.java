package org.tickettriage.training.model;

import java.io.IOException;
import java.io.PrintWriter;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.tickettriage.classifier.LegacyModelDirectory;
import org.tickettriage.classifier.MalletModelExporter;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.training.cli.ToolException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code model load-time}: how long loading a model takes in a fresh JVM (the first load, classes and all, as at a
 * container's start), over several JVMs; optionally the same for a directory of the old format, read as
 * {@code model convert} reads it and turned into a classifier. Prints figures; never fails on a time.
 */
@Command(name = "load-time", mixinStandardHelpOptions = true,
        description = "Time of the first model load in fresh JVMs: the model format, and optionally the old format.")
public final class LoadTimeCommand implements Callable<Integer> {

    @Spec
    private CommandSpec spec;

    private PrintWriter out;

    @Option(names = "--model", paramLabel = "DIR", description = "A model directory (default: the bundled model).")
    Path model;

    @Option(names = "--legacy", paramLabel = "OLD_DIR",
            description = "Also time a model directory of the old format (Java-serialized MALLET classifiers).")
    Path legacy;

    @Option(names = "--checksums",
            description = "Also time SHA-256 and CRC-32C over the model file's bytes in fresh JVMs (why the format uses CRC-32C).")
    boolean checksums;

    @Option(names = "--runs", defaultValue = "10", description = "Fresh JVMs per format (default ${DEFAULT-VALUE}).")
    int runs;

    @Option(names = "--jvm-flags", defaultValue = "", split = " ",
            description = "Flags for the measured JVMs, space-separated, e.g. \"-XX:TieredStopAtLevel=1\" as in Lambda.")
    List<String> jvmFlags = new ArrayList<>();

    @Override
    public Integer call() throws Exception {
        out = spec.commandLine().getOut();
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        out.printf(Locale.ROOT, "java %s, %d cpus, load average %.2f, JVM flags [%s], %d runs each after one not counted%n",
                Runtime.version(), Runtime.getRuntime().availableProcessors(),
                ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage(),
                String.join(" ", jvmFlags.stream().filter(f -> !f.isBlank()).toList()), runs);
        if (model == null) {
            out.println("model format: the bundled model (classpath:" + ModelDirectory.BUNDLED_RESOURCE
                    + ModelDirectory.MODEL_FILE + ")");
        } else {
            out.printf(Locale.ROOT, "model format: %s (%s, %d bytes)%n", model, ModelDirectory.MODEL_FILE,
                    Files.size(model.resolve(ModelDirectory.MODEL_FILE)));
        }
        String where = model == null ? "bundled" : model.toString();
        report("model format", measure("new", where, java));
        if (checksums) {
            report("SHA-256", measure("sha256", where, java));
            report("CRC-32C", measure("crc32c", where, java));
        }
        if (legacy != null) {
            long bytes = 0;
            for (String file : List.of(ModelDirectory.LEGACY_CATEGORY_FILE, ModelDirectory.LEGACY_PRIORITY_FILE)) {
                Path p = legacy.resolve(file);
                bytes += Files.exists(p) ? Files.size(p) : 0;
            }
            out.printf(Locale.ROOT, "old format: %s (%s and %s, %d bytes together)%n", legacy,
                    ModelDirectory.LEGACY_CATEGORY_FILE, ModelDirectory.LEGACY_PRIORITY_FILE, bytes);
            report("old format", measure("legacy", legacy.toString(), java));
        }
        out.flush();
        return 0;
    }

    private double[][] measure(String kind, String where, String java) throws IOException, InterruptedException {
        double[][] millis = new double[3][runs];
        // Run -1 is not counted: it warms the file cache and leaves this JVM's own start-up compilation time to end,
        // which would otherwise compete with the first measured JVMs for the cores.
        for (int run = -1; run < runs; run++) {
            List<String> command = new ArrayList<>();
            command.add(java);
            jvmFlags.stream().filter(f -> !f.isBlank()).forEach(command::add);
            command.addAll(List.of("-cp", System.getProperty("java.class.path"), LoadOnce.class.getName(), kind, where));
            Process process = new ProcessBuilder(command).redirectError(ProcessBuilder.Redirect.INHERIT).start();
            String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (!process.waitFor(2, TimeUnit.MINUTES) || process.exitValue() != 0) {
                throw new ToolException("the measured JVM failed (" + kind + " " + where + "): " + output);
            }
            String[] parts = output.split(" ");
            for (int i = 0; run >= 0 && i < 3; i++) {
                millis[i][run] = Long.parseLong(parts[i]) / 1e6;
            }
        }
        return millis;
    }

    private void report(String what, double[][] millis) {
        out.printf(Locale.ROOT, "  %-13s first load in a fresh JVM: %s%n", what, summary(millis[0]));
        out.printf(Locale.ROOT, "  %-13s   its CPU, loading thread: %s%n", what, summary(millis[1]));
        out.printf(Locale.ROOT, "  %-13s tenth load, same JVM:      %s%n", what, summary(millis[2]));
    }

    private static String summary(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        double median = sorted.length % 2 == 1 ? sorted[sorted.length / 2]
                : (sorted[sorted.length / 2 - 1] + sorted[sorted.length / 2]) / 2;
        return String.format(Locale.ROOT, "median %.1f ms, min %.1f ms, max %.1f ms", median, sorted[0],
                sorted[sorted.length - 1]);
    }

    /**
     * The measured JVM: loads once (timed, cold), nine more times, and prints the first load's wall time, the CPU time
     * of the loading thread meanwhile (without the JIT compiler's and GC's threads; on a busy machine it varies less
     * than the wall time) and the tenth load's wall time, in ns. The checksum kinds time only the hash of the model file's
     * bytes, read beforehand.
     */
    public static final class LoadOnce {
        public static void main(String[] args) throws IOException {
            if (args[0].equals("sha256") || args[0].equals("crc32c")) {
                readBytes(args[1]);
            }
            java.lang.management.ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            long first = 0;
            long firstCpu = 0;
            long tenth = 0;
            for (int i = 0; i < 10; i++) {
                long cpu = threads.getCurrentThreadCpuTime();
                long start = System.nanoTime();
                Object loaded = load(args[0], args[1]);
                long nanos = System.nanoTime() - start;
                if (i == 0) {
                    firstCpu = threads.getCurrentThreadCpuTime() - cpu;
                }
                if (loaded == null) {
                    throw new IllegalStateException("nothing loaded");
                }
                if (i == 0) {
                    first = nanos;
                } else if (i == 9) {
                    tenth = nanos;
                }
            }
            System.out.println(first + " " + firstCpu + " " + tenth);
        }

        private static byte[] bytes;

        private static Object load(String kind, String where) {
            if (kind.equals("sha256") || kind.equals("crc32c")) {
                return checksum(kind, where);
            }
            if (kind.equals("legacy")) {
                LegacyModelDirectory old = LegacyModelDirectory.read(Path.of(where));
                return MalletModelExporter.classifier(old.category(), old.priority(), old.card());
            }
            return where.equals("bundled") ? MaxEntTicketClassifier.loadBundled() : MaxEntTicketClassifier.load(Path.of(where));
        }

        private static Object checksum(String kind, String where) {
            if (bytes == null) {
                throw new IllegalStateException("read first");
            }
            if (kind.equals("crc32c")) {
                java.util.zip.CRC32C crc = new java.util.zip.CRC32C();
                crc.update(bytes, 0, bytes.length);
                return crc.getValue();
            }
            try {
                return java.security.MessageDigest.getInstance("SHA-256").digest(bytes);
            } catch (java.security.NoSuchAlgorithmException e) {
                throw new IllegalStateException(e);
            }
        }

        /** The model file's bytes, read before anything is timed. */
        static void readBytes(String where) throws IOException {
            if (where.equals("bundled")) {
                try (java.io.InputStream in = LoadOnce.class.getResourceAsStream(ModelDirectory.BUNDLED_RESOURCE
                        + ModelDirectory.MODEL_FILE)) {
                    bytes = in.readAllBytes();
                }
            } else {
                bytes = Files.readAllBytes(Path.of(where).resolve(ModelDirectory.MODEL_FILE));
            }
        }
    }
}
