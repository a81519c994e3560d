package org.tickettriage.rules;

import org.tickettriage.rules.routing.RoutingPolicy;

/** Decides team, queue, priority and final category for one ticket. Implementations are thread-safe. */
public interface Router {

    /** Routes one ticket; never returns null. */
    RoutingDecision route(RoutingRequest request);

    /** The routing policy this router applies. */
    RoutingPolicy policy();
}
