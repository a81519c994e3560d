package org.tickettriage.training.bench;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/**
 * {@code benchmark startup} on the Lambda jar as built: one round of the empty main and the Lambda-shaped start, written
 * with the settings it ran with; a start that does not answer 200 fails the run instead of being timed. Checks what is
 * written, never a time.
 */
class StartupBenchmarkTest {

    private static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
    private static final Path JAR = ROOT.resolve("function/target/ticket-triage-function.jar");

    @Test
    void timesTheEmptyMainAndTheLambdaShapedStartAndWritesWhatTheyRanWith(@TempDir Path out) throws Exception {
        assertThat(JAR).as("the function module is packaged before this one").exists();

        int code = run(out, "events/classify-bug.json", "--steps", "1");

        assertThat(code).isZero();
        List<Path> files;
        try (var listing = Files.list(out)) {
            files = listing.toList();
        }
        assertThat(files).hasSize(1);
        assertThat(files.get(0).getFileName().toString()).endsWith("-test.txt");
        String report = Files.readString(files.get(0), StandardCharsets.UTF_8);
        assertThat(report).contains("# commit: ", "# machine: ", "# load average before: ", "# load average after: ",
                "# java (measured): ", "JAVA_TOOL_OPTIONS=\"-XX:+TieredCompilation -XX:TieredStopAtLevel=1\" (template.yaml's)",
                "AWS_LAMBDA_LOG_FORMAT=JSON");
        assertThat(report).contains("| empty | ", "| lambda | ", "init (handler constructed)");
        assertThat(report).contains("| log4j-setup | ", "| handleRequest | ", "| all steps | ");
    }

    @Test
    void aStartThatDoesNotAnswer200FailsTheRun(@TempDir Path out) throws Exception {
        assertThat(JAR).as("the function module is packaged before this one").exists();

        int code = run(out, "events/classify-invalid-json.json");

        assertThat(code).isEqualTo(1);
        try (var listing = Files.list(out)) {
            assertThat(listing.toList()).as("nothing written").isEmpty();
        }
    }

    private static int run(Path out, String event, String... more) {
        List<String> args = new ArrayList<>(List.of("--runs", "1", "--modes", "empty,lambda", "--archive", "off",
                "--model-load-runs", "0", "--jar", JAR.toString(), "--template", ROOT.resolve("template.yaml").toString(),
                "--event", ROOT.resolve(event).toString(), "--out", out.toString(), "--label", "test"));
        args.addAll(List.of(more));
        return new CommandLine(new StartupBenchmark()).execute(args.toArray(String[]::new));
    }
}
