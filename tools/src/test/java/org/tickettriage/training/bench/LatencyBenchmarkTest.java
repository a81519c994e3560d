package org.tickettriage.training.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.training.Fixtures;
import org.tickettriage.tools.TriageTools;

/** {@code benchmark latency --routing}: which policy the timed paths route with; the figures themselves are not tested. */
class LatencyBenchmarkTest {

    private static String[] latency(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = new String[args.length + 2];
        command[0] = "benchmark";
        command[1] = "latency";
        System.arraycopy(args, 0, command, 2, args.length);
        int code = TriageTools.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(command);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void theServiceAndTheTimedRulesStepRouteWithTheGivenPolicy(@TempDir Path work) throws IOException {
        // One row, to a team the bundled policy does not have (escalation cues and the review queue are the bundled ones).
        Path table = Files.writeString(work.resolve("one-team.csv"),
                "category,priority,team,queue,first_response\n*,*,Everyone,everyone,P1D\n");

        String[] run = latency("--data", Fixtures.tickets().toString(), "--routing", table.toString(),
                "--warmup", "50", "--tickets", "50");

        assertThat(run[0]).as(run[2]).isEqualTo("0");
        assertThat(run[1]).contains("routing policy: " + table + " (1 row)", "65 distinct tickets to ", "Everyone ",
                "the timed rules step routes each as the service does", "of which the rules (Drools session, route):");
    }

    @Test
    void withoutRoutingTheBundledPolicyApplies() {
        String[] run = latency("--data", Fixtures.tickets().toString(), "--warmup", "50", "--tickets", "50");

        assertThat(run[0]).as(run[2]).isEqualTo("0");
        assertThat(run[1]).contains("routing policy: bundled (24 rows)").doesNotContain("Everyone");
    }

    @Test
    void aBrokenPolicyIsExitCode1WithItsLineBeforeAnythingIsTimed(@TempDir Path work) throws IOException {
        Path table = Files.writeString(work.resolve("routing.csv"),
                "category,priority,team,queue,first_response\nBug Report,Urgent,Engineering,engineering,P1D\n");

        String[] run = latency("--data", Fixtures.tickets().toString(), "--routing", table.toString());

        assertThat(run[0]).isEqualTo("1");
        assertThat(run[2]).contains("latency: the routing policy " + table + " has 1 error", "routing.csv:2: error:")
                .doesNotContain("Exception");
        assertThat(run[1]).isEmpty();
    }
}
