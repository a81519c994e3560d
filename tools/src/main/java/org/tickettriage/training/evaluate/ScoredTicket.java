package org.tickettriage.training.evaluate;

/**
 * One ticket's true label next to the model's answer.
 *
 * @param actual     the true label
 * @param predicted  the model's label
 * @param confidence the model's probability for {@code predicted}
 */
public record ScoredTicket(String actual, String predicted, double confidence) {

    /** Whether the model was right. */
    public boolean correct() {
        return actual.equals(predicted);
    }
}
