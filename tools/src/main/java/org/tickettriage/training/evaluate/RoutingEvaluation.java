package org.tickettriage.training.evaluate;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.rules.DecidedBy;
import org.tickettriage.rules.DroolsRouter;
import org.tickettriage.rules.ReasonCode;
import org.tickettriage.rules.routing.ModelCheck;
import org.tickettriage.rules.routing.RoutingPolicy;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.triage.CodedReason;
import org.tickettriage.triage.InvalidTicketException;
import org.tickettriage.triage.LanguageDetector;
import org.tickettriage.triage.Ticket;
import org.tickettriage.triage.TriageResult;
import org.tickettriage.triage.TriageService;

/**
 * How a routing policy routes the evaluated tickets: each ticket goes through {@link TriageService} (the served path:
 * classify, then the Drools rules over the policy), and the decisions are counted per team, queue and
 * {@code decidedBy}, with the review, escalation and unrouted shares; beside them, the policy's warnings for the model.
 */
public final class RoutingEvaluation {

    /** Warnings printed in the text section; a 77-row table for another model warns once per row. */
    private static final int WARNINGS_SHOWN = 10;

    private static final List<ReasonCode> PRIORITY_SOURCES =
            List.of(ReasonCode.PRIORITY_CLIENT, ReasonCode.PRIORITY_MODEL, ReasonCode.PRIORITY_DEFAULT);

    private final String policy;
    private final List<String> warnings;
    private final int tickets;
    private final Map<String, Integer> teams = new TreeMap<>();
    private final Map<String, Integer> queues = new TreeMap<>();
    private final Map<String, Integer> decidedBy = new LinkedHashMap<>();
    private final Map<String, Integer> unroutedCategories = new TreeMap<>();
    /** Where each ticket's priority came from: the client, the model (on the policy's scale) or the scale's default. */
    private final Map<String, Integer> prioritySources = new LinkedHashMap<>();
    private final Map<String, Integer> refused = new TreeMap<>();
    private int needsReview;
    private int escalated;

    private RoutingEvaluation(String policy, List<String> warnings, int tickets) {
        this.policy = policy;
        this.warnings = warnings;
        this.tickets = tickets;
        for (DecidedBy by : DecidedBy.values()) {
            decidedBy.put(by.wireName(), 0);
        }
        for (ReasonCode source : PRIORITY_SOURCES) {
            prioritySources.put(source.wireName(), 0);
        }
    }

    /**
     * Routes every ticket of {@code tickets} through the served path with {@code classifier} and {@code policy}, the
     * tickets' languages detected by {@code languages}.
     */
    public static RoutingEvaluation of(MaxEntTicketClassifier classifier, RoutingPolicy policy, LanguageDetector languages,
                                       List<LabeledTicket> tickets) {
        List<String> warnings = new ArrayList<>();
        policy.warnings().forEach(p -> warnings.add(p.toString()));
        ModelCheck.check(policy, classifier.categories(), classifier.priorities())
                .forEach(p -> warnings.add(p.toString()));
        RoutingEvaluation evaluation = new RoutingEvaluation(policy.location(), List.copyOf(warnings), tickets.size());
        try (DroolsRouter router = DroolsRouter.create(policy)) {
            // The service as serve builds it, around the classifier evaluate has already loaded (not loaded twice).
            TriageService service = new TriageService(classifier, router, OptionalDouble.empty(), languages);
            for (LabeledTicket t : tickets) {
                try {
                    evaluation.count(service.triage(new Ticket(null, t.subject(), t.description(), null, null)));
                } catch (InvalidTicketException e) {
                    evaluation.refused.merge(e.code(), 1, Integer::sum);
                }
            }
        }
        return evaluation;
    }

    private void count(TriageResult result) {
        teams.merge(result.team(), 1, Integer::sum);
        queues.merge(result.queue(), 1, Integer::sum);
        decidedBy.merge(result.decidedBy(), 1, Integer::sum);
        needsReview += result.needsReview() ? 1 : 0;
        escalated += result.escalated() ? 1 : 0;
        for (CodedReason reason : result.reasonCodes()) {
            if (reason.code().equals(ReasonCode.UNROUTED_CATEGORY.wireName())) {
                unroutedCategories.merge(String.valueOf(reason.detail()), 1, Integer::sum);
            }
            prioritySources.computeIfPresent(reason.code(), (code, count) -> count + 1);
        }
    }

    /** How many tickets no routing row routed (reason {@code unrouted_category}). */
    public int unrouted() {
        return unroutedCategories.values().stream().mapToInt(Integer::intValue).sum();
    }

    /** The section of {@code evaluate}'s text output. */
    public String render() {
        StringBuilder text = new StringBuilder();
        text.append(String.format(Locale.ROOT, "Routing (policy: %s; %d tickets through TriageService):%n", policy, tickets));
        text.append("  teams: ").append(shares(teams)).append('\n');
        text.append("  queues: ").append(shares(queues)).append('\n');
        text.append("  decided by: ").append(String.join(", ", decidedBy.entrySet().stream()
                .map(e -> e.getKey() + " " + share(e.getValue())).toList())).append('\n');
        text.append("  priority from: ").append(String.join(", ", prioritySources.entrySet().stream()
                .map(e -> e.getKey() + " " + share(e.getValue())).toList())).append('\n');
        text.append(String.format(Locale.ROOT, "  needs review %s, escalated %s, %s %d%s%n", share(needsReview), share(escalated),
                ReasonCode.UNROUTED_CATEGORY.wireName(), unrouted(),
                unroutedCategories.isEmpty() ? "" : " (" + shares(unroutedCategories) + ")"));
        if (!refused.isEmpty()) {
            text.append("  refused by the service: ").append(shares(refused)).append('\n');
        }
        text.append(warnings.isEmpty() ? "  policy warnings: none\n" : "  policy warnings:\n");
        warnings.stream().limit(WARNINGS_SHOWN).forEach(w -> text.append("    ").append(w).append('\n'));
        if (warnings.size() > WARNINGS_SHOWN) {
            text.append(String.format(Locale.ROOT, "    and %d more (--json lists them all; ./triage routing check --model DIR)%n",
                    warnings.size() - WARNINGS_SHOWN));
        }
        return text.toString();
    }

    /** The {@code routing} object of {@code evaluate --json}. */
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("policy", policy);
        json.put("tickets", tickets);
        json.put("teams", countsAndShares(teams));
        json.put("queues", countsAndShares(queues));
        Map<String, Object> by = new LinkedHashMap<>();
        decidedBy.forEach((k, v) -> by.put(k, countAndShare(v)));
        json.put("decidedBy", by);
        Map<String, Object> sources = new LinkedHashMap<>();
        prioritySources.forEach((k, v) -> sources.put(k, countAndShare(v)));
        json.put("prioritySource", sources);
        json.put("needsReview", countAndShare(needsReview));
        json.put("escalated", countAndShare(escalated));
        Map<String, Object> unrouted = countAndShare(unrouted());
        unrouted.put("categories", new LinkedHashMap<>(unroutedCategories));
        json.put("unroutedCategory", unrouted);
        json.put("refused", new LinkedHashMap<>(refused));
        json.put("warnings", warnings);
        return json;
    }

    /** Largest first, then by name: the teams that get most tickets are what a reader looks for. */
    private static List<Map.Entry<String, Integer>> largestFirst(Map<String, Integer> counts) {
        return counts.entrySet().stream()
                .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()).thenComparing(Map.Entry.comparingByKey()))
                .toList();
    }

    private String shares(Map<String, Integer> counts) {
        return largestFirst(counts).stream().map(e -> e.getKey() + " " + share(e.getValue())).collect(Collectors.joining(", "));
    }

    private String share(int count) {
        return String.format(Locale.ROOT, "%d (%.1f%%)", count, tickets == 0 ? 0.0 : 100.0 * count / tickets);
    }

    private Map<String, Object> countsAndShares(Map<String, Integer> counts) {
        Map<String, Object> json = new LinkedHashMap<>();
        largestFirst(counts).forEach(e -> json.put(e.getKey(), countAndShare(e.getValue())));
        return json;
    }

    private Map<String, Object> countAndShare(int count) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("count", count);
        json.put("share", tickets == 0 ? 0.0 : Metrics.round((double) count / tickets));
        return json;
    }
}
