package org.tickettriage.rules.routing;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.tickettriage.rules.TicketAttributes;

/**
 * The routing table, indexed once: the first row that matches a ticket wins, in file order. For each category
 * the index keeps, in file order, the rows that name it and the {@code *} rows, so a lookup scans only rows that
 * could match.
 */
public final class RoutingTable {

    private static final RouteRow[] NONE = new RouteRow[0];

    private final List<RouteRow> rows;
    private final Map<String, RouteRow[]> byCategory = new HashMap<>();
    private final RouteRow[] anyCategory;

    RoutingTable(List<RouteRow> rows) {
        this.rows = List.copyOf(rows);
        Set<String> categories = new LinkedHashSet<>();
        List<RouteRow> wildcards = new ArrayList<>();
        for (RouteRow row : rows) {
            if (row.category() == null) {
                wildcards.add(row);
            } else {
                categories.add(row.category());
            }
        }
        this.anyCategory = wildcards.toArray(NONE);
        for (String category : categories) {
            byCategory.put(category, rows.stream()
                    .filter(row -> row.category() == null || row.category().equals(category))
                    .toArray(RouteRow[]::new));
        }
    }

    /** The rows in file order. */
    public List<RouteRow> rows() {
        return rows;
    }

    /**
     * The first row that routes a ticket of {@code category} and {@code priority} (scale spelling) with
     * {@code attributes}, or null when none does.
     */
    public RouteRow firstMatch(String category, String priority, TicketAttributes attributes) {
        for (RouteRow row : byCategory.getOrDefault(category, anyCategory)) {
            if (row.matches(category, priority, attributes)) {
                return row;
            }
        }
        return null;
    }

    /**
     * The labels among {@code categories} that some tickets cannot be routed for: for at least one priority of
     * {@code scale}, no row without attribute conditions routes them. Those tickets go to the review queue.
     */
    public List<String> unrouted(Collection<String> categories, PriorityScale scale) {
        List<String> unrouted = new ArrayList<>();
        for (String category : categories) {
            for (String priority : scale.labels()) {
                if (firstMatch(category, priority, TicketAttributes.NONE) == null) {
                    unrouted.add(category);
                    break;
                }
            }
        }
        return unrouted;
    }
}
