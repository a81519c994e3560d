package org.tickettriage.rules;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * The router's immutable answer for one ticket.
 *
 * @param category            the final category
 * @param priority            the final priority, a label of the policy's scale
 * @param team                the team that owns the ticket
 * @param queue               the queue the ticket goes to
 * @param firstResponseTarget the first-response target
 * @param decidedBy           who decided the category
 * @param needsReview         true when a person must confirm the category or route the ticket
 * @param escalated           true when an escalation cue or a routing row's floor raised the priority
 * @param reasonCodes         the steps of the decision, in order
 * @param outputs             the routing row's {@code set:} outputs, by name without the marker (empty when none)
 */
public record RoutingDecision(
        String category,
        String priority,
        String team,
        String queue,
        Duration firstResponseTarget,
        DecidedBy decidedBy,
        boolean needsReview,
        boolean escalated,
        List<Reason> reasonCodes,
        Map<String, String> outputs) {

    public RoutingDecision {
        reasonCodes = List.copyOf(reasonCodes);
        outputs = Map.copyOf(outputs);
    }

    /** The steps as sentences for people, in order ({@code "Model decides category"}, ...). */
    public List<String> reasons() {
        return reasonCodes.stream().map(Reason::text).toList();
    }
}
