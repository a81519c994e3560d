package org.tickettriage.rules;

/**
 * What the router needs to know about one ticket.
 *
 * @param ticketId          the ticket's id, for error messages (never its text)
 * @param subject           the subject, possibly empty
 * @param description       the body, possibly empty
 * @param predictedCategory the model's category, or null without a model
 * @param confidence        the model's probability for {@code predictedCategory}, 0 without a model
 * @param predictedPriority the model's priority, or null
 * @param clientPriority    the priority the client supplied, or null
 * @param reviewThreshold   below this confidence the model's category is not trusted alone
 * @param attributes        who the ticket is from and how it came: organization, tier, channel, language, tags
 */
public record RoutingRequest(
        String ticketId,
        String subject,
        String description,
        String predictedCategory,
        double confidence,
        String predictedPriority,
        String clientPriority,
        double reviewThreshold,
        TicketAttributes attributes) {

    public RoutingRequest {
        if (ticketId == null || subject == null || description == null) {
            throw new IllegalArgumentException("ticketId, subject and description must not be null");
        }
        if (attributes == null) {
            attributes = TicketAttributes.NONE;
        }
    }

    /** A request without ticket attributes. */
    public RoutingRequest(String ticketId, String subject, String description, String predictedCategory,
                          double confidence, String predictedPriority, String clientPriority, double reviewThreshold) {
        this(ticketId, subject, description, predictedCategory, confidence, predictedPriority, clientPriority,
                reviewThreshold, TicketAttributes.NONE);
    }

    /** True when a model prediction is present. */
    public boolean hasModelPrediction() {
        return predictedCategory != null;
    }
}
