package org.tickettriage.rules.facts;

import org.tickettriage.rules.RoutingRequest;

/** The ticket as the rules see it: its text and the model's prediction, read-only. */
public final class TicketFact {

    private final String ticketId;
    private final String text;
    private final CueText cues;
    private final String predictedCategory;
    private final double confidence;
    private final String predictedPriority;
    private final String clientPriority;
    private final double reviewThreshold;

    /** Copies the request; blank optional values count as absent so that rules test only for null. */
    public TicketFact(RoutingRequest request) {
        this.ticketId = request.ticketId();
        // Subject and body are matched together: a cue may sit in either.
        this.text = request.subject() + "\n" + request.description();
        // Split once here: the escalation rules look for cues in every ticket.
        this.cues = CueText.of(text);
        this.predictedCategory = blankToNull(request.predictedCategory());
        this.confidence = request.confidence();
        this.predictedPriority = blankToNull(request.predictedPriority());
        this.clientPriority = blankToNull(request.clientPriority());
        this.reviewThreshold = request.reviewThreshold();
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.strip();
    }

    public String getTicketId() {
        return ticketId;
    }

    /** Subject and description joined by a line break. */
    public String getText() {
        return text;
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

    @Override
    public String toString() {
        // Never the text: it is customer data and toString ends up in logs.
        return "TicketFact[" + ticketId + ", predicted=" + predictedCategory + "@" + confidence + "]";
    }
}
