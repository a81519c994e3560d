package org.tickettriage.rules;

/**
 * One step of a routing decision: a stable {@link ReasonCode} for programs, a detail (the category, cue, priority
 * or policy line it concerns, or null) and the sentence people read.
 *
 * @param code   what happened
 * @param detail what it happened to, or null
 */
public record Reason(ReasonCode code, String detail) {

    public Reason {
        if (code == null) {
            throw new IllegalArgumentException("code must not be null");
        }
    }

    /** The sentence for people, as {@link RoutingDecision#reasons()} lists it. */
    public String text() {
        return code.text(detail);
    }
}
