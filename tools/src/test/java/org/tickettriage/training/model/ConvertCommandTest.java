package org.tickettriage.training.model;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.training.Fixtures;
import org.tickettriage.tools.TriageTools;
import picocli.CommandLine;

/** {@code ./triage model convert}: the old format in, the model format out, checked against MALLET first. */
class ConvertCommandTest {

    record Run(int exitCode, String out, String err) {
    }

    static Run run(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        CommandLine tools = TriageTools.commandLine();
        tools.setOut(new PrintWriter(out, true));
        tools.setErr(new PrintWriter(err, true));
        int code = tools.execute(args);
        return new Run(code, out.toString(), err.toString());
    }

    /** The bundled model as it was before the model format: its two classifiers and its card. */
    static Path legacyBundledModel() {
        try {
            return Path.of(ConvertCommandTest.class.getResource("/legacy-model").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    @Test
    void convertingTheOldBundledModelGivesExactlyThePreviousBundledModelFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("converted");

        Run run = run("model", "convert", legacyBundledModel().toString(), out.toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("model maxent-9ea233dd7da9, format 1, tokenizer 1", "27342 features",
                "priority (4 labels, lowest first)", "largest difference from MALLET's probabilities over 500 probe tickets");
        assertThat(Files.readAllBytes(out.resolve(ModelDirectory.MODEL_FILE)))
                .as("the previous bundled model.bin (the fixture function/src/test/resources/model-9ea233dd7da9/) is what "
                        + "`model convert` writes")
                .isEqualTo(Files.readAllBytes(Path.of("../function/src/test/resources/model-9ea233dd7da9")
                        .resolve(ModelDirectory.MODEL_FILE)));
        assertThat(Files.readString(out.resolve(ModelDirectory.CARD_FILE)))
                .isEqualTo(Files.readString(legacyBundledModel().resolve(ModelDirectory.CARD_FILE)));
        assertThat(MaxEntTicketClassifier.load(out).priorities()).containsExactly("Low", "Medium", "High", "Critical");
    }

    @Test
    void servingRefusesTheOldFormatAndNamesThisCommand() {
        Run run = run("evaluate", "--model", legacyBundledModel().toString(), "--data", "nowhere.csv");

        assertThat(run.exitCode()).isNotZero(); // the exit-code convention is evaluate's own
        assertThat(run.err()).contains("holds a model of the old format", "./triage model convert OLD_DIR NEW_DIR");
    }

    @Test
    void evaluateSaysWhereAnEditedCardDisagreesWithTheModelFile(@TempDir Path dir) throws Exception {
        Path out = dir.resolve("converted");
        assertThat(run("model", "convert", legacyBundledModel().toString(), out.toString()).exitCode()).isZero();
        Path card = out.resolve(ModelDirectory.CARD_FILE);
        Files.writeString(card, Files.readString(card).replace("\"reviewThreshold\" : 0.4152131946916406",
                "\"reviewThreshold\" : 0.9"));

        Run run = run("evaluate", "--model", out.toString(), "--data", Fixtures.tickets().toString());

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.err()).contains("warning: the model card disagrees with the model file, which wins: "
                + "reviewThreshold: 0.4152131946916406 in model.bin, 0.9 in model-card.json");
    }

    @Test
    void loadTimePrintsTheFirstAndTenthLoadOfTheBundledModel() {
        Run run = run("model", "load-time", "--runs", "1");

        assertThat(run.exitCode()).as(run.err()).isZero();
        assertThat(run.out()).contains("1 runs each after one not counted", "model format: the bundled model",
                "first load in a fresh JVM: median", "its CPU, loading thread: median", "tenth load, same JVM:");
    }

    @Test
    void refusesToWriteOverTheOldDirectory(@TempDir Path dir) {
        Run run = run("model", "convert", legacyBundledModel().toString(), legacyBundledModel().toString());

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("NEW_DIR must differ from OLD_DIR");
    }

    @Test
    void aDirectoryThatIsNotOfTheOldFormatFailsWithItsReason(@TempDir Path dir) throws Exception {
        Run missing = run("model", "convert", dir.resolve("nowhere").toString(), dir.resolve("out").toString());
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("does not exist");

        Path empty = Files.createDirectory(dir.resolve("empty"));
        Run noCard = run("model", "convert", empty.toString(), dir.resolve("out").toString());
        assertThat(noCard.exitCode()).isEqualTo(1);
        assertThat(noCard.err()).contains("No model card at");
        assertThat(dir.resolve("out")).doesNotExist();
    }
}
