package org.tickettriage.handler;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs a main class in a new JVM on the tests' class path, for what a JVM does once (class loading, the container-wide
 * service built at first use) and for commands that end in {@code System.exit}.
 */
public final class FreshJvm {

    /**
     * What the process did.
     *
     * @param exitCode its exit code
     * @param stdout   its standard output
     * @param stderr   its standard error
     */
    public record Result(int exitCode, String stdout, String stderr) {
        /** Both streams, for assertion messages. */
        public String both() {
            return "exit " + exitCode + "\n--- stdout\n" + stdout + "\n--- stderr\n" + stderr;
        }
    }

    private FreshJvm() {
    }

    /** Runs {@code main} with the JVM options {@code jvmOptions} (system properties...) and {@code args}, within 90 s. */
    public static Result run(Class<?> main, List<String> jvmOptions, String... args) throws IOException, InterruptedException {
        Path out = Files.createTempFile("fresh-jvm", ".out");
        Path err = Files.createTempFile("fresh-jvm", ".err");
        try {
            List<String> command = new ArrayList<>();
            command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
            command.addAll(jvmOptions);
            command.add("-cp");
            command.add(System.getProperty("java.class.path"));
            command.add(main.getName());
            command.addAll(List.of(args));
            ProcessBuilder builder = new ProcessBuilder(command).redirectOutput(out.toFile()).redirectError(err.toFile());
            // The process reads its settings from what the test gives it, not from this machine's environment.
            builder.environment().keySet().removeIf(name -> name.startsWith("TRIAGE_") || name.startsWith("AWS_"));
            Process process = builder.start();
            if (!process.waitFor(90, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError(main.getSimpleName() + " did not finish within 90 s");
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
