package org.tickettriage.training.report;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tickettriage.model.ModelCard;
import org.tickettriage.training.evaluate.Calibration;
import org.tickettriage.training.evaluate.Metrics;
import org.tickettriage.training.evaluate.RiskCoverage;
import org.tickettriage.training.train.Prior;

/**
 * Writes one evaluation as a folder a person can read: {@value #MARKDOWN} (figures, settings, the machine),
 * three PNG charts and {@value #JSON_FILE}, the same object {@code evaluate --json} prints, which
 * {@link ResultsPage} reads back.
 */
public final class EvaluationReport {

    /** The Markdown page of a report folder. */
    public static final String MARKDOWN = "report.md";
    /** The figures of a report folder, as JSON. */
    public static final String JSON_FILE = "metrics.json";
    static final String CONFUSION_PNG = "confusion.png";
    static final String RISK_COVERAGE_PNG = "risk-coverage.png";
    static final String RELIABILITY_PNG = "reliability.png";

    private static final ObjectMapper JSON = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

    private EvaluationReport() {
    }

    /**
     * What one evaluation found.
     *
     * @param title        a heading, e.g. the dataset's name
     * @param card         the evaluated model's card
     * @param metrics      the category head's metrics
     * @param calibration  its calibration
     * @param curve        its risk-coverage curve
     * @param json         the figures as {@code evaluate --json} prints them
     * @param machine      the machine and its load at the time, one line
     */
    public record Content(String title, ModelCard card, Metrics metrics, Calibration calibration, RiskCoverage curve,
                          Map<String, Object> json, String machine) {
    }

    /** Writes the folder {@code dir}: Markdown, charts and JSON. */
    public static void write(Path dir, Content c) throws IOException {
        Files.createDirectories(dir);
        ReportCharts.confusionHeatMap(c.metrics().confusion(), c.title() + ": confusion matrix (row shares)",
                dir.resolve(CONFUSION_PNG));
        double threshold = ((Number) c.json().get("reviewThreshold")).doubleValue();
        double coverage = ((Number) c.json().get("coverage")).doubleValue();
        double accuracyAtThreshold = ((Number) c.json().get("accuracyAtThreshold")).doubleValue();
        ReportCharts.riskCoverage(c.curve(), coverage, accuracyAtThreshold, c.title() + ": risk-coverage",
                dir.resolve(RISK_COVERAGE_PNG));
        ReportCharts.reliability(c.calibration(), c.title() + ": reliability", dir.resolve(RELIABILITY_PNG));
        Files.writeString(dir.resolve(JSON_FILE), JSON.writeValueAsString(c.json()) + "\n", StandardCharsets.UTF_8);
        Files.writeString(dir.resolve(MARKDOWN), markdown(c, threshold, coverage, accuracyAtThreshold), StandardCharsets.UTF_8);
    }

    @SuppressWarnings("unchecked")
    private static String markdown(Content c, double threshold, double coverage, double accuracyAtThreshold) {
        Metrics m = c.metrics();
        Map<String, Object> latency = (Map<String, Object>) c.json().get("latency");
        Map<String, Object> score = (Map<String, Object>) c.json().get("weightedScore");
        StringBuilder md = new StringBuilder();
        md.append("# ").append(c.title()).append("\n\n");
        md.append(String.format(Locale.ROOT, "Model `%s` on `%s` (%d tickets). %s%n%n", c.card().modelVersion(),
                c.json().get("data"), m.rows(), c.machine()));
        md.append("| figure | value |\n|---|---|\n");
        row(md, "accuracy", f4(m.accuracy()));
        row(md, "macro precision / recall / F1", f4(m.macroPrecision()) + " / " + f4(m.macroRecall()) + " / " + f4(m.macroF1()));
        row(md, "weighted score (accuracy 40%, P+R 30%, F1 20%, latency 10%)", String.format(Locale.ROOT,
                "%.4f (latency part %.2f against a p99 budget of %.0f µs)", ((Number) score.get("score")).doubleValue(),
                ((Number) score.get("latencyScore")).doubleValue(), ((Number) score.get("latencyBudgetMicros")).doubleValue()));
        row(md, "expected calibration error (15 bins)", f4(c.calibration().ece()));
        row(md, "review threshold", String.format(Locale.ROOT, "%.4f: the model decides %.1f%% alone, %.2f%% of them correctly",
                threshold, 100 * coverage, 100 * accuracyAtThreshold));
        row(md, "accuracy of the surest 50% / 80% / 90%", f4(c.curve().accuracyAt(0.5)) + " / "
                + f4(c.curve().accuracyAt(0.8)) + " / " + f4(c.curve().accuracyAt(0.9)));
        row(md, "area under the risk-coverage curve (mean accuracy)", f4(c.curve().areaUnderCurve()));
        row(md, "latency per ticket, p50 / p99 (µs)", latency.get("p50Micros") + " / " + latency.get("p99Micros"));
        row(md, "model load (ms)", String.valueOf(c.json().get("modelLoadMillis")));
        md.append('\n');
        md.append("![confusion matrix](").append(CONFUSION_PNG).append(")\n");
        md.append("![risk-coverage curve](").append(RISK_COVERAGE_PNG).append(")\n");
        md.append("![reliability diagram](").append(RELIABILITY_PNG).append(")\n\n");
        if (m.perClass().size() > ReportCharts.NAMED_AXIS_MAX_LABELS) {
            md.append("Heat-map axes number the labels in this order: ");
            List<String> labels = m.confusion().labels();
            List<String> numbered = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                numbered.add((i + 1) + " `" + labels.get(i) + "`");
            }
            md.append(String.join(", ", numbered)).append(".\n\n");
        }
        md.append("## Per class\n\n| label | precision | recall | F1 | support |\n|---|---|---|---|---|\n");
        List<Map.Entry<String, Metrics.ClassMetrics>> classes = new ArrayList<>(m.perClass().entrySet());
        // Worst first: what a reader wants to find is where the model fails.
        classes.sort(Comparator.comparingDouble(e -> e.getValue().f1()));
        for (Map.Entry<String, Metrics.ClassMetrics> e : classes) {
            Metrics.ClassMetrics k = e.getValue();
            md.append(String.format(Locale.ROOT, "| %s | %.3f | %.3f | %.3f | %d |%n", e.getKey(), k.precision(), k.recall(),
                    k.f1(), k.support()));
        }
        md.append('\n');
        if (c.json().get("routing") instanceof Map<?, ?> routing) {
            routing(md, (Map<String, Object>) routing);
        }
        ModelCard.HyperParameters h = c.card().hyperParameters();
        if (h != null) {
            md.append("## How the model was trained\n\n");
            md.append(String.format(Locale.ROOT, "Features `%s`; %s %s (chosen from %s on a validation "
                            + "split of the training data); features seen fewer than %d times dropped (%d of %d kept); seed %d.%n",
                    h.features() == null ? "?" : h.features().describe(),
                    Prior.describeStrength(h.prior()),
                    h.categoryPriorVariance(), h.priorVarianceGrid(),
                    h.pruning() == null ? 0 : h.pruning().minFeatureCount(),
                    h.pruning() == null ? 0 : h.pruning().featuresAfter(), h.pruning() == null ? 0 : h.pruning().featuresBefore(),
                    h.seed()));
        }
        return md.toString();
    }

    /** The routing section, from the {@code routing} object of the JSON figures ({@code evaluate --routing}). */
    @SuppressWarnings("unchecked")
    private static void routing(StringBuilder md, Map<String, Object> routing) {
        md.append("## Routing\n\n");
        md.append(String.format(Locale.ROOT, "Policy `%s`, %s tickets through `TriageService`.%n%n", routing.get("policy"),
                routing.get("tickets")));
        md.append("| team | tickets | share |\n|---|---|---|\n");
        ((Map<String, Map<String, Object>>) routing.get("teams")).forEach((team, n) -> md.append(String.format(Locale.ROOT,
                "| %s | %s | %.1f%% |%n", team, n.get("count"), 100 * ((Number) n.get("share")).doubleValue())));
        md.append("\n| figure | tickets | share |\n|---|---|---|\n");
        ((Map<String, Map<String, Object>>) routing.get("decidedBy")).forEach((by, n) -> countRow(md, "decided by " + by, n));
        countRow(md, "needs review", (Map<String, Object>) routing.get("needsReview"));
        countRow(md, "escalated", (Map<String, Object>) routing.get("escalated"));
        countRow(md, "unrouted_category", (Map<String, Object>) routing.get("unroutedCategory"));
        md.append('\n');
        List<String> warnings = (List<String>) routing.get("warnings");
        if (!warnings.isEmpty()) {
            md.append("Policy warnings for this model:\n\n");
            warnings.stream().limit(10).forEach(w -> md.append("- `").append(w).append("`\n"));
            if (warnings.size() > 10) {
                md.append("- and ").append(warnings.size() - 10).append(" more, in ").append(JSON_FILE).append('\n');
            }
            md.append('\n');
        }
    }

    private static void countRow(StringBuilder md, String name, Map<String, Object> n) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %.1f%% |%n", name, n.get("count"),
                100 * ((Number) n.get("share")).doubleValue()));
    }

    private static void row(StringBuilder md, String name, String value) {
        md.append("| ").append(name).append(" | ").append(value).append(" |\n");
    }

    private static String f4(double v) {
        return String.format(Locale.ROOT, "%.4f", v);
    }
}
