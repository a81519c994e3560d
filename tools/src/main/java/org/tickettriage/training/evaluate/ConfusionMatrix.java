package org.tickettriage.training.evaluate;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Counts of (true label, predicted label) pairs. Labels are the model's, in its order, followed by any true
 * label the model does not know, in order of first appearance. Not thread-safe.
 */
public final class ConfusionMatrix {

    private final Map<String, Integer> index = new LinkedHashMap<>();
    private final List<int[]> rows = new ArrayList<>();

    /** An empty matrix over {@code knownLabels} (more are added as they appear). */
    public ConfusionMatrix(List<String> knownLabels) {
        knownLabels.forEach(this::indexOf);
    }

    /** Records one ticket. */
    public void add(String actual, String predicted) {
        int a = indexOf(actual);
        int p = indexOf(predicted);
        rows.get(a)[p]++;
    }

    /** The labels, in matrix order. */
    public List<String> labels() {
        return List.copyOf(index.keySet());
    }

    /** How many tickets with true label {@code actual} were predicted {@code predicted}. */
    public int count(String actual, String predicted) {
        Integer a = index.get(actual);
        Integer p = index.get(predicted);
        return a == null || p == null ? 0 : cell(a, p);
    }

    /** The counts, {@code [actual][predicted]}, in {@link #labels()} order. */
    public int[][] counts() {
        int n = index.size();
        int[][] counts = new int[n][n];
        for (int a = 0; a < n; a++) {
            for (int p = 0; p < n; p++) {
                counts[a][p] = cell(a, p);
            }
        }
        return counts;
    }

    /** All tickets recorded. */
    public int total() {
        int total = 0;
        for (int[] row : rows) {
            for (int c : row) {
                total += c;
            }
        }
        return total;
    }

    private int cell(int a, int p) {
        int[] row = rows.get(a);
        return p < row.length ? row[p] : 0;
    }

    private int indexOf(String label) {
        Integer i = index.get(label);
        if (i != null) {
            return i;
        }
        int n = index.size();
        index.put(label, n);
        for (int r = 0; r < rows.size(); r++) {
            rows.set(r, java.util.Arrays.copyOf(rows.get(r), n + 1));
        }
        rows.add(new int[n + 1]);
        return n;
    }
}
