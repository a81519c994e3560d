package org.tickettriage.rules;

/**
 * What the router needs to decide one ticket: the ticket text, the model's prediction (if any) and
 * the priority the client supplied (if any).
 *
 * @param ticketId          the ticket's id, for the decision's audit trail; never null
 * @param subject           the ticket subject, possibly empty; never null
 * @param description       the ticket body, possibly empty; never null
 * @param predictedCategory the model's category, or null when no model is loaded
 * @param confidence        the model's probability for {@code predictedCategory}, 0 when no model
 * @param predictedPriority the model's priority, or null when no model is loaded
 * @param clientPriority    the priority the caller supplied, or null; kept unless a rule escalates
 * @param reviewThreshold   below this confidence the model's category is not trusted alone
 */
public record RoutingRequest(
        String ticketId,
        String subject,
        String description,
        String predictedCategory,
        double confidence,
        String predictedPriority,
        String clientPriority,
        double reviewThreshold) {

    public RoutingRequest {
        if (ticketId == null || subject == null || description == null) {
            throw new IllegalArgumentException("ticketId, subject and description must not be null");
        }
    }

    /** True when a model prediction is present. */
    public boolean hasModelPrediction() {
        return predictedCategory != null;
    }
}
