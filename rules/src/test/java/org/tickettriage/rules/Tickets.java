package org.tickettriage.rules;

/** Builds routing requests for tests: one ticket, with or without a model prediction. */
final class Tickets {

    static final double THRESHOLD = 0.6;

    private Tickets() {
    }

    /** A ticket the model classified with the given confidence; no client priority. */
    static RoutingRequest predicted(String text, String category, double confidence, String modelPriority) {
        return new RoutingRequest("t-1", "", text, category, confidence, modelPriority, null, THRESHOLD);
    }

    /** A ticket the model is sure about, with the client's priority (may be null). */
    static RoutingRequest confident(String category, String clientPriority) {
        return new RoutingRequest("t-1", "Question", "Please look into this.", category, 0.95, "Low",
                clientPriority, THRESHOLD);
    }

    /** A ticket seen with no model loaded: only the text and the client's priority (may be null). */
    static RoutingRequest withoutModel(String subject, String description, String clientPriority) {
        return new RoutingRequest("t-1", subject, description, null, 0.0, null, clientPriority, THRESHOLD);
    }
}
