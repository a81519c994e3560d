package org.tickettriage.training.train;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.ToIntFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A priority scale, lowest first: the order in which the model card lists the priority labels. Given with
 * {@code --priority-scale}, or recognised from the labels themselves. Labels are compared case-insensitively; the
 * data's own spelling is what the card records.
 *
 * @param labels the scale's labels, lowest first, as given
 */
record PriorityOrder(List<String> labels) {

    /** The levels of the usual word scale, lowest first; one level's words are synonyms (Zendesk: normal, urgent). */
    private static final List<Set<String>> WORD_LEVELS = List.of(
            Set.of("low"), Set.of("medium", "normal"), Set.of("high"), Set.of("critical", "urgent"));

    /** P1, P2, ...: P1 is the highest, so the scale runs from the largest number down. */
    private static final Pattern P_NUMBER = Pattern.compile("p(\\d{1,9})");

    PriorityOrder {
        labels = List.copyOf(labels);
    }

    /**
     * Reads {@code --priority-scale}: comma-separated labels, lowest first.
     *
     * @throws IllegalArgumentException when a label is empty or repeated (ignoring case)
     */
    static PriorityOrder parse(String commaSeparated) {
        List<String> labels = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (String part : commaSeparated.split(",", -1)) {
            String label = part.strip();
            if (label.isEmpty()) {
                throw new IllegalArgumentException("--priority-scale needs comma-separated labels, lowest first, "
                        + "e.g. low,medium,high; got '" + commaSeparated + "'");
            }
            if (!seen.add(key(label))) {
                throw new IllegalArgumentException("--priority-scale names '" + label + "' twice (labels are compared "
                        + "ignoring case)");
            }
            labels.add(label);
        }
        return new PriorityOrder(labels);
    }

    /**
     * The scale {@code labels} follow when it is recognisable: every label one of low, medium or normal, high,
     * critical or urgent (at most one word per level), or every label a P-number (P1 highest); empty otherwise.
     */
    static Optional<PriorityOrder> recognise(Collection<String> labels) {
        ToIntFunction<String> rank;
        if (labels.isEmpty()) {
            return Optional.empty();
        } else if (labels.stream().allMatch(l -> wordLevel(l) >= 0)) {
            rank = PriorityOrder::wordLevel;
        } else if (labels.stream().allMatch(l -> P_NUMBER.matcher(key(l)).matches())) {
            rank = l -> -pNumber(l); // P4 < P3 < P2 < P1
        } else {
            return Optional.empty();
        }
        // Two names for one level (medium and normal, P1 and P01) leave their order unknown.
        Map<Integer, String> nameOfRank = new HashMap<>();
        for (String label : labels) {
            String earlier = nameOfRank.putIfAbsent(rank.applyAsInt(label), key(label));
            if (earlier != null && !earlier.equals(key(label))) {
                return Optional.empty();
            }
        }
        List<String> ordered = new ArrayList<>(new TreeSet<>(labels));
        ordered.sort(Comparator.comparingInt(rank));
        return Optional.of(new PriorityOrder(ordered));
    }

    /** The labels in {@code data} that are not on this scale, ignoring case; in their given order, each once. */
    List<String> unknown(Collection<String> data) {
        Set<String> keys = keys();
        return data.stream().filter(l -> !keys.contains(key(l))).distinct().toList();
    }

    /**
     * {@code data} lowest first, in the data's spelling; labels that differ only in case keep alphabetical order.
     *
     * @throws IllegalArgumentException when a label is not on this scale
     */
    List<String> lowestFirst(Collection<String> data) {
        List<String> unknown = unknown(data);
        if (!unknown.isEmpty()) {
            throw new IllegalArgumentException("not on the priority scale " + labels + ": " + unknown);
        }
        List<String> keys = labels.stream().map(PriorityOrder::key).toList();
        List<String> ordered = new ArrayList<>(new TreeSet<>(data));
        ordered.sort(Comparator.comparingInt(l -> keys.indexOf(key(l))));
        return ordered;
    }

    private Set<String> keys() {
        Set<String> keys = new LinkedHashSet<>();
        labels.forEach(l -> keys.add(key(l)));
        return keys;
    }

    private static int wordLevel(String label) {
        for (int level = 0; level < WORD_LEVELS.size(); level++) {
            if (WORD_LEVELS.get(level).contains(key(label))) {
                return level;
            }
        }
        return -1;
    }

    private static int pNumber(String label) {
        Matcher m = P_NUMBER.matcher(key(label));
        if (!m.matches()) {
            throw new IllegalArgumentException("not a P-number: " + label);
        }
        return Integer.parseInt(m.group(1));
    }

    private static String key(String label) {
        return label.strip().toLowerCase(Locale.ROOT);
    }
}
