package org.tickettriage.tools;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.tickettriage.email.Corpus;
import org.tickettriage.handler.FreshJvm;
import org.tickettriage.tools.cli.ExitCodes;
import org.tickettriage.training.Fixtures;
import org.tickettriage.triage.PolicyFolders;
import picocli.CommandLine;

/**
 * One exit-code convention for every {@code ./triage} command, through the real entry point ({@link TriageTools#run},
 * what {@code main} runs before {@code System.exit}, and {@code main} itself in fresh JVMs): 0 success, 1 failure (a
 * bad input file included), 2 usage error. One test per class of failure.
 */
class ExitCodesTest {

    @TempDir
    Path dir;

    /** What one run printed and returned. */
    private record Run(int exitCode, String out, String err) {
    }

    private static Run triage(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int code = TriageTools.run(new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8), args);
        return new Run(code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    private static void assertFailure(Run run, String command, String message) {
        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).contains("triage " + command + ": ").contains(message).doesNotContain("\tat ");
    }

    @Test
    void aCommandThatDoesWhatItWasAskedExitsZero() {
        Path policy = PolicyFolders.routing(dir.resolve("policy"), "*,*,Support,support,P1D\n");

        assertThat(triage("routing", "check", policy.toString()).exitCode()).isEqualTo(ExitCodes.SUCCESS);
    }

    @Test
    void aDatasetThatCannotBeReadIsAFailure() {
        assertFailure(triage("train", "--data", dir.resolve("missing.csv").toString(), "--out", dir.resolve("m").toString()),
                "train", "No such file");
    }

    @Test
    void aModelThatCannotBeLoadedIsAFailure() throws IOException {
        Path empty = Files.createDirectories(dir.resolve("empty-model"));

        assertFailure(triage("evaluate", "--model", empty.toString(), "--data", Fixtures.tickets().toString()),
                "evaluate", "model.bin");
    }

    @Test
    void aRoutingPolicyWithErrorsIsAFailureWithEveryErrorAndItsLine() {
        Path policy = PolicyFolders.routing(dir.resolve("policy"), "Bug Report,Urgent,Engineering,engineering,PT4H\n");

        assertFailure(triage("evaluate", "--data", Fixtures.tickets().toString(), "--routing", policy.toString()),
                "evaluate", "routing.csv:2: error: unknown priority 'Urgent'");
        Run check = triage("routing", "check", policy.toString());
        assertThat(check.exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(check.out()).contains("routing.csv:2: error: unknown priority 'Urgent'", "FAILED");
    }

    @Test
    void anEventFileThatCannotBeReadIsAFailure() throws IOException {
        Path notJson = Files.writeString(dir.resolve("event.json"), "{ not json");

        assertFailure(triage("invoke", "--template", "../template.yaml", "--event", dir.resolve("missing.json").toString()),
                "invoke", "not found");
        assertFailure(triage("invoke", "--template", "../template.yaml", "--event", notJson.toString()),
                "invoke", "is not valid JSON");
    }

    @Test
    void aModelDirectoryOrPolicyThatDoesNotExistIsAFailure() {
        assertFailure(triage("serve", "--port", "0", "--model", dir.resolve("no-model").toString()),
                "serve", "model directory");
        assertFailure(triage("ingest-email", "--routing", dir.resolve("no-policy").toString(),
                Corpus.DIR.resolve("plain-bug-report.eml").toString()), "ingest-email", "not found");
        assertFailure(triage("ingest-email", dir.resolve("no-such.eml").toString()), "ingest-email", "no file or folder");
    }

    @Test
    void anOutputThatCannotBeWrittenIsAFailure() throws IOException {
        Path file = Files.writeString(dir.resolve("a-file"), "not a folder");

        Run run = triage("generate", "--rows", "10", "--out", file.resolve("tickets.csv").toString(), "--no-progress");

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.FAILURE);
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void aSettingThatStopsTheStartIsAFailureNamingTheVariable() throws Exception {
        Path policy = PolicyFolders.routing(dir.resolve("policy"), "*,*,Support,support,P1D\n");

        FreshJvm.Result result = FreshJvm.run(TriageTools.class, List.of("-DTRIAGE_S3_PATH_STYLE=yes"),
                "routing", "check", policy.toString());

        assertThat(result.exitCode()).as(result.both()).isEqualTo(ExitCodes.FAILURE);
        assertThat(result.stderr()).contains("TRIAGE_S3_PATH_STYLE=yes is neither true nor false").doesNotContain("\tat ");
    }

    static List<List<String>> usageErrors() {
        return List.of(
                List.of(),                                                       // no command
                List.of("bogus"),                                                // unknown command
                List.of("train", "--data", "x.csv", "--out", "m", "--bogus"),    // unknown option
                List.of("evaluate"),                                             // missing required option
                List.of("routing", "check"),                                     // missing parameter
                List.of("routing"),                                              // missing subcommand
                List.of("model"),
                List.of("benchmark"),
                List.of("generate", "--rows", "many", "--out", "x.csv"),         // a value of the wrong type
                List.of("serve", "--port", "70000"),                             // a value out of range
                List.of("serve", "--routing", " "),                              // a blank value
                List.of("train", "--data", "x.csv", "--out", "m", "--where", "no-equals-sign"),
                List.of("evaluate", "--data", "x.csv", "--warmup", "-1"),
                List.of("invoke"));
    }

    @ParameterizedTest
    @MethodSource("usageErrors")
    void aWrongCommandLineIsAUsageError(List<String> args) {
        Run run = triage(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(run.err()).isEqualTo(ExitCodes.USAGE);
        assertThat(run.err()).doesNotContain("\tat ");
    }

    @Test
    void everyCommandsHelpListsTheExitCodes() {
        List<String> commands = new ArrayList<>();
        collect(TriageTools.commandLine(), List.of(), commands);
        assertThat(commands).contains("serve", "invoke", "ingest-email", "routing check", "generate", "train", "evaluate",
                "benchmark latency", "benchmark cold-start", "model convert", "model load-time", "report");

        for (String command : commands) {
            List<String> args = new ArrayList<>(List.of(command.split(" ")));
            args.add("--help");
            Run help = triage(args.toArray(String[]::new));

            assertThat(help.exitCode()).as(command).isZero();
            assertThat(help.out()).as(command).contains("Exit codes:")
                    .containsPattern("(?m)^ *0 +\\S").containsPattern("(?m)^ *1 +\\S").containsPattern("(?m)^ *2 +usage error");
        }
    }

    /** The qualified names of every command with a --help option, below {@code command}. */
    private static void collect(CommandLine command, List<String> path, List<String> names) {
        for (var sub : command.getSubcommands().entrySet()) {
            CommandLine child = sub.getValue();
            if (child.getCommandSpec().usageMessage().hidden() || sub.getKey().equals("help")) {
                continue;
            }
            List<String> childPath = new ArrayList<>(path);
            childPath.add(sub.getKey());
            if (child.getCommandSpec().optionsMap().containsKey("--help")) {
                names.add(String.join(" ", childPath));
            }
            collect(child, childPath, names);
        }
    }

    @Test
    void mainExitsTheProcessWithTheSameCodes() throws Exception {
        assertThat(FreshJvm.run(TriageTools.class, List.of(), "--version").exitCode()).isEqualTo(ExitCodes.SUCCESS);
        assertThat(FreshJvm.run(TriageTools.class, List.of(), "invoke", "--template", "../template.yaml",
                "--event", dir.resolve("missing.json").toString()).exitCode()).isEqualTo(ExitCodes.FAILURE);
        assertThat(FreshJvm.run(TriageTools.class, List.of(), "train", "--bogus").exitCode()).isEqualTo(ExitCodes.USAGE);
    }
}
