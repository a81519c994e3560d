package org.tickettriage.training.evaluate;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.commons.csv.CSVFormat;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.ModelCard;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.rules.DroolsRouter;
import org.tickettriage.rules.routing.PolicyFiles;
import org.tickettriage.rules.routing.PolicyReader;
import org.tickettriage.rules.routing.RoutingPolicy;
import org.tickettriage.tools.cli.ExitCodes;
import org.tickettriage.training.cli.ColumnOptions;
import org.tickettriage.training.cli.ToolException;
import org.tickettriage.training.data.ColumnSpec;
import org.tickettriage.training.data.Dataset;
import org.tickettriage.training.data.DatasetException;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.data.TicketCsvReader;
import org.tickettriage.training.report.EvaluationReport;
import org.tickettriage.triage.InvalidTicketException;
import org.tickettriage.triage.LanguageDetector;
import org.tickettriage.triage.Ticket;
import org.tickettriage.triage.TriageService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/**
 * {@code evaluate}: scores a labelled CSV with a model loaded by {@link MaxEntTicketClassifier#load}, the
 * serving code: accuracy, per-class and macro precision/recall/F1, the confusion matrix, coverage and accuracy
 * at the model's review threshold, calibration, the risk-coverage curve, per-ticket latency and the weighted score;
 * optionally a report folder with charts, and with {@code --routing} how a routing policy routes the tickets
 * ({@link RoutingEvaluation}).
 */
@Command(name = "evaluate", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Scores a labelled CSV with a trained model. With --json the last line of stdout is one JSON object.")
public final class EvaluateCommand implements Callable<Integer> {

    private static final ObjectMapper JSON = JsonMapper.builder().build();
    /** The {@code --per-language} value that groups by the detected language. */
    static final String DETECTED = "detected";

    @Spec
    private CommandSpec spec;

    @Option(names = "--model", paramLabel = "DIR", description = "The model directory (default: the bundled model).")
    private Path model;

    @Option(names = "--data", required = true, paramLabel = "FILE.csv", description = "Labelled data (UTF-8 CSV with a header).")
    private Path data;

    @Mixin
    private ColumnOptions columnOptions = new ColumnOptions();

    @Option(names = "--json", description = "Print the figures as one JSON object on the last line of stdout.")
    private boolean json;

    @Option(names = "--predictions", paramLabel = "OUT.csv",
            description = "Write row,label,predicted,confidence,decided_by for every scored row.")
    private Path predictions;

    @Option(names = "--report", paramLabel = "DIR",
            description = "Also write a report folder: report.md, confusion.png, risk-coverage.png, reliability.png, metrics.json.")
    private Path report;

    // Not reported by default: it costs a rule-base build and a second pass over the tickets, and would change the
    // default output that benchmarks/results.sh commits; pass the bundled policy's folder to see the default routing.
    @Option(names = "--routing", paramLabel = "PATH",
            description = "Also route every ticket through the service with this routing policy (a folder, or a lone "
                    + "routing CSV: docs/ROUTING.md) and report teams, queues, decidedBy, review, escalated and unrouted "
                    + "shares, with the policy's warnings for the model. Without it, no routing is reported.")
    private Path routing;

    @Option(names = "--per-language", paramLabel = "COLUMN",
            description = "Also report the category's accuracy and macro-F1 for each value of COLUMN, the column that "
                    + "holds each row's language (helpdesk_en_de: language); rows with a blank value count as (none). "
                    + "'detected' groups the rows by the language the service detects instead (und: no honest answer).")
    private String perLanguage;

    @Option(names = "--title", paramLabel = "TEXT", description = "The report's heading (default: the data file's name).")
    private String title;

    @Option(names = "--latency-budget", defaultValue = "100", paramLabel = "MICROS",
            description = "p99 per-ticket latency that earns the weighted score's full latency part (default: ${DEFAULT-VALUE} µs).")
    private double latencyBudget;

    // 20,000 left C2 compiling during the timed pass on 2 cores: p50 52 µs against 14 µs after 100,000 (bundled model).
    @Option(names = "--warmup", defaultValue = "100000", paramLabel = "N",
            description = "Classifications run before timing, so latency is that of a warm JVM (default: ${DEFAULT-VALUE}).")
    private int warmup;

    @Override
    public Integer call() {
        if (warmup < 0) {
            throw new ParameterException(spec.commandLine(), "--warmup must not be negative");
        }
        if (!(latencyBudget > 0)) {
            throw new ParameterException(spec.commandLine(), "--latency-budget must be positive");
        }
        PrintWriter out = spec.commandLine().getOut();
        PrintWriter err = spec.commandLine().getErr();
        // A dataset, model or routing policy that cannot be used fails the command (exit 1) through the entry point.
        try {
            run(out, err);
            return ExitCodes.SUCCESS;
        } catch (IOException e) {
            throw new ToolException("cannot write the predictions or the report: " + e.getMessage(), e);
        } finally {
            out.flush();
            err.flush();
        }
    }

    private void run(PrintWriter out, PrintWriter err) throws IOException {
        // Read first: a broken policy is reported before minutes of scoring, not after.
        RoutingPolicy policy = routing == null ? null : PolicyReader.read(PolicyFiles.at(routing));
        long loadStart = System.nanoTime();
        MaxEntTicketClassifier classifier = model == null ? MaxEntTicketClassifier.loadBundled() : MaxEntTicketClassifier.load(model);
        double loadMillis = (System.nanoTime() - loadStart) / 1e6;
        ModelCard card = model == null ? ModelDirectory.readBundledCard() : ModelDirectory.readCard(model);
        for (String disagreement : ModelDirectory.disagreements(classifier.model(), card)) {
            err.println("warning: the model card disagrees with the model file, which wins: " + disagreement);
        }

        // Read once (about 0.5 s of CPU and 35 MiB): the served-path timing, --per-language detected and --routing use it.
        LanguageDetector languageDetector = LanguageDetector.load(LanguageDetector.DEFAULT_LANGUAGES);
        ColumnSpec columns = columnOptions.columns();
        Dataset dataset = TicketCsvReader.read(data, columns);
        Map<Long, String> languages = perLanguage == null ? null
                : perLanguage.equals(DETECTED) ? detectedLanguages(languageDetector, dataset.tickets())
                : TicketCsvReader.columnValues(data, perLanguage, "--per-language");
        err.println(dataset.summary());
        List<LabeledTicket> tickets = dataset.tickets();
        if (tickets.isEmpty()) {
            throw new DatasetException(data + " has no usable rows.");
        }

        warmUp(classifier, tickets);
        ModelScorer.Scores scores = ModelScorer.score(classifier, tickets);
        Metrics category = scores.categoryMetrics(classifier.categories());
        Metrics priority = classifier.hasPriorityModel() ? scores.priorityMetrics(classifier.priorities()) : null;
        double threshold = classifier.reviewThreshold();
        ReviewThresholds.AtThreshold atThreshold = ReviewThresholds.at(scores.category(), threshold);
        Latency latency = Latency.of(scores.nanos());
        Calibration calibration = Calibration.of(scores.category(), Calibration.DEFAULT_BINS);
        RiskCoverage curve = RiskCoverage.of(scores.category(), 200);
        // The weighted score's latency part is defined on the served path: validate, classify, explain and route,
        // as TriageService does for every request (with --routing's policy, else the bundled one).
        Latency served = servedLatency(classifier, policy == null ? RoutingPolicy.bundled() : policy, languageDetector, tickets);
        WeightedScore weighted = WeightedScore.of(category, served.p99Micros(), latencyBudget);

        out.printf(Locale.ROOT, "model %s (%s), loaded in %.0f ms; %d tickets from %s%n", classifier.modelVersion(),
                model == null ? "bundled" : model, loadMillis, tickets.size(), data);
        out.print(category.render("category"));
        if (priority != null) {
            out.print(priority.render("priority"));
        } else if (!classifier.hasPriorityModel()) {
            out.println("priority: the model has no priority head");
        } else {
            out.println("priority: no priority labels in " + data);
        }
        out.printf(Locale.ROOT, "review threshold %.4f: the model decides %.1f%% of tickets alone (%d), %.2f%% of them correctly%n",
                threshold, 100 * atThreshold.coverage(), atThreshold.covered(), 100 * atThreshold.accuracy());
        out.printf(Locale.ROOT, "latency per ticket (category and priority, after %d warm-up classifications): "
                + "p50 %.1f µs, p99 %.1f µs, max %.1f µs (%s)%n", warmup, latency.p50Micros(), latency.p99Micros(),
                latency.maxMicros(), Machine.describe());
        out.printf(Locale.ROOT, "latency per ticket on the served path (TriageService.triage: validate, classify, explain, route): "
                + "p50 %.1f µs, p99 %.1f µs, max %.1f µs%n", served.p50Micros(), served.p99Micros(), served.maxMicros());
        out.printf(Locale.ROOT, "calibration: expected calibration error %.4f (15 bins); risk-coverage: accuracy %.4f / %.4f / %.4f "
                + "on the surest 50%% / 80%% / 90%%, area %.4f%n", calibration.ece(), curve.accuracyAt(0.5), curve.accuracyAt(0.8),
                curve.accuracyAt(0.9), curve.areaUnderCurve());
        out.printf(Locale.ROOT, "weighted score %.4f (accuracy 40%%, macro precision and recall 30%%, macro F1 20%%, latency 10%% "
                + "with a p99 budget of %.0f µs on the served path: latency part %.2f)%n", weighted.score(), latencyBudget,
                weighted.latencyScore());
        PerGroupMetrics byLanguage = languages == null ? null
                : PerGroupMetrics.of(perLanguage, languages, tickets, scores.category(), classifier.categories());
        if (byLanguage != null) {
            out.print(byLanguage.render());
        }
        RoutingEvaluation routed = policy == null ? null : RoutingEvaluation.of(classifier, policy, languageDetector, tickets);
        if (routed != null) {
            out.print(routed.render());
        }

        if (predictions != null) {
            writePredictions(tickets, scores.category(), threshold);
            err.println("wrote " + predictions);
        }
        Map<String, Object> figures = json(classifier, dataset, category, priority, atThreshold, latency, loadMillis);
        figures.put("servedLatency", Map.of("p50Micros", Metrics.round(served.p50Micros()),
                "p99Micros", Metrics.round(served.p99Micros()), "maxMicros", Metrics.round(served.maxMicros())));
        figures.put("weightedScore", Map.of("score", Metrics.round(weighted.score()), "latencyScore",
                Metrics.round(weighted.latencyScore()), "latencyBudgetMicros", latencyBudget,
                "latencyFrom", "served path p99"));
        figures.put("ece", Metrics.round(calibration.ece()));
        figures.put("riskCoverage", Map.of("area", Metrics.round(curve.areaUnderCurve()),
                "accuracyAt50", Metrics.round(curve.accuracyAt(0.5)), "accuracyAt80", Metrics.round(curve.accuracyAt(0.8)),
                "accuracyAt90", Metrics.round(curve.accuracyAt(0.9))));
        figures.put("machine", Machine.describe());
        figures.put("hyperParameters", card.hyperParameters());
        if (routed != null) {
            figures.put("routing", routed.toJson());
        }
        if (byLanguage != null) {
            figures.put("perLanguage", byLanguage.toJson());
        }
        if (report != null) {
            String heading = title != null ? title : data.getFileName().toString();
            EvaluationReport.write(report, new EvaluationReport.Content(heading, card, category,
                    calibration, curve, figures, Machine.describe()));
            err.println("wrote the report " + report.resolve(EvaluationReport.MARKDOWN));
        }
        if (json) {
            out.println(JSON.writeValueAsString(figures));
        }
    }

    /** The languages {@code detector} (the service's default set) finds, by row. */
    private static Map<Long, String> detectedLanguages(LanguageDetector detector, List<LabeledTicket> tickets) {
        Map<Long, String> languages = new java.util.HashMap<>();
        for (LabeledTicket ticket : tickets) {
            languages.put(ticket.row(), detector.detect(ticket.subject(), ticket.description()).language());
        }
        return languages;
    }

    /** Per-ticket time of {@code TriageService.triage} over the tickets, after as many warm-up tickets as the classifier's. */
    private Latency servedLatency(MaxEntTicketClassifier classifier, RoutingPolicy policy, LanguageDetector languages,
                                  List<LabeledTicket> tickets) {
        try (DroolsRouter router = DroolsRouter.create(policy)) {
            // As served: the default language set is detected for every ticket.
            TriageService service = new TriageService(classifier, router, java.util.OptionalDouble.empty(), languages);
            List<Ticket> requests = tickets.stream().map(t -> new Ticket(null, t.subject(), t.description(), null, null)).toList();
            for (int i = 0; i < warmup; i++) {
                triageQuietly(service, requests.get(i % requests.size()));
            }
            long[] nanos = new long[requests.size()];
            for (int i = 0; i < nanos.length; i++) {
                long start = System.nanoTime();
                triageQuietly(service, requests.get(i));
                nanos[i] = System.nanoTime() - start;
            }
            return Latency.of(nanos);
        }
    }

    /** A ticket the service refuses (an empty one) costs its validation; that is what serving it costs too. */
    private static void triageQuietly(TriageService service, Ticket ticket) {
        try {
            service.triage(ticket);
        } catch (InvalidTicketException e) {
            // counted as served: the caller got its 400
        }
    }

    private void warmUp(MaxEntTicketClassifier classifier, List<LabeledTicket> tickets) {
        for (int i = 0; i < warmup; i++) {
            LabeledTicket t = tickets.get(i % tickets.size());
            classifier.classify(t.subject(), t.description());
        }
    }

    private void writePredictions(List<LabeledTicket> tickets, List<ScoredTicket> scored, double threshold) throws IOException {
        Path parent = predictions.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        // CSVFormat.format quotes a label holding a comma or a quote; CSVPrinter itself is avoided because its
        // class file carries a SpotBugs annotation javac then warns about.
        CSVFormat format = CSVFormat.RFC4180;
        try (Writer writer = Files.newBufferedWriter(predictions, StandardCharsets.UTF_8)) {
            writer.write(format.format("row", "label", "predicted", "confidence", "decided_by"));
            writer.write('\n');
            for (int i = 0; i < tickets.size(); i++) {
                ScoredTicket s = scored.get(i);
                writer.write(format.format(tickets.get(i).row(), s.actual(), s.predicted(),
                        String.format(Locale.ROOT, "%.4f", s.confidence()),
                        s.confidence() >= threshold ? "model" : "review"));
                writer.write('\n');
            }
        }
    }

    private Map<String, Object> json(MaxEntTicketClassifier classifier, Dataset dataset, Metrics category, Metrics priority,
                                     ReviewThresholds.AtThreshold atThreshold, Latency latency, double loadMillis) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("modelVersion", classifier.modelVersion());
        json.put("data", dataset.source());
        json.put("dataSha256", dataset.sha256());
        json.putAll(category.toJson());
        json.put("reviewThreshold", classifier.reviewThreshold());
        json.put("coverage", Metrics.round(atThreshold.coverage()));
        json.put("accuracyAtThreshold", Metrics.round(atThreshold.accuracy()));
        json.put("priority", priority == null ? null : priority.toJson());
        Map<String, Object> time = new LinkedHashMap<>();
        time.put("p50Micros", Metrics.round(latency.p50Micros()));
        time.put("p99Micros", Metrics.round(latency.p99Micros()));
        time.put("maxMicros", Metrics.round(latency.maxMicros()));
        time.put("warmup", warmup);
        json.put("latency", time);
        json.put("modelLoadMillis", Metrics.round(loadMillis));
        return json;
    }
}
