package org.tickettriage.model;

import java.util.List;

/** Predicts a ticket's category and priority from its text. Implementations are thread-safe. */
public interface TicketClassifier {

    /**
     * Classifies one ticket.
     *
     * @param subject     the subject, possibly empty, never null
     * @param description the body, possibly empty, never null
     */
    Prediction classify(String subject, String description);

    /** A short identifier of the loaded model, echoed in every result ({@code modelVersion}). */
    String modelVersion();

    /** The review threshold recorded in the model card: below it the category is not trusted alone. */
    double reviewThreshold();

    /** The categories the model can predict, in its own order; empty when it does not say. */
    default List<String> categories() {
        return List.of();
    }
}
