package org.tickettriage.rules.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tickettriage.rules.TicketAttributes;
import org.tickettriage.rules.facts.CueText;

/**
 * A support team's routing policy, read once and immutable: the priority scale, the routing table, the keyword
 * fallbacks, the escalation cues and the review queue. The generic rules in {@code routing.drl} query it through
 * the global {@code policy}; nothing in it is code. Thread-safe.
 *
 * <p>{@link #bundled()} reproduces the routing of earlier releases; {@link PolicyReader} reads a team's own.
 */
public final class RoutingPolicy {

    private final String location;
    private final PriorityScale priorities;
    private final RoutingTable table;
    private final List<KeywordFallback> keywords;
    private final List<EscalationCue> escalations;
    private final int[][] required;
    private final ReviewQueue review;
    private final List<PolicyProblem> warnings;

    RoutingPolicy(String location, PriorityScale priorities, RoutingTable table, List<KeywordFallback> keywords,
                  List<EscalationCue> escalations, ReviewQueue review, List<PolicyProblem> warnings) {
        this.location = location;
        this.priorities = priorities;
        this.table = table;
        this.keywords = List.copyOf(keywords);
        this.escalations = List.copyOf(escalations);
        this.review = review;
        this.warnings = List.copyOf(warnings);
        // Each cue's required cues as indices, resolved once (the reader has checked names and cycles).
        Map<String, Integer> index = new java.util.HashMap<>();
        for (int i = 0; i < escalations.size(); i++) {
            index.put(PriorityScale.key(escalations.get(i).name()), i);
        }
        this.required = new int[escalations.size()][];
        for (int i = 0; i < escalations.size(); i++) {
            required[i] = escalations.get(i).requires().stream()
                    .mapToInt(name -> index.get(PriorityScale.key(name))).toArray();
        }
    }

    /** The policy that ships in the jar; it reproduces the routing of releases before routing policies were data. */
    public static RoutingPolicy bundled() {
        return Bundled.POLICY;
    }

    private static final class Bundled {
        static final RoutingPolicy POLICY = PolicyReader.read(PolicyFiles.bundled());
    }

    /** Where the policy was read from, for messages ({@code /etc/triage/policy}, {@code bundled}). */
    public String location() {
        return location;
    }

    public PriorityScale priorities() {
        return priorities;
    }

    public RoutingTable table() {
        return table;
    }

    public List<KeywordFallback> keywords() {
        return keywords;
    }

    public List<EscalationCue> escalations() {
        return escalations;
    }

    public ReviewQueue review() {
        return review;
    }

    /** What the reader found questionable but loadable (a missing file that the bundled default replaced, ...). */
    public List<PolicyProblem> warnings() {
        return warnings;
    }

    /** The categories whose keyword phrases {@code text} mentions, each once, in {@code keywords.csv} order. */
    public List<String> keywordCategories(CueText text) {
        Set<String> found = null;
        for (KeywordFallback fallback : keywords) {
            if (text.mentions(fallback.phrases())) {
                if (found == null) {
                    found = new LinkedHashSet<>();
                }
                found.add(fallback.category());
            }
        }
        return found == null ? List.of() : List.copyOf(found);
    }

    /** The escalation cues that match a ticket, with their required cues, in file order. */
    public List<EscalationCue> matchingEscalations(CueText text, TicketAttributes attributes) {
        int count = escalations.size();
        if (count == 0) {
            return List.of();
        }
        boolean[] itself = new boolean[count];
        boolean any = false;
        for (int i = 0; i < count; i++) {
            itself[i] = escalations.get(i).matchesItself(text, attributes);
            any |= itself[i];
        }
        if (!any) {
            return List.of(); // the common case
        }
        List<EscalationCue> matching = new ArrayList<>(2);
        for (int i = 0; i < count; i++) {
            if (itself[i] && allOf(itself, required[i])) {
                matching.add(escalations.get(i));
            }
        }
        return matching;
    }

    private static boolean allOf(boolean[] matched, int[] indices) {
        for (int index : indices) {
            if (!matched[index]) {
                return false;
            }
        }
        return true;
    }

    @Override
    public String toString() {
        return "RoutingPolicy[" + location + ": " + table.rows().size() + " routing rows, " + priorities.labels().size()
                + " priorities, " + keywords.size() + " keyword fallbacks, " + escalations.size() + " escalation cues]";
    }
}
