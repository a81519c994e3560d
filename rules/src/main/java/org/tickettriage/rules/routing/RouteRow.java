package org.tickettriage.rules.routing;

import java.time.Duration;
import java.util.Map;

/**
 * One row of the routing table: when a ticket's category, priority and attributes match, it goes to
 * {@code team} and {@code queue} with {@code firstResponse} as its first-response target.
 *
 * @param file          the file the row came from ({@code routing.csv})
 * @param line          its line in that file, from 1
 * @param category      the category it routes, or null for {@code *} (any)
 * @param priority      the priority it routes, in the scale's spelling, or null for {@code *} (any)
 * @param conditions    the attribute conditions
 * @param team          the owning team
 * @param queue         the queue
 * @param firstResponse the first-response target
 * @param priorityFloor the {@code set:priority_floor} output: a priority the ticket is raised to, or null
 * @param outputs       the other {@code set:} outputs, by name without the marker, blank cells left out
 */
public record RouteRow(String file, int line, String category, String priority, Conditions conditions,
                       String team, String queue, Duration firstResponse, String priorityFloor,
                       Map<String, String> outputs) {

    public RouteRow {
        outputs = Map.copyOf(outputs);
    }

    /** Whether this row routes a ticket of {@code category} and {@code priority} (scale spelling) with these attributes. */
    boolean matches(String category, String priority, org.tickettriage.rules.TicketAttributes attributes) {
        return (this.category == null || this.category.equals(category))
                && (this.priority == null || this.priority.equals(priority))
                && conditions.matches(attributes);
    }

    /** Whether every ticket this row's conditions let through also matches {@code earlier}: this row then never matches. */
    boolean isShadowedBy(RouteRow earlier) {
        return (earlier.category == null || earlier.category.equals(category))
                && (earlier.priority == null || earlier.priority.equals(priority))
                && earlier.conditions.covers(conditions);
    }

    /** Whether {@code other} has exactly this row's conditions. */
    boolean sameConditions(RouteRow other) {
        return java.util.Objects.equals(category, other.category) && java.util.Objects.equals(priority, other.priority)
                && conditions.equals(other.conditions);
    }

    /** Where the row is, for reasons and messages: {@code routing.csv line 7}. */
    public String location() {
        return file + " line " + line;
    }
}
