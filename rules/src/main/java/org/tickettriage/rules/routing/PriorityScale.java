package org.tickettriage.rules.routing;

import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * The priorities a ticket can have, lowest first, with the default and each priority's first-response target
 * (used where no routing row sets one: the review queue). Labels compare without regard to case and come out in
 * the scale's own spelling.
 */
public final class PriorityScale {

    /** The scale of earlier releases and of the bundled policy. */
    public static final List<String> DEFAULT_LABELS = List.of("Low", "Medium", "High", "Critical");

    private final List<String> labels;
    private final List<Duration> firstResponses;
    private final List<Map<String, String>> outputs;
    private final Map<String, Integer> ranks = new HashMap<>();
    private final String defaultPriority;

    PriorityScale(List<String> labels, List<Duration> firstResponses, List<Map<String, String>> outputs, String defaultPriority) {
        this.labels = List.copyOf(labels);
        this.firstResponses = List.copyOf(firstResponses);
        this.outputs = outputs.stream().map(Map::copyOf).toList();
        for (int i = 0; i < labels.size(); i++) {
            ranks.put(key(labels.get(i)), i);
        }
        this.defaultPriority = defaultPriority;
    }

    /** The labels, lowest first. */
    public List<String> labels() {
        return labels;
    }

    /** The priority a ticket gets when neither the client nor the model gives one on this scale. */
    public String defaultPriority() {
        return defaultPriority;
    }

    /** The scale's spelling of {@code label} ({@code "high"} → {@code "High"}), or empty when it is not on the scale. */
    public Optional<String> canonical(String label) {
        int rank = rank(label);
        return rank < 0 ? Optional.empty() : Optional.of(labels.get(rank));
    }

    /** The position of {@code label}, 0 for the lowest, or -1 when it is not on the scale (or null). */
    public int rank(String label) {
        if (label == null) {
            return -1;
        }
        Integer rank = ranks.get(label);
        if (rank == null) {
            rank = ranks.get(key(label));
        }
        return rank == null ? -1 : rank;
    }

    /** The higher of {@code priority} and {@code floor}, both on the scale. */
    public String atLeast(String priority, String floor) {
        return rank(priority) >= rank(floor) ? priority : floor;
    }

    /** The first-response target of {@code priority}, which must be on the scale. */
    public Duration firstResponse(String priority) {
        return firstResponses.get(requireRank(priority));
    }

    /** The output columns ({@code set:...}) of {@code priority}'s row, by name without the marker; empty when none. */
    public Map<String, String> outputs(String priority) {
        return outputs.get(requireRank(priority));
    }

    private int requireRank(String priority) {
        int rank = rank(priority);
        if (rank < 0) {
            throw new IllegalArgumentException("not a priority of the scale " + labels + ": " + priority);
        }
        return rank;
    }

    static String key(String label) {
        return label.strip().toLowerCase(Locale.ROOT);
    }

    @Override
    public String toString() {
        return "PriorityScale" + labels;
    }
}
