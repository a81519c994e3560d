package org.tickettriage.rules.routing;

import java.time.Duration;

/**
 * Where tickets go that a person must look at: those the model and keywords could not decide, and those whose
 * category no routing row routes.
 *
 * @param team          the team that reviews
 * @param queue         the review queue
 * @param firstResponse the first-response target, or null to use the ticket's priority's
 */
public record ReviewQueue(String team, String queue, Duration firstResponse) {
}
