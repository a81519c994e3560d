package org.tickettriage.training.evaluate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.tools.TriageTools;
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

    /** {@code triage evaluate ARGS} through the tools' entry point: {exit code, stdout, stderr}. */
    private static String[] evaluate(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] command = new String[args.length + 1];
        command[0] = "evaluate";
        System.arraycopy(args, 0, command, 1, args.length);
        int code = TriageTools.commandLine().setOut(new PrintWriter(out)).setErr(new PrintWriter(err)).execute(command);
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
                .isEqualTo(MaxEntTicketClassifier.load(model).reviewThreshold());
        assertThat(json.get("latency").get("p99Micros").asDouble()).isPositive();
        assertThat(json.get("priority").get("rows").asInt()).isEqualTo(65);
        assertThat(run[1]).contains("category: accuracy", "latency per ticket");
        assertThat(json.has("routing")).as("routing is reported only with --routing").isFalse();
        assertThat(run[1]).doesNotContain("Routing (policy");
    }

    @Test
    void jsonFiguresAreThoseOfThePredictionsItWrites() throws IOException {
        Path predictions = dir.resolve("known/predictions.csv");
        String[] run = evaluate("--model", model.toString(), "--data", Fixtures.tickets().toString(), "--json",
                "--predictions", predictions.toString(), "--warmup", "0");
        assertThat(run[0]).as(run[2]).isEqualTo("0");
        List<String> lines = run[1].lines().toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));

        // Recomputed here from the per-ticket rows, independently of Metrics and Coverage.
        List<String[]> rows = Files.readAllLines(predictions).stream().skip(1).map(l -> l.split(",")).toList();
        java.util.Set<String> labels = new java.util.TreeSet<>();
        rows.forEach(r -> { labels.add(r[1]); labels.add(r[2]); });
        long correct = rows.stream().filter(r -> r[1].equals(r[2])).count();
        double f1Sum = 0;
        for (String label : labels) {
            long tp = rows.stream().filter(r -> r[1].equals(label) && r[2].equals(label)).count();
            long actual = rows.stream().filter(r -> r[1].equals(label)).count();
            long predicted = rows.stream().filter(r -> r[2].equals(label)).count();
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = actual == 0 ? 0 : (double) tp / actual;
            f1Sum += precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
        }
        List<String[]> decided = rows.stream().filter(r -> r[4].equals("model")).toList();
        long decidedCorrect = decided.stream().filter(r -> r[1].equals(r[2])).count();

        assertThat(rows).hasSize(65);
        assertThat(json.get("accuracy").asDouble()).isCloseTo((double) correct / rows.size(), within(1e-4));
        assertThat(json.get("macroF1").asDouble()).isCloseTo(f1Sum / labels.size(), within(1e-4));
        assertThat(json.get("coverage").asDouble()).isCloseTo((double) decided.size() / rows.size(), within(1e-4));
        assertThat(json.get("accuracyAtThreshold").asDouble())
                .isCloseTo(decided.isEmpty() ? 0 : (double) decidedCorrect / decided.size(), within(1e-4));
        // The weighted score's latency part comes from the served path, as its definition says.
        assertThat(json.get("weightedScore").get("latencyFrom").asText()).isEqualTo("served path p99");
        assertThat(json.get("servedLatency").get("p99Micros").asDouble())
                .isGreaterThanOrEqualTo(json.get("servedLatency").get("p50Micros").asDouble()).isPositive();
        // The fixture is small and easy: a model trained on it that scored poorly would be a broken trainer.
        assertThat(json.get("accuracy").asDouble()).isGreaterThan(0.9);
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
        double threshold = MaxEntTicketClassifier.load(model).reviewThreshold();
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
    void routingPolicyRoutesEachTicketToTheTeamOfItsCategoryThroughTheService(@TempDir Path work) throws IOException {
        // No keyword fallbacks and no escalation cues: the model decides or a person does, and the table routes,
        // so each team's count follows from the predictions file, which evaluate writes without the router.
        Path policy = Files.createDirectories(work.resolve("policy"));
        Files.writeString(policy.resolve("routing.csv"), "category,priority,team,queue,first_response\n"
                + "Billing Inquiry,*,Money,money,P1D\n"
                + "*,*,Everyone,everyone,PT8H\n");
        Files.writeString(policy.resolve("keywords.csv"), "category,phrases\n");
        Files.writeString(policy.resolve("escalation.csv"), "cue,phrases,requires,priority,team,queue,first_response\n");
        Files.writeString(policy.resolve("review.csv"), "team,queue,first_response\nReviewers,reviewers,\n");
        Path predictions = work.resolve("predictions.csv");
        Path report = work.resolve("report");
        // The model was trained on the fixture and is sure of all of it: tickets of words it never saw give the review
        // queue some.
        Path data = work.resolve("tickets.csv");
        Files.writeString(data, Files.readString(Fixtures.tickets())
                + "901,Xyzzy,plugh,Feature Request,Low,2024-03-09T09:00:00Z\n"
                + "902,Qwerty,uiop asdf,Account Management,Low,2024-03-09T09:00:00Z\n"
                + "903,Lorem,ipsum dolor,Technical Issue,Low,2024-03-09T09:00:00Z\n");

        String[] run = evaluate("--model", model.toString(), "--data", data.toString(), "--routing",
                policy.toString(), "--predictions", predictions.toString(), "--report", report.toString(), "--json",
                "--warmup", "0");

        assertThat(run[0]).as(run[2]).isEqualTo("0");
        int money = 0;
        int everyone = 0;
        int review = 0;
        for (String line : Files.readAllLines(predictions).subList(1, 69)) {
            String[] f = line.split(",");
            if (f[4].equals("review")) {
                review++;
            } else if (f[2].equals("Billing Inquiry")) {
                money++;
            } else {
                everyone++;
            }
        }
        assertThat(money).as("the fixture has billing tickets the model is sure of").isPositive();
        assertThat(review).as("and tickets it is unsure of").isPositive();
        List<String> lines = run[1].lines().toList();
        JsonNode routing = new ObjectMapper().readTree(lines.get(lines.size() - 1)).get("routing");
        assertThat(routing.get("policy").asText()).isEqualTo(policy.toString());
        assertThat(routing.get("tickets").asInt()).isEqualTo(68);
        assertThat(count(routing.get("teams"), "Money")).isEqualTo(money);
        assertThat(count(routing.get("teams"), "Everyone")).isEqualTo(everyone);
        assertThat(count(routing.get("teams"), "Reviewers")).isEqualTo(review);
        assertThat(routing.get("teams").size()).isEqualTo(3);
        assertThat(count(routing.get("queues"), "money")).isEqualTo(money);
        assertThat(count(routing.get("decidedBy"), "model")).isEqualTo(money + everyone);
        assertThat(count(routing.get("decidedBy"), "rules")).isZero();
        assertThat(count(routing.get("decidedBy"), "review")).isEqualTo(review);
        assertThat(routing.get("needsReview").get("count").asInt()).isEqualTo(review);
        assertThat(routing.get("needsReview").get("share").asDouble()).isCloseTo(review / 68.0, within(1e-4));
        assertThat(routing.get("escalated").get("count").asInt()).isZero();
        assertThat(routing.get("unroutedCategory").get("count").asInt()).isZero();
        // The fixture's model predicts priorities on the default scale, which this policy keeps: none falls to the default.
        assertThat(count(routing.get("prioritySource"), "priority_model")).isEqualTo(68);
        assertThat(count(routing.get("prioritySource"), "priority_default")).isZero();
        assertThat(run[1]).contains("Routing (policy: " + policy + "; 68 tickets through TriageService):",
                String.format(Locale.ROOT, "Money %d (%.1f%%)", money, 100.0 * money / 68));
        assertThat(Files.readString(report.resolve("report.md"))).contains("## Routing", "| Money | " + money + " |");
    }

    @Test
    void aLabelNoRowRoutesIsCountedAsUnroutedAndWarnedAbout(@TempDir Path work) throws IOException {
        // A lone routing CSV: the bundled policy supplies keywords, escalation cues and the review queue.
        Path table = Files.writeString(work.resolve("billing-only.csv"), "category,priority,team,queue,first_response\n"
                + "Billing Inquiry,*,Money,money,P1D\n");

        String[] run = evaluate("--model", model.toString(), "--data", Fixtures.tickets().toString(), "--routing",
                table.toString(), "--json", "--warmup", "0");

        assertThat(run[0]).as(run[2]).isEqualTo("0");
        List<String> lines = run[1].lines().toList();
        JsonNode routing = new ObjectMapper().readTree(lines.get(lines.size() - 1)).get("routing");
        JsonNode unrouted = routing.get("unroutedCategory");
        assertThat(unrouted.get("count").asInt()).isPositive();
        List<String> unroutedLabels = new ArrayList<>();
        unrouted.get("categories").fieldNames().forEachRemaining(unroutedLabels::add);
        assertThat(unroutedLabels).isNotEmpty().doesNotContain("Billing Inquiry")
                .isSubsetOf("Account Management", "Bug Report", "Feature Request", "Technical Issue");
        List<String> teams = new ArrayList<>();
        routing.get("teams").fieldNames().forEachRemaining(teams::add);
        assertThat(teams).contains("Money", "Support Triage").isSubsetOf("Money", "Support Triage", "Security");
        int routed = 0;
        for (JsonNode team : routing.get("teams")) {
            routed += team.get("count").asInt();
        }
        assertThat(routed).isEqualTo(65);
        assertThat(routing.get("warnings").toString()).contains("no row routes the model's labels");
        assertThat(run[1]).contains("unrouted_category " + unrouted.get("count").asInt(), "no row routes the model's labels");
    }

    @Test
    void aBrokenRoutingPolicyIsExitCode1WithItsLineAndNoStackTrace(@TempDir Path work) throws IOException {
        Path policy = Files.createDirectories(work.resolve("policy"));
        Files.writeString(policy.resolve("routing.csv"), "category,priority,team,queue,first_response\n"
                + "Billing Inquiry,*,Money,money,P1D\n"
                + "*,*,Everyone,everyone,one day\n");

        String[] run = evaluate("--model", model.toString(), "--data", Fixtures.tickets().toString(), "--routing",
                policy.toString());

        assertThat(run[0]).isEqualTo("1");
        assertThat(run[2]).contains("evaluate: the routing policy " + policy + " has 1 error", "routing.csv:3: error:")
                .doesNotContain("Exception", "\tat ");
        assertThat(run[1]).as("nothing is scored").isEmpty();
    }

    private static int count(JsonNode counts, String name) {
        JsonNode entry = counts.get(name);
        return entry == null ? 0 : entry.get("count").asInt();
    }

    @Test
    void aMissingModelIsAClearErrorWithExitCode1() {
        String[] run = evaluate("--model", dir.resolve("nothing").toString(), "--data", Fixtures.tickets().toString());

        assertThat(run[0]).isEqualTo("1");
        assertThat(run[2]).contains("evaluate: Model directory").contains("does not exist");
    }

    @Test
    void perLanguageSplitsTheCategoryFiguresByTheColumnAndTheyAddUpToTheOverallOnes() throws IOException {
        // The fixture with a language column: "de" on even ticket ids, "en" on odd ones, blank on the first ten.
        Path data = dir.resolve("with-language.csv");
        try (var parser = org.apache.commons.csv.CSVFormat.RFC4180.builder().setHeader().setSkipHeaderRecord(true).get()
                .parse(java.nio.file.Files.newBufferedReader(Fixtures.tickets()));
             var printer = new org.apache.commons.csv.CSVPrinter(java.nio.file.Files.newBufferedWriter(data),
                     org.apache.commons.csv.CSVFormat.RFC4180)) {
            List<String> header = new java.util.ArrayList<>(parser.getHeaderNames());
            header.add("lang");
            printer.printRecord(header);
            for (var record : parser) {
                List<String> row = new java.util.ArrayList<>(record.toList());
                long id = record.get("Ticket_ID").isBlank() ? 0 : Long.parseLong(record.get("Ticket_ID"));
                row.add(id <= 10 ? "" : id % 2 == 0 ? "DE" : "en");
                printer.printRecord(row);
            }
        }

        String[] run = evaluate("--model", model.toString(), "--data", data.toString(), "--json", "--warmup", "0",
                "--per-language", "lang");

        assertThat(run[0]).as(run[2]).isEqualTo("0");
        List<String> lines = run[1].lines().toList();
        JsonNode json = new ObjectMapper().readTree(lines.get(lines.size() - 1));
        JsonNode values = json.get("perLanguage").get("values");
        assertThat(json.get("perLanguage").get("column").asText()).isEqualTo("lang");
        assertThat(values.fieldNames()).toIterable().containsExactlyInAnyOrder("en", "de", PerGroupMetrics.NONE);
        int rows = 0;
        double correct = 0;
        for (JsonNode group : values) {
            rows += group.get("rows").asInt();
            correct += group.get("rows").asInt() * group.get("accuracy").asDouble();
            assertThat(group.get("macroF1").asDouble()).isBetween(0.0, 1.0);
        }
        assertThat(rows).isEqualTo(json.get("rows").asInt());
        assertThat(correct / rows).isCloseTo(json.get("accuracy").asDouble(), org.assertj.core.data.Offset.offset(1e-3));
        assertThat(run[1]).contains("category per lang:", "  en: ", "  de: ");

        String[] missing = evaluate("--model", model.toString(), "--data", data.toString(), "--per-language", "language");
        assertThat(missing[0]).isEqualTo("1");
        assertThat(missing[2]).contains("no column 'language' for --per-language");
    }
}
