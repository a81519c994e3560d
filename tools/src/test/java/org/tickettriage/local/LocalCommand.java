package org.tickettriage.local;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.tickettriage.tools.TriageTools;

/** Runs the function jar's command line in this JVM, as {@code ./triage} would, and keeps what it printed. */
final class LocalCommand {

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    /** Runs {@code args}; returns the exit code. Output accumulates over runs. */
    int run(String... args) {
        return TriageTools.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
    }

    /** Everything printed on standard output so far. */
    String stdout() {
        return out.toString(StandardCharsets.UTF_8);
    }

    /** Everything printed on standard error so far. */
    String stderr() {
        return err.toString(StandardCharsets.UTF_8);
    }
}
