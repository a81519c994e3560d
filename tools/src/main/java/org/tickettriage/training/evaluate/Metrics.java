package org.tickettriage.training.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.tickettriage.model.ModelCard;

/**
 * Accuracy and per-class and macro precision, recall and F1 of one classification head, computed from a
 * {@link ConfusionMatrix}. Macro averages run over every label that is a true label or a prediction, as
 * scikit-learn does; a label never predicted has precision 0.
 *
 * @param rows      tickets scored
 * @param accuracy  share predicted correctly
 * @param perClass  each label's figures, in matrix order
 * @param confusion the matrix they come from
 */
public record Metrics(int rows, double accuracy, double macroPrecision, double macroRecall, double macroF1,
                      Map<String, ClassMetrics> perClass, ConfusionMatrix confusion) {

    /** Above this many labels the text report lists the largest confusions instead of the full matrix. */
    static final int FULL_MATRIX_MAX_LABELS = 12;

    /**
     * One label's figures.
     *
     * @param support how many tickets truly have this label
     */
    public record ClassMetrics(double precision, double recall, double f1, int support) {
    }

    /** The figures of {@code matrix}. */
    public static Metrics of(ConfusionMatrix matrix) {
        List<String> labels = matrix.labels();
        int[][] c = matrix.counts();
        int n = labels.size();
        int total = 0;
        int correct = 0;
        Map<String, ClassMetrics> perClass = new LinkedHashMap<>();
        double sumP = 0;
        double sumR = 0;
        double sumF = 0;
        int averaged = 0;
        for (int i = 0; i < n; i++) {
            int tp = c[i][i];
            int actual = 0;
            int predicted = 0;
            for (int j = 0; j < n; j++) {
                actual += c[i][j];
                predicted += c[j][i];
            }
            total += actual;
            correct += tp;
            double precision = predicted == 0 ? 0 : (double) tp / predicted;
            double recall = actual == 0 ? 0 : (double) tp / actual;
            double f1 = precision + recall == 0 ? 0 : 2 * precision * recall / (precision + recall);
            perClass.put(labels.get(i), new ClassMetrics(precision, recall, f1, actual));
            if (actual > 0 || predicted > 0) {
                sumP += precision;
                sumR += recall;
                sumF += f1;
                averaged++;
            }
        }
        return new Metrics(total, total == 0 ? 0 : (double) correct / total,
                averaged == 0 ? 0 : sumP / averaged, averaged == 0 ? 0 : sumR / averaged,
                averaged == 0 ? 0 : sumF / averaged, perClass, matrix);
    }

    /** The summary the model card keeps. */
    public ModelCard.HeadMetrics toCard() {
        Map<String, Double> f1 = new LinkedHashMap<>();
        perClass.forEach((label, m) -> f1.put(label, round(m.f1())));
        return new ModelCard.HeadMetrics(rows, round(accuracy), round(macroPrecision), round(macroRecall),
                round(macroF1), f1);
    }

    /** A JSON-ready map: the figures, per-class figures and the matrix. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("rows", rows);
        json.put("accuracy", round(accuracy));
        json.put("macroPrecision", round(macroPrecision));
        json.put("macroRecall", round(macroRecall));
        json.put("macroF1", round(macroF1));
        Map<String, Object> classes = new LinkedHashMap<>();
        perClass.forEach((label, m) -> classes.put(label, Map.of(
                "precision", round(m.precision()), "recall", round(m.recall()), "f1", round(m.f1()),
                "support", m.support())));
        json.put("perClass", classes);
        json.put("confusion", Map.of("labels", confusion.labels(), "counts", confusion.counts()));
        return json;
    }

    /** A human-readable report: accuracy, a per-class table with macro averages and the confusion matrix. */
    public String render(String title) {
        StringBuilder out = new StringBuilder();
        out.append(title).append(": accuracy ").append(pct(accuracy)).append(" on ").append(rows).append(" tickets, macro F1 ")
                .append(f3(macroF1)).append('\n');
        int width = Math.max(10, perClass.keySet().stream().mapToInt(String::length).max().orElse(10));
        out.append(String.format(Locale.ROOT, "  %-" + width + "s %9s %9s %9s %8s%n", "label", "precision", "recall", "f1", "support"));
        perClass.forEach((label, m) -> out.append(String.format(Locale.ROOT, "  %-" + width + "s %9s %9s %9s %8d%n",
                label, f3(m.precision()), f3(m.recall()), f3(m.f1()), m.support())));
        out.append(String.format(Locale.ROOT, "  %-" + width + "s %9s %9s %9s %8d%n",
                "macro avg", f3(macroPrecision), f3(macroRecall), f3(macroF1), rows));
        List<String> labels = confusion.labels();
        int[][] c = confusion.counts();
        if (labels.size() <= FULL_MATRIX_MAX_LABELS) {
            out.append("  confusion matrix (rows: true label, columns: predicted, in the order above)\n");
            for (int i = 0; i < labels.size(); i++) {
                out.append(String.format(Locale.ROOT, "  %-" + width + "s", labels.get(i)));
                for (int j = 0; j < labels.size(); j++) {
                    out.append(String.format(Locale.ROOT, " %6d", c[i][j]));
                }
                out.append('\n');
            }
        } else {
            out.append("  largest confusions (true -> predicted: tickets); the full matrix is in --json\n");
            List<int[]> cells = new ArrayList<>();
            for (int i = 0; i < labels.size(); i++) {
                for (int j = 0; j < labels.size(); j++) {
                    if (i != j && c[i][j] > 0) {
                        cells.add(new int[] {i, j, c[i][j]});
                    }
                }
            }
            cells.sort(Comparator.<int[]>comparingInt(x -> -x[2]).thenComparingInt(x -> x[0]).thenComparingInt(x -> x[1]));
            cells.stream().limit(15).forEach(x -> out.append("    ").append(labels.get(x[0])).append(" -> ")
                    .append(labels.get(x[1])).append(": ").append(x[2]).append('\n'));
        }
        return out.toString();
    }

    static double round(double value) {
        return Math.round(value * 10_000.0) / 10_000.0;
    }

    static String f3(double value) {
        return String.format(Locale.ROOT, "%.3f", value);
    }

    static String pct(double value) {
        return String.format(Locale.ROOT, "%.2f%%", 100 * value);
    }
}
