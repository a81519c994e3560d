package org.tickettriage.rules;

/** Decides team, queue, priority and final category for one ticket. Implementations are thread-safe. */
public interface Router {

    /** Routes one ticket; never returns null. */
    RoutingDecision route(RoutingRequest request);
}
