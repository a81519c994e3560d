package org.tickettriage.training.train;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.tickettriage.training.data.LabeledTicket;

/**
 * Category and priority labels with too few rows to learn or measure: a label seen twice cannot be both trained on
 * and held out, and its one held-out ticket would swing macro figures. Such categories are left out with their rows;
 * such priorities are left out of the priority head only (the rows keep their category).
 *
 * @param categories the rare categories and their row counts
 * @param priorities the rare priorities and their row counts
 */
record RareLabels(Map<String, Integer> categories, Map<String, Integer> priorities) {

    /** The labels of {@code tickets} with fewer than {@code minRows} rows. */
    static RareLabels of(List<LabeledTicket> tickets, int minRows) {
        Map<String, Integer> categories = new TreeMap<>();
        Map<String, Integer> priorities = new TreeMap<>();
        for (LabeledTicket t : tickets) {
            categories.merge(t.label(), 1, Integer::sum);
            if (t.priority() != null) {
                priorities.merge(t.priority(), 1, Integer::sum);
            }
        }
        categories.values().removeIf(n -> n >= minRows);
        priorities.values().removeIf(n -> n >= minRows);
        return new RareLabels(categories, priorities);
    }

    /** The tickets without a rare category, with a rare priority cleared. */
    List<LabeledTicket> keep(List<LabeledTicket> tickets) {
        if (categories.isEmpty() && priorities.isEmpty()) {
            return tickets;
        }
        Set<String> rareCategories = categories.keySet();
        List<LabeledTicket> kept = new ArrayList<>(tickets.size());
        for (LabeledTicket t : tickets) {
            if (rareCategories.contains(t.label())) {
                continue;
            }
            kept.add(t.priority() != null && priorities.containsKey(t.priority())
                    ? new LabeledTicket(t.row(), t.subject(), t.description(), t.label(), null) : t);
        }
        return kept;
    }

    /** One line per kind of rare label, naming them, on stderr. */
    void report(PrintWriter err, String labelColumn, String priorityColumn, int minRows) {
        if (!categories.isEmpty()) {
            err.printf("Left out %d '%s' label(s) with fewer than %d rows, and their rows: %s (--min-class-rows).%n",
                    categories.size(), labelColumn, minRows, describe(categories));
        }
        if (!priorities.isEmpty()) {
            err.printf("Left out %d '%s' value(s) with fewer than %d rows from the priority model: %s.%n",
                    priorities.size(), priorityColumn, minRows, describe(priorities));
        }
    }

    private static String describe(Map<String, Integer> labels) {
        return labels.entrySet().stream().map(e -> "'" + e.getKey() + "' (" + e.getValue() + ")")
                .collect(Collectors.joining(", "));
    }
}
