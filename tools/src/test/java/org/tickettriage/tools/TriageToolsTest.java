package org.tickettriage.tools;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class TriageToolsTest {

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine tools = TriageTools.commandLine();
        tools.setOut(new PrintWriter(out, true));
        tools.setErr(new PrintWriter(err, true));
        int exitCode = tools.execute(args);
        return new Run(exitCode, out.toString(), err.toString());
    }

    private static void assertNoStackTrace(Run run) {
        assertThat(run.err()).doesNotContain("\tat ", "Exception");
    }

    @Test
    void generateWritesTheRequestedRowsAndSummarisesThem() throws IOException {
        Path csv = dir.resolve("data/tickets.csv");

        Run run = run("generate", "--rows", "250", "--seed", "7", "--out", csv.toString());

        assertThat(run.exitCode()).isZero();
        assertThat(run.out()).contains("Wrote 250 tickets to", "seed 7", "categories:", "priorities:");
        String content = Files.readString(csv, StandardCharsets.UTF_8);
        assertThat(content).startsWith("Ticket_ID,Subject,Description,Category,Priority,Timestamp\n");
        assertThat(content).contains("\n250,");
        assertThat(Files.list(csv.getParent())).containsExactly(csv);
    }

    @Test
    void theSameCommandTwiceWritesIdenticalFiles() throws IOException {
        Path first = dir.resolve("a.csv");
        Path second = dir.resolve("b.csv");

        run("generate", "--rows", "300", "--seed", "9", "--out", first.toString());
        run("generate", "--rows", "300", "--seed", "9", "--out", second.toString());

        assertThat(Files.readAllBytes(second)).isEqualTo(Files.readAllBytes(first));
    }

    @Test
    void optionsChangeTheDataset() throws IOException {
        Path csv = dir.resolve("billing.csv");

        Run run = run("generate", "--rows", "200", "--out", csv.toString(), "--label-noise", "0",
                "--category-mix", "billing inquiry=1", "--start", "2024-06-01", "--end", "2024-06-01");

        assertThat(run.exitCode()).isZero();
        List<String> lines = Files.readAllLines(csv);
        assertThat(lines.stream().filter(l -> l.endsWith("Z")))
                .hasSizeGreaterThan(100)
                .allSatisfy(l -> assertThat(l).contains(",Billing Inquiry,").contains(",2024-06-01T"));
    }

    @Test
    void zeroRowsIsAUsageError() {
        Run run = run("generate", "--rows", "0", "--out", dir.resolve("x.csv").toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("triage generate: --rows must be between 1 and 10,000,000, got 0",
                "Try 'triage generate --help'");
        assertNoStackTrace(run);
        assertThat(dir.resolve("x.csv")).doesNotExist();
    }

    @Test
    void missingRequiredOptionsAreUsageErrors() {
        Run run = run("generate", "--rows", "10");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Missing required option: '--out=FILE.csv'");
        assertNoStackTrace(run);
    }

    @Test
    void badValuesAreUsageErrorsThatNameTheOption() {
        String out = dir.resolve("x.csv").toString();

        assertThat(run("generate", "--rows", "ten", "--out", out).err()).contains("'ten' is not an int");
        assertThat(run("generate", "--rows", "5", "--out", out, "--label-noise", "1.5").err())
                .contains("--label-noise must be between 0 and 1, got 1.5");
        assertThat(run("generate", "--rows", "5", "--out", out, "--start", "yesterday").err())
                .contains("--start: 'yesterday' is neither a date");
        assertThat(run("generate", "--rows", "5", "--out", out, "--start", "2025-06-01", "--end", "2025-01-01").err())
                .contains("--start (2025-06-01) must be before --end (2025-01-01)");
        Run unknownCategory = run("generate", "--rows", "5", "--out", out, "--category-mix", "Sales=1");
        assertThat(unknownCategory.exitCode()).isEqualTo(2);
        assertThat(unknownCategory.err()).contains("unknown category 'Sales'", "Bug Report");
        assertNoStackTrace(unknownCategory);
    }

    @Test
    void anOutputThatCannotBeWrittenFailsWithOneClearLine() throws IOException {
        // A regular file where a folder should be: fails even for root, unlike a read-only folder.
        Path file = Files.writeString(dir.resolve("not-a-folder"), "x");

        Run run = run("generate", "--rows", "10", "--out", file.resolve("tickets.csv").toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).startsWith("triage generate: cannot write " + file.resolve("tickets.csv"));
        assertThat(run.err().lines()).hasSize(1);
        assertNoStackTrace(run);
    }

    @Test
    void aMissingDatasetOrModelIsOneClearLineForEveryCommand() {
        String missing = dir.resolve("missing.csv").toString();
        for (String[] args : new String[][] {
                {"benchmark", "latency", "--data", missing},
                {"evaluate", "--data", missing},
                {"train", "--data", missing, "--out", dir.resolve("model").toString()}}) {
            Run run = run(args);

            assertThat(run.exitCode()).as(String.join(" ", args)).isNotZero();
            assertThat(run.err()).as(String.join(" ", args)).contains("missing.csv");
            // Progress lines ("[train 0.0s] reading ...") may come first; the error itself is one line.
            assertThat(run.err().lines().filter(line -> !line.startsWith("[")).toList()).as(run.err()).hasSize(1);
            assertNoStackTrace(run);
        }
    }

    @Test
    void anOutputThatIsAFolderFails() {
        Run run = run("generate", "--rows", "10", "--out", dir.toString());

        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("cannot write " + dir + ": it is a folder");
    }

    @Test
    void aFailedRunLeavesAnExistingDatasetUntouched() throws IOException {
        Path csv = Files.writeString(dir.resolve("tickets.csv"), "previous");

        run("generate", "--rows", "0", "--out", csv.toString());

        assertThat(csv).hasContent("previous");
    }

    @Test
    void unknownOrMissingCommandsAreUsageErrors() {
        Run unknown = run("genrate", "--rows", "5");
        Run none = run();

        assertThat(unknown.exitCode()).isEqualTo(2);
        assertThat(unknown.err()).contains("Unmatched arguments", "generate");
        assertThat(none.exitCode()).isEqualTo(2);
        assertThat(none.err()).contains("missing command");
    }

    @Test
    void helpAndVersionSucceed() {
        Run help = run("--help");
        Run generateHelp = run("generate", "--help");
        Run version = run("--version");

        assertThat(help.exitCode()).isZero();
        assertThat(help.out()).contains("Usage: triage", "generate", "Exit codes:");
        assertThat(generateHelp.exitCode()).isZero();
        assertThat(generateHelp.out()).contains("--rows=N", "--seed=S", "--out=FILE.csv", "--label-noise",
                "--typo-rate", "--start", "--end", "default: 42");
        assertThat(version.exitCode()).isZero();
        assertThat(version.out()).contains("ticket-triage tools", "MALLET 2.1.1", "Java ");
    }
}
