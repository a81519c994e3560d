package org.tickettriage.training.report;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;
import java.util.stream.Stream;
import org.tickettriage.training.train.Prior;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Assembles {@code docs/RESULTS.md} from the report folders that {@code evaluate --report} wrote under one results
 * folder, the scikit-learn baseline figures ({@code baselines/NAME.json}) and the hand-written notes
 * ({@code notes.md}, included as they are). A folder holding report folders instead of a report (one model per
 * repository, as NLBSE'24 asks) is one dataset whose figures are the means over its reports.
 */
@Command(name = "report", mixinStandardHelpOptions = true,
        description = "Writes the RESULTS page from evaluation report folders and baseline figures.")
public final class ResultsPage implements Callable<Integer> {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** How far below the best TF-IDF + LinearSVC baseline a language's figures may be (issue 12). */
    private static final double PER_LANGUAGE_TOLERANCE = 0.01;

    /**
     * Datasets an issue sets a target for: the metric compared and the target (NaN: the best baseline), met when ours
     * is at most {@code tolerance} below it.
     */
    private record Target(String dataset, String metric, double value, double tolerance, String source) {
    }

    private static final List<Target> TARGETS = List.of(
            new Target("banking77", "accuracy", 0.91, 0, "issue 3"),
            new Target("nlbse24", "macroF1", 0.78, 0, "issue 3 (mean of per-repository macro-F1)"),
            new Target("synthetic", "accuracy", Double.NaN, 0, "issue 3: at least the best baseline"),
            new Target("helpdesk_en_de", "accuracy", Double.NaN, PER_LANGUAGE_TOLERANCE,
                    "issue 12: within 0.01 of the best baseline, per language too"));

    /** The order of the page; other report folders follow alphabetically. */
    private static final List<String> ORDER = List.of("synthetic", "bundled", "banking77", "nlbse24", "helpdesk_en_de");

    @Option(names = "--results", required = true, paramLabel = "DIR", description = "The folder of report folders (docs/results).")
    Path results;

    @Option(names = "--out", required = true, paramLabel = "FILE.md", description = "The page to write (docs/RESULTS.md).")
    Path out;

    @Override
    public Integer call() throws IOException {
        List<String> names = new ArrayList<>();
        try (Stream<Path> dirs = Files.list(results)) {
            dirs.filter(Files::isDirectory).map(p -> p.getFileName().toString()).filter(n -> !n.equals("baselines"))
                    .sorted((a, b) -> {
                        int ia = ORDER.indexOf(a);
                        int ib = ORDER.indexOf(b);
                        return ia >= 0 && ib >= 0 ? Integer.compare(ia, ib) : ia >= 0 ? -1 : ib >= 0 ? 1 : a.compareTo(b);
                    }).forEach(names::add);
        }
        List<Dataset> datasets = new ArrayList<>();
        for (String name : names) {
            Dataset d = Dataset.read(results, name);
            if (d != null) {
                datasets.add(d);
            }
        }
        Path relative = out.toAbsolutePath().getParent().relativize(results.toAbsolutePath());
        Path notesFile = results.resolve("notes.md");
        String notes = Files.isRegularFile(notesFile) ? Files.readString(notesFile, StandardCharsets.UTF_8) : null;
        Path scoringFile = results.resolve(SCORING_LOG);
        List<List<String>> scorings = Files.isRegularFile(scoringFile) ? scoringLog(scoringFile) : List.of();
        String page = render(datasets, relative.toString().replace('\\', '/'), notes, scorings);
        Files.writeString(out, page, StandardCharsets.UTF_8);
        System.err.println("wrote " + out + " (" + datasets.size() + " datasets)");
        return 0;
    }

    /** One dataset's figures: a report, or the means of a folder of reports. */
    record Dataset(String name, List<String> parts, List<JsonNode> metrics, List<JsonNode> training, JsonNode baselines,
                   List<String> extras) {

        static Dataset read(Path results, String name) throws IOException {
            Path dir = results.resolve(name);
            List<String> parts = new ArrayList<>();
            if (Files.isRegularFile(dir.resolve(EvaluationReport.JSON_FILE))) {
                parts.add(name);
            } else {
                try (Stream<Path> children = Files.list(dir)) {
                    children.filter(p -> Files.isRegularFile(p.resolve(EvaluationReport.JSON_FILE)))
                            .map(p -> name + "/" + p.getFileName()).sorted().forEach(parts::add);
                }
            }
            if (parts.isEmpty()) {
                return null;
            }
            List<JsonNode> metrics = new ArrayList<>();
            List<JsonNode> training = new ArrayList<>();
            for (String part : parts) {
                metrics.add(JSON.readTree(results.resolve(part).resolve(EvaluationReport.JSON_FILE).toFile()));
                Path train = results.resolve(part).resolve("train.json");
                training.add(Files.isRegularFile(train) ? JSON.readTree(train.toFile()) : null);
            }
            Path baseline = results.resolve("baselines").resolve(name + ".json");
            // Other measurements of the same model, e.g. `benchmark latency`: their first line is the command.
            List<String> extras = new ArrayList<>();
            Path latency = dir.resolve("latency.txt");
            if (Files.isRegularFile(latency)) {
                extras.add(Files.readString(latency, StandardCharsets.UTF_8).strip());
            }
            return new Dataset(name, parts, metrics, training,
                    Files.isRegularFile(baseline) ? JSON.readTree(baseline.toFile()) : null, extras);
        }

        double mean(String... path) {
            return metrics.stream().mapToDouble(m -> at(m, path)).average().orElse(Double.NaN);
        }

        double max(String... path) {
            return metrics.stream().mapToDouble(m -> at(m, path)).max().orElse(Double.NaN);
        }

        double trainSeconds() {
            return training.stream().mapToDouble(t -> t == null ? Double.NaN : t.path("trainSeconds").asDouble(Double.NaN)).sum();
        }
    }

    private static double at(JsonNode node, String... path) {
        JsonNode n = node;
        for (String p : path) {
            n = n.path(p);
        }
        return n.isNumber() ? n.asDouble() : Double.NaN;
    }

    /** The log of every scoring of a test split, one row each, which benchmarks/results.sh appends to. */
    static final String SCORING_LOG = "test-scoring.csv";

    /** The log's rows, header first. */
    private static List<List<String>> scoringLog(Path file) throws IOException {
        try (org.apache.commons.csv.CSVParser parser = org.apache.commons.csv.CSVParser.parse(
                Files.readString(file, StandardCharsets.UTF_8), org.apache.commons.csv.CSVFormat.RFC4180)) {
            return parser.getRecords().stream().map(org.apache.commons.csv.CSVRecord::toList).toList();
        }
    }

    private static String render(List<Dataset> datasets, String resultsLink, String notes, List<List<String>> scorings) {
        StringBuilder md = new StringBuilder();
        md.append("# Results\n\n");
        md.append("Generated by `benchmarks/results.sh` (which runs `./triage train`, `./triage evaluate --report`, ")
                .append("`benchmarks/baselines.py` and this page's generator, `ResultsPage`); this page was assembled on ")
                .append(Instant.now().truncatedTo(ChronoUnit.MINUTES)).append(" from the reports under `").append(resultsLink)
                .append("/` (each report's own run is in its train.json and evaluate.txt). Every figure is on the official test ")
                .append("split (synthetic: a test set generated with another seed); how often each test split was scored, ")
                .append("and why, is listed under *Test-split scoring* below (`").append(resultsLink).append("/").append(SCORING_LOG)
                .append("`, which results.sh appends to)").append(scoringCounts(scorings)).append(". Every setting was chosen on ")
                .append("the training data only (a validation split, or 5-fold cross-validation below 3,000 training rows). ")
                .append("Latency is measured on a shared machine whose load is stated next to each figure. Baselines: scikit-learn ")
                .append(sklearnVersion(datasets)).append(", `benchmarks/baselines.py`.\n\n");

        md.append("## Summary\n\n| dataset | metric | ours (`./triage train`) | best baseline | target | met |\n|---|---|---|---|---|---|\n");
        for (Dataset d : datasets) {
            Target t = TARGETS.stream().filter(x -> x.dataset().equals(d.name())).findFirst().orElse(null);
            if (t == null) {
                continue;
            }
            double ours = d.mean(t.metric());
            Baseline best = bestBaseline(d, t.metric());
            double target = (Double.isNaN(t.value()) ? (best == null ? Double.NaN : best.value()) : t.value()) - t.tolerance();
            md.append(String.format(Locale.ROOT, "| %s | %s | **%.4f** | %s | %s | %s |%n", d.name(), metricName(t.metric(), d),
                    ours, best == null ? "not measured" : String.format(Locale.ROOT, "%.4f (%s)", best.value(), best.name()),
                    Double.isNaN(target) ? "?" : String.format(Locale.ROOT, "≥ %.4f", target),
                    met(ours, target)));
        }
        md.append('\n');

        for (Dataset d : datasets) {
            md.append("## ").append(d.name()).append("\n\n");
            md.append("| model | accuracy | macro precision | macro recall | macro F1 | weighted score |\n|---|---|---|---|---|---|\n");
            md.append(String.format(Locale.ROOT, "| **ours** | %.4f | %.4f | %.4f | %.4f | %.4f |%n", d.mean("accuracy"),
                    d.mean("macroPrecision"), d.mean("macroRecall"), d.mean("macroF1"), d.mean("weightedScore", "score")));
            if (d.baselines() != null) {
                for (JsonNode b : d.baselines()) {
                    md.append(String.format(Locale.ROOT, "| %s | %.4f | %.4f | %.4f | %.4f | |%n", b.path("baseline").asText(),
                            b.path("accuracy").asDouble(), b.path("macroPrecision").asDouble(), b.path("macroRecall").asDouble(),
                            b.path("macroF1").asDouble()));
                }
            }
            md.append('\n');
            perLanguage(md, d);
            if (d.parts().size() > 1) {
                md.append("Means over ").append(d.parts().size()).append(" models, one per part: ");
                List<String> each = new ArrayList<>();
                for (int i = 0; i < d.parts().size(); i++) {
                    each.add(String.format(Locale.ROOT, "[%s](%s/%s/report.md) macro-F1 %.4f", d.parts().get(i).substring(d.name().length() + 1),
                            resultsLink, d.parts().get(i), at(d.metrics().get(i), "macroF1")));
                }
                md.append(String.join(", ", each)).append(".\n\n");
            }
            JsonNode first = d.metrics().get(0);
            md.append(String.format(Locale.ROOT, "- calibration: expected calibration error %.4f; risk-coverage area %.4f; at the "
                            + "review threshold the model decides %.1f%% of tickets alone, %.2f%% of them correctly%n",
                    d.mean("ece"), d.mean("riskCoverage", "area"), 100 * d.mean("coverage"), 100 * d.mean("accuracyAtThreshold")));
            md.append(String.format(Locale.ROOT, "- latency per ticket through `MaxEntTicketClassifier.classify` (both heads): "
                            + "p50 %.1f µs, p99 %.1f µs (worst part %.1f µs); model load %.0f ms; %s%n",
                    d.mean("latency", "p50Micros"), d.mean("latency", "p99Micros"), d.max("latency", "p99Micros"),
                    d.mean("modelLoadMillis"), first.path("machine").asText()));
            JsonNode h = first.path("hyperParameters");
            if (!h.isMissingNode() && !h.isNull()) {
                md.append(String.format(Locale.ROOT, "- chosen settings%s: features `%s`, %s %s (grid %s), "
                                + "features seen fewer than %s times dropped (%s of %s kept), review threshold %.4f%s%n",
                        d.parts().size() > 1 ? " (first part; every part's are in its report)" : "",
                        describe(h.path("features")),
                        Prior.describeStrength(h.path("prior").textValue()),
                        h.path("categoryPriorVariance").asText(), h.path("priorVarianceGrid"),
                        h.path("pruning").path("minFeatureCount").asText(), h.path("pruning").path("featuresAfter").asText(),
                        h.path("pruning").path("featuresBefore").asText(), first.path("reviewThreshold").asDouble(),
                        h.hasNonNull("selection") ? "; chosen by " + h.path("selection").asText() : ""));
            }
            for (String extra : d.extras()) {
                md.append("- `").append(extra.lines().findFirst().orElse("")).append("`:\n\n```\n")
                        .append(extra.lines().skip(1).collect(java.util.stream.Collectors.joining("\n"))).append("\n```\n");
            }
            double trainSeconds = d.trainSeconds();
            if (!Double.isNaN(trainSeconds)) {
                md.append(String.format(Locale.ROOT, "- training time (model selection included): %.0f s in all%n", trainSeconds));
                md.append("- reproduce:\n\n```\n");
                for (JsonNode t : d.training()) {
                    md.append(t.path("trainCommand").asText()).append('\n');
                    if (t.hasNonNull("evaluateCommand")) {
                        md.append(t.path("evaluateCommand").asText()).append('\n');
                    }
                }
                md.append("```\n");
            }
            md.append('\n');
            String part = d.parts().get(0);
            md.append(String.format(Locale.ROOT, "Charts%s ([full report](%s/%s/report.md)):%n%n", d.parts().size() > 1
                    ? " of " + part.substring(d.name().length() + 1) : "", resultsLink, part));
            md.append(String.format(Locale.ROOT, "![confusion](%1$s/%2$s/%3$s) ![risk-coverage](%1$s/%2$s/%4$s) "
                            + "![reliability](%1$s/%2$s/%5$s)%n%n", resultsLink, part, EvaluationReport.CONFUSION_PNG,
                    EvaluationReport.RISK_COVERAGE_PNG, EvaluationReport.RELIABILITY_PNG));
        }
        if (!scorings.isEmpty()) {
            md.append("## Test-split scoring\n\nEvery time a test split was scored, oldest first. A split is scored once per change ")
                    .append("of method; the rows before this log existed are reconstructed from the notes below.\n\n");
            List<String> header = scorings.get(0);
            md.append("| ").append(String.join(" | ", header)).append(" |\n|").append("---|".repeat(header.size())).append('\n');
            for (List<String> row : scorings.subList(1, scorings.size())) {
                md.append("| ").append(String.join(" | ", row.stream().map(c -> c.replace("|", "\\|")).toList())).append(" |\n");
            }
            md.append('\n');
        }
        if (notes != null) {
            md.append("## Notes (hand-written, `").append(resultsLink).append("/notes.md`)\n\n").append(notes);
        }
        return md.toString();
    }

    /**
     * How often each dataset's test split has been scored, for the page's first paragraph: "; so far banking77's test
     * split was scored 5 times, ..." A run that scores several parts of one dataset (nlbse24's repositories, logged
     * one row each) counts once: rows of the same family with the same date, commit and reason are one scoring.
     */
    static String scoringCounts(List<List<String>> scorings) {
        if (scorings.size() < 2) {
            return "";
        }
        List<String> header = scorings.get(0);
        int date = header.indexOf("date");
        int commit = header.indexOf("commit");
        int dataset = header.indexOf("dataset");
        int why = header.indexOf("why");
        if (date < 0 || commit < 0 || dataset < 0 || why < 0) {
            return "";
        }
        java.util.Map<String, java.util.Set<String>> runs = new java.util.TreeMap<>();
        for (List<String> row : scorings.subList(1, scorings.size())) {
            if (row.size() <= Math.max(Math.max(date, commit), Math.max(dataset, why))) {
                continue;
            }
            String run = row.get(date) + "\t" + row.get(commit) + "\t" + row.get(why);
            for (String name : row.get(dataset).split(",")) {
                String family = name.strip().split("[ (]", 2)[0].replaceFirst("^(nlbse24)-.*", "$1");
                if (!family.isEmpty()) {
                    runs.computeIfAbsent(family, f -> new java.util.HashSet<>()).add(run);
                }
            }
        }
        if (runs.isEmpty()) {
            return "";
        }
        List<String> parts = runs.entrySet().stream()
                .map(e -> e.getKey() + " " + e.getValue().size() + (e.getValue().size() == 1 ? " time" : " times")).toList();
        return "; test splits scored so far (a run over several parts of a dataset counts once): " + String.join(", ", parts);
    }

    private record Baseline(String name, double value) {
    }

    /**
     * The category figures per language ({@code evaluate --per-language}) beside each baseline's on the same rows
     * ({@code baselines.py --per}), and whether ours are within {@value #PER_LANGUAGE_TOLERANCE} of, or above, each
     * TF-IDF + LinearSVC baseline, one column per baseline (issue 12 names one "with word and character n-grams"; the
     * word-only one is the datasets' reference: both readings are shown); nothing without per-language figures.
     */
    private static void perLanguage(StringBuilder md, Dataset d) {
        JsonNode ours = d.metrics().get(0).path("perLanguage");
        if (d.parts().size() != 1 || !ours.isObject()) {
            return;
        }
        List<JsonNode> baselines = new ArrayList<>();
        if (d.baselines() != null) {
            d.baselines().forEach(b -> {
                if (b.path("per").path("values").isObject()) {
                    baselines.add(b);
                }
            });
        }
        List<JsonNode> svms = baselines.stream().filter(b -> b.path("baseline").asText().contains("linearsvc")).toList();
        md.append("Per language (column `").append(ours.path("column").asText()).append("`), accuracy / macro-F1")
                .append(svms.isEmpty() ? "" : String.format(Locale.ROOT, "; \"met vs B\": ours within %.2f of, or "
                        + "above, TF-IDF + LinearSVC baseline B, accuracy / macro-F1", PER_LANGUAGE_TOLERANCE)).append(":\n\n");
        md.append("| language | test rows | **ours** |");
        baselines.forEach(b -> md.append(' ').append(b.path("baseline").asText()).append(" |"));
        svms.forEach(b -> md.append(" met vs ").append(b.path("baseline").asText()).append(" |"));
        md.append("\n|---|---|---|").append("---|".repeat(baselines.size() + svms.size())).append('\n');
        ours.path("values").fields().forEachRemaining(e -> {
            JsonNode m = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %d | **%.4f / %.4f** |", e.getKey(), m.path("rows").asInt(),
                    m.path("accuracy").asDouble(), m.path("macroF1").asDouble()));
            for (JsonNode b : baselines) {
                JsonNode v = b.path("per").path("values").path(e.getKey());
                md.append(v.isObject() ? String.format(Locale.ROOT, " %.4f / %.4f |", v.path("accuracy").asDouble(),
                        v.path("macroF1").asDouble()) : " – |");
            }
            for (JsonNode b : svms) {
                JsonNode v = b.path("per").path("values").path(e.getKey());
                double accuracy = v.isObject() ? v.path("accuracy").asDouble() : Double.NaN;
                double f1 = v.isObject() ? v.path("macroF1").asDouble() : Double.NaN;
                md.append(' ').append(met(m.path("accuracy").asDouble(), accuracy - PER_LANGUAGE_TOLERANCE))
                        .append(" / ").append(met(m.path("macroF1").asDouble(), f1 - PER_LANGUAGE_TOLERANCE)).append(" |");
            }
            md.append('\n');
        });
        md.append('\n');
    }

    /** "yes" when {@code ours} reaches {@code target}, else "no (0.0123 short)"; "?" without a target (NaN). */
    private static String met(double ours, double target) {
        if (Double.isNaN(target)) {
            return "?";
        }
        return ours >= target - 1e-9 ? "yes" : String.format(Locale.ROOT, "no (%.4f short)", target - ours);
    }

    private static Baseline bestBaseline(Dataset d, String metric) {
        if (d.baselines() == null) {
            return null;
        }
        Baseline best = null;
        for (JsonNode b : d.baselines()) {
            double v = b.path(metric).asDouble(Double.NaN);
            if (!Double.isNaN(v) && (best == null || v > best.value())) {
                best = new Baseline(b.path("baseline").asText(), v);
            }
        }
        return best;
    }

    private static String metricName(String metric, Dataset d) {
        String name = metric.equals("macroF1") ? "macro-F1" : metric;
        return d.parts().size() > 1 ? "mean of per-part " + name : name;
    }

    private static String describe(JsonNode features) {
        try {
            return JSON.treeToValue(features, org.tickettriage.model.FeatureSettings.class).describe();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String sklearnVersion(List<Dataset> datasets) {
        for (Dataset d : datasets) {
            if (d.baselines() != null && d.baselines().size() > 0) {
                return d.baselines().get(0).path("sklearn").asText("?");
            }
        }
        return "(not run)";
    }
}
