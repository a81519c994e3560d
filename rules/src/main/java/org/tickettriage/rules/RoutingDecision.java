package org.tickettriage.rules;

import java.time.Duration;
import java.util.List;

/**
 * The router's immutable answer for one ticket.
 *
 * @param category            the final category
 * @param priority            the final priority (Low, Medium, High, Critical)
 * @param team                the team that owns the ticket
 * @param queue               the queue the ticket goes to
 * @param firstResponseTarget the first-response SLA target for this team and priority
 * @param decidedBy           who decided the category
 * @param needsReview         true when a person must confirm the category
 * @param escalated           true when a rule raised the priority
 * @param reasons             the names of the rules that fired, in firing order
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
        List<String> reasons) {

    public RoutingDecision {
        reasons = List.copyOf(reasons);
    }
}
