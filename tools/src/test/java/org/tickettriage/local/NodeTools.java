package org.tickettriage.local;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Runs the Node scripts of {@code web-tests/} from the repository root. Missing tools fail the test with
 * what to install: they are part of the build (CI installs them), never a reason to skip.
 */
final class NodeTools {

    /** The repository root (tests run in {@code function/}). */
    static final Path ROOT = Path.of("..").toAbsolutePath().normalize();

    /**
     * The outcome of one script.
     *
     * @param exitCode the process's exit code
     * @param stdout   what it printed
     * @param stderr   what it reported
     */
    record Result(int exitCode, String stdout, String stderr) {
        String both() {
            return stdout + stderr;
        }
    }

    private NodeTools() {
    }

    /** Fails unless {@code node_modules/<module>} is installed at the root. */
    static void requireModule(String module) {
        if (!Files.isDirectory(ROOT.resolve("node_modules").resolve(module))) {
            fail("The Node test tools are not installed (" + module + " missing): run `npm ci` at the repository root.");
        }
    }

    /** Runs {@code node args...} in the repository root and waits at most {@code timeout}. */
    static Result node(Duration timeout, String... args) throws IOException, InterruptedException {
        return run(timeout, "Node.js is not installed or not on PATH (needed for " + args[0] + "): install Node 18 or newer.",
                "node", args);
    }

    /**
     * Runs {@code program args...} in the repository root and waits at most {@code timeout}.
     *
     * @param missing what the failure says when the program cannot be started
     */
    static Result run(Duration timeout, String missing, String program, String... args)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>();
        command.add(program);
        command.addAll(List.of(args));
        Path out = Files.createTempFile("node-out", ".txt");
        Path err = Files.createTempFile("node-err", ".txt");
        Process process;
        try {
            process = new ProcessBuilder(command).directory(ROOT.toFile())
                    .redirectOutput(out.toFile()).redirectError(err.toFile()).start();
        } catch (IOException e) {
            fail(missing);
            throw e;
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly().waitFor();
                fail(String.join(" ", command) + " did not finish within " + timeout);
            }
            return new Result(process.exitValue(), Files.readString(out, StandardCharsets.UTF_8),
                    Files.readString(err, StandardCharsets.UTF_8));
        } finally {
            Files.deleteIfExists(out);
            Files.deleteIfExists(err);
        }
    }
}
