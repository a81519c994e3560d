package org.tickettriage.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.classifier.MalletTicketClassifier;
import org.tickettriage.training.Fixtures;
import org.tickettriage.training.train.TrainCommand;
import picocli.CommandLine;

class EvaluateCommandTest {

    @TempDir
    static Path dir;

    static Path model;

    @BeforeAll
    static void trainModel() {
        model = dir.resolve("model");
        int code = new CommandLine(new TrainCommand()).setOut(new PrintWriter(new StringWriter()))
                .setErr(new PrintWriter(new StringWriter()))
                .execute("--data", Fixtures.tickets().toString(), "--out", model.toString());
        assertThat(code).isZero();
    }

    private static String[] evaluate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        int code = new CommandLine(new EvaluateCommand()).setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(args);
        return new String[] {String.valueOf(code), out.toString(), err.toString()};
    }

    @Test
    void jsonIsTheLastLineOfStdoutAndHoldsTheFigures() throws IOException {
        String[] run = evaluate("--model", model.toString(), "--data", Fixtures.tickets().toString(), "--json", "--warmup", "100");

        assertThat(run[0]).as(run[2]).isEqualTo("0");
        List<String> lines = run[1].lines().toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        assertThat(json.get("rows").asInt()).isEqualTo(65);
        assertThat(json.get("accuracy").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("macroF1").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("perClass").has("Billing Inquiry")).isTrue();
        assertThat(json.get("confusion").get("labels")).hasSize(5);
        assertThat(json.get("coverage").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.has("accuracyAtThreshold")).isTrue();
        assertThat(json.get("reviewThreshold").asDouble())
                .isEqualTo(MalletTicketClassifier.load(model).reviewThreshold());
        assertThat(json.get("latency").get("p99Micros").asDouble()).isPositive();
        assertThat(json.get("priority").get("rows").asInt()).isEqualTo(65);
        assertThat(run[1]).contains("category: accuracy", "latency per ticket");
    }

    @Test
    void reportFolderHoldsMarkdownChartsAndTheJsonFigures() throws IOException {
        Path report = dir.resolve("report");

        String[] run = evaluate("--model", model.toString(), "--data", Fixtures.tickets().toString(), "--report",
                report.toString(), "--title", "fixture", "--warmup", "0");

        assertThat(run[0]).as(run[2]).isEqualTo("0");
        assertThat(Files.readString(report.resolve("report.md"))).startsWith("# fixture")
                .contains("| accuracy |", "expected calibration error", "![confusion matrix](confusion.png)", "## Per class");
        for (String png : List.of("confusion.png", "risk-coverage.png", "reliability.png")) {
            byte[] bytes = Files.readAllBytes(report.resolve(png));
            assertThat(bytes).as(png).startsWith((byte) 0x89, (byte) 'P', (byte) 'N', (byte) 'G');
        }
        JsonNode json = new ObjectMapper().readTree(report.resolve("metrics.json").toFile());
        assertThat(json.get("weightedScore").get("score").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("ece").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("riskCoverage").get("area").asDouble()).isBetween(0.0, 1.0);
        assertThat(json.get("hyperParameters").get("features").get("wordBigrams").isBoolean()).isTrue();
        assertThat(run[1]).contains("weighted score", "calibration: expected calibration error");
    }

    @Test
    void predictionsCsvHasOneRowPerTicketWithTheDecisionAtTheThreshold() throws IOException {
        Path predictions = dir.resolve("out/predictions.csv");

        String[] run = evaluate("--model", model.toString(), "--data", Fixtures.tickets().toString(),
                "--predictions", predictions.toString(), "--warmup", "0");

        assertThat(run[0]).as(run[2]).isEqualTo("0");
        List<String> lines = Files.readAllLines(predictions);
        assertThat(lines.get(0)).isEqualTo("row,label,predicted,confidence,decided_by");
        assertThat(lines).hasSize(66);
        double threshold = MalletTicketClassifier.load(model).reviewThreshold();
        for (String line : lines.subList(1, lines.size())) {
            String[] f = line.split(",");
            assertThat(f).hasSize(5);
            double confidence = Double.parseDouble(f[3]);
            // The file rounds confidence to 4 places; the decision was taken on the exact value.
            if (Math.abs(confidence - threshold) > 1e-4) {
                assertThat(f[4]).isEqualTo(confidence >= threshold ? "model" : "review");
            }
        }
        assertThat(lines.get(1)).startsWith("1,Billing Inquiry,");
        assertThat(lines).noneMatch(l -> l.startsWith("61,")); // the blank row 61 is skipped, not scored
    }

    @Test
    void aMissingModelIsAClearErrorWithExitCode2() {
        String[] run = evaluate("--model", dir.resolve("nothing").toString(), "--data", Fixtures.tickets().toString());

        assertThat(run[0]).isEqualTo("2");
        assertThat(run[2]).contains("evaluate: Model directory").contains("does not exist");
    }
}
