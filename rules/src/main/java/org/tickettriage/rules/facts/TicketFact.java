package org.tickettriage.rules.facts;

import java.util.List;
import org.tickettriage.rules.RoutingRequest;
import org.tickettriage.rules.TicketAttributes;
import org.tickettriage.rules.routing.RoutingPolicy;

/**
 * The ticket as the rules see it: its words, attributes and the model's prediction, read-only. Priorities are in
 * the policy scale's spelling, or null when absent or not on the scale.
 */
public final class TicketFact {

    private final String ticketId;
    private final CueText cues;
    private final TicketAttributes attributes;
    private final String predictedCategory;
    private final double confidence;
    private final String predictedPriority;
    private final String clientPriority;
    private final double reviewThreshold;
    private final List<String> keywordCategories;

    /** Copies the request; blank optional values count as absent so that rules test only for null. */
    public TicketFact(RoutingRequest request, RoutingPolicy policy) {
        this.ticketId = request.ticketId();
        // Subject and description are matched together, split into words once: a cue may sit in either.
        this.cues = CueText.of(request.subject() + "\n" + request.description());
        this.attributes = request.attributes();
        this.predictedCategory = blankToNull(request.predictedCategory());
        this.confidence = request.confidence();
        this.predictedPriority = onScale(policy, request.predictedPriority());
        this.clientPriority = onScale(policy, request.clientPriority());
        this.reviewThreshold = request.reviewThreshold();
        // Only looked for when the model is unsure: most tickets never need them.
        this.keywordCategories = confidence >= reviewThreshold && predictedCategory != null
                ? List.of() : policy.keywordCategories(cues);
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    private static String onScale(RoutingPolicy policy, String priority) {
        String value = blankToNull(priority);
        return value == null ? null : policy.priorities().canonical(value).orElse(null);
    }

    public String getTicketId() {
        return ticketId;
    }

    /** The ticket's words, for the escalation cues. */
    public CueText getCues() {
        return cues;
    }

    public TicketAttributes getAttributes() {
        return attributes;
    }

    /**
     * Whether subject or description mentions one of the cues in {@code cueList} ({@code "refund | charged twice"});
     * see {@link CueText#mentions(String)}.
     */
    public boolean mentions(String cueList) {
        return cues.mentions(cueList);
    }

    public String getPredictedCategory() {
        return predictedCategory;
    }

    public double getConfidence() {
        return confidence;
    }

    public String getPredictedPriority() {
        return predictedPriority;
    }

    public String getClientPriority() {
        return clientPriority;
    }

    public double getReviewThreshold() {
        return reviewThreshold;
    }

    /** The categories whose keyword fallbacks the text mentions, in policy order; empty when the model was confident. */
    public List<String> getKeywordCategories() {
        return keywordCategories;
    }

    @Override
    public String toString() {
        // Never the text: it is customer data and toString ends up in logs.
        return "TicketFact[" + ticketId + ", predicted=" + predictedCategory + "@" + confidence + "]";
    }
}
