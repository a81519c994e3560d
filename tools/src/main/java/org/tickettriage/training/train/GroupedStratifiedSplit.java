package org.tickettriage.training.train;

import java.util.ArrayList;
import java.util.Collections;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.function.Function;
import org.tickettriage.training.data.LabeledTicket;

/**
 * Splits tickets into two parts so that each label keeps about its share in both (stratified) and tickets
 * with the same description never land on both sides (grouped): a model tested on a description it was
 * trained on would look better than it is. Deterministic for a given seed and input order.
 */
public final class GroupedStratifiedSplit {

    private GroupedStratifiedSplit() {
    }

    /**
     * The two parts of a split, each in input order.
     *
     * @param first  the larger part (training)
     * @param second about {@code fraction} of the tickets (held out)
     */
    public record Parts(List<LabeledTicket> first, List<LabeledTicket> second) {
    }

    /**
     * Splits {@code tickets}, holding out about {@code fraction} of each label's tickets.
     *
     * @param labelOf the label to stratify by
     */
    public static Parts split(List<LabeledTicket> tickets, double fraction, long seed,
                              Function<LabeledTicket, String> labelOf) {
        if (!(fraction > 0 && fraction < 1)) {
            throw new IllegalArgumentException("fraction must be in (0, 1), was " + fraction);
        }
        // Group by normalised description, in order of first appearance.
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < tickets.size(); i++) {
            groups.computeIfAbsent(groupKey(tickets.get(i)), k -> new ArrayList<>()).add(i);
        }
        // A group's stratum is its most frequent label (a group with conflicting labels is rare).
        Map<String, List<List<Integer>>> strata = new TreeMap<>();
        for (List<Integer> group : groups.values()) {
            strata.computeIfAbsent(majorityLabel(tickets, group, labelOf), k -> new ArrayList<>()).add(group);
        }
        Random random = new Random(seed);
        boolean[] heldOut = new boolean[tickets.size()];
        for (List<List<Integer>> stratum : strata.values()) {
            if (stratum.size() < 2) {
                continue; // a label with a single description stays in training: it cannot be on both sides
            }
            Collections.shuffle(stratum, random);
            int rows = stratum.stream().mapToInt(List::size).sum();
            long target = Math.round(fraction * rows);
            int taken = 0;
            for (int g = 0; g < stratum.size() - 1 && taken < target; g++) {
                for (int i : stratum.get(g)) {
                    heldOut[i] = true;
                }
                taken += stratum.get(g).size();
            }
        }
        List<LabeledTicket> first = new ArrayList<>();
        List<LabeledTicket> second = new ArrayList<>();
        for (int i = 0; i < tickets.size(); i++) {
            (heldOut[i] ? second : first).add(tickets.get(i));
        }
        return new Parts(first, second);
    }

    /**
     * Splits {@code tickets} into {@code k} folds for cross-validation: each part's {@code second} is one fold, its
     * {@code first} the other folds. Stratified by label and grouped by description like {@link #split}.
     */
    public static List<Parts> folds(List<LabeledTicket> tickets, int k, long seed, Function<LabeledTicket, String> labelOf) {
        if (k < 2) {
            throw new IllegalArgumentException("cross-validation needs at least 2 folds, was " + k);
        }
        Map<String, List<Integer>> groups = new LinkedHashMap<>();
        for (int i = 0; i < tickets.size(); i++) {
            groups.computeIfAbsent(groupKey(tickets.get(i)), x -> new ArrayList<>()).add(i);
        }
        Map<String, List<List<Integer>>> strata = new TreeMap<>();
        for (List<Integer> group : groups.values()) {
            strata.computeIfAbsent(majorityLabel(tickets, group, labelOf), x -> new ArrayList<>()).add(group);
        }
        Random random = new Random(seed);
        int[] fold = new int[tickets.size()];
        int next = 0;
        for (List<List<Integer>> stratum : strata.values()) {
            Collections.shuffle(stratum, random);
            // Round robin, continuing where the previous label stopped, so that small labels do not all start in fold 0.
            for (List<Integer> group : stratum) {
                for (int i : group) {
                    fold[i] = next;
                }
                next = (next + 1) % k;
            }
        }
        List<Parts> parts = new ArrayList<>(k);
        for (int f = 0; f < k; f++) {
            List<LabeledTicket> rest = new ArrayList<>();
            List<LabeledTicket> held = new ArrayList<>();
            for (int i = 0; i < tickets.size(); i++) {
                (fold[i] == f ? held : rest).add(tickets.get(i));
            }
            parts.add(new Parts(rest, held));
        }
        return parts;
    }

    /** Tickets whose descriptions differ only in case and spacing are one group. */
    static String groupKey(LabeledTicket ticket) {
        return ticket.groupingText().toLowerCase(Locale.ROOT).replaceAll("\\s+", " ").strip();
    }

    private static String majorityLabel(List<LabeledTicket> tickets, List<Integer> group,
                                        Function<LabeledTicket, String> labelOf) {
        Map<String, Integer> counts = new TreeMap<>();
        for (int i : group) {
            counts.merge(labelOf.apply(tickets.get(i)), 1, Integer::sum);
        }
        return Collections.max(counts.entrySet(), Map.Entry.<String, Integer>comparingByValue()
                .thenComparing(Map.Entry.comparingByKey(Comparator.reverseOrder()))).getKey();
    }
}
