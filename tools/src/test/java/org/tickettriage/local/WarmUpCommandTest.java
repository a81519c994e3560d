package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;
import org.tickettriage.tools.TriageTools;

/**
 * {@code warm-up}, the workload {@code ./triage} records its AppCDS archive with: it must go through start-up and
 * every route of the local server, and say so by its exit code (a failed warm-up means no archive, not a bad one).
 */
class WarmUpCommandTest {

    @Test
    void answersEveryRouteThroughTheLocalServerAndExitsZero() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();

        int code = TriageTools.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), "warm-up");

        assertThat(code).as(err.toString(StandardCharsets.UTF_8)).isZero();
    }

    @Test
    void isNotListedInTheHelpBecauseOnlyTheScriptRunsIt() {
        ByteArrayOutputStream out = new ByteArrayOutputStream();

        TriageTools.run(new PrintStream(out, true, StandardCharsets.UTF_8), System.err, "--help");

        assertThat(out.toString(StandardCharsets.UTF_8)).contains("serve").doesNotContain("warm-up");
    }
}
