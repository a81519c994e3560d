package org.tickettriage.triage;

import java.util.List;

/**
 * The service's state, as {@code GET /health} reports it.
 *
 * @param status         {@code ok}, or {@code degraded} when the model is missing and rules decide alone
 * @param modelLoaded    whether a model is loaded
 * @param modelVersion   the loaded model's version, or {@code none}
 * @param detail         why the service is degraded, or null
 * @param routingPolicy  where the routing policy was read from ({@code bundled}, a path, an {@code s3://} URL)
 * @param priorities     the policy's priority scale, lowest first: what a client may send as {@code priority}
 * @param unroutedLabels the loaded model's labels that the routing table does not route at every priority (such
 *                       tickets go to the review queue); empty when every label is routed or no model is loaded
 */
public record Health(String status, boolean modelLoaded, String modelVersion, String detail, String routingPolicy,
                     List<String> priorities, List<String> unroutedLabels) {

    public Health {
        priorities = List.copyOf(priorities);
        unroutedLabels = List.copyOf(unroutedLabels);
    }
}
