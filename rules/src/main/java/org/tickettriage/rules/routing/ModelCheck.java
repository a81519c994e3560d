package org.tickettriage.rules.routing;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Checks a routing policy against the labels of a model: what the model predicts that the policy cannot route,
 * and what the policy names that the model never predicts. Every finding is a warning: the policy still loads
 * (unrouted tickets go to the review queue), and {@code ./triage routing check --strict} treats them as errors.
 */
public final class ModelCheck {

    private ModelCheck() {
    }

    /**
     * The problems of {@code policy} with a model that predicts {@code categories} and {@code priorities} (lowest
     * first, as its model card lists them; empty without a priority head).
     */
    public static List<PolicyProblem> check(RoutingPolicy policy, List<String> categories, List<String> priorities) {
        List<PolicyProblem> problems = new ArrayList<>();
        String routingFile = policy.table().rows().isEmpty() ? PolicyFiles.ROUTING : policy.table().rows().get(0).file();
        List<String> unrouted = policy.table().unrouted(categories, policy.priorities());
        if (!unrouted.isEmpty()) {
            problems.add(PolicyProblem.warning(routingFile, 0, "no row routes the model's "
                    + (unrouted.size() == 1 ? "label " : "labels ") + quoted(unrouted)
                    + " at every priority: such tickets go to the review queue (add rows, or a * row)"));
        }
        boolean namesCategories = policy.table().rows().stream().anyMatch(row -> row.category() != null);
        List<String> catchAllOnly = categories.stream().filter(label -> !unrouted.contains(label)
                && policy.table().rows().stream().noneMatch(row -> label.equals(row.category()))).toList();
        if (namesCategories && !catchAllOnly.isEmpty()) {
            // The table routes some categories by name: these fall through to its * rows, often not what was meant.
            problems.add(PolicyProblem.warning(routingFile, 0, "no row names the model's "
                    + (catchAllOnly.size() == 1 ? "label " : "labels ") + quoted(catchAllOnly)
                    + ": only a * row routes them"));
        }
        Set<String> known = new LinkedHashSet<>(categories);
        policy.keywords().forEach(k -> known.add(k.category()));
        for (RouteRow row : policy.table().rows()) {
            if (row.category() != null && !known.contains(row.category())) {
                problems.add(PolicyProblem.warning(row.file(), row.line(), "category '" + row.category()
                        + "' is not a label of the model nor a keyword category, so this row never matches"
                        + PolicyReader.suggestion(row.category(), categories)));
            }
        }
        for (KeywordFallback keyword : policy.keywords()) {
            if (!categories.contains(keyword.category())) {
                problems.add(PolicyProblem.warning(PolicyFiles.KEYWORDS, keyword.line(), "category '" + keyword.category()
                        + "' is not a label of the model: the keyword fallback gives tickets a category the model does not know"
                        + PolicyReader.suggestion(keyword.category(), categories)));
            }
        }
        PriorityScale scale = policy.priorities();
        List<String> offScale = priorities.stream().filter(p -> scale.rank(p) < 0).toList();
        if (!offScale.isEmpty()) {
            problems.add(PolicyProblem.warning(PolicyFiles.PRIORITIES, 0, "the model predicts "
                    + quoted(offScale) + ", not on the scale " + scale.labels()
                    + ": those predictions are ignored and the default priority applies (write the model's scale in priorities.csv)"));
        } else if (priorities.size() > 1 && !inScaleOrder(priorities, scale)) {
            problems.add(PolicyProblem.warning(PolicyFiles.PRIORITIES, 0, "the model card lists its priorities as "
                    + priorities + ", lowest first, but the scale orders them " + scale.labels()));
        }
        return problems;
    }

    private static boolean inScaleOrder(List<String> priorities, PriorityScale scale) {
        for (int i = 1; i < priorities.size(); i++) {
            if (scale.rank(priorities.get(i - 1)) >= scale.rank(priorities.get(i))) {
                return false;
            }
        }
        return true;
    }

    private static String quoted(List<String> labels) {
        List<String> quoted = labels.stream().map(l -> "'" + l + "'").toList();
        return quoted.size() <= 10 ? String.join(", ", quoted)
                : String.join(", ", quoted.subList(0, 10)) + String.format(Locale.ROOT, " and %d more", quoted.size() - 10);
    }
}
