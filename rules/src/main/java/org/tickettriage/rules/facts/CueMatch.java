package org.tickettriage.rules.facts;

import org.tickettriage.rules.routing.EscalationCue;

/** An escalation cue of the policy matched the ticket; the escalation rule applies each once, in policy order. */
public final class CueMatch {

    private final EscalationCue cue;
    private final int order;
    private boolean applied;

    public CueMatch(EscalationCue cue, int order) {
        this.cue = cue;
        this.order = order;
    }

    public EscalationCue getCue() {
        return cue;
    }

    /** The cue's position among the ticket's matches, in escalation.csv order. */
    public int getOrder() {
        return order;
    }

    public boolean isApplied() {
        return applied;
    }

    public void setApplied(boolean applied) {
        this.applied = applied;
    }

    @Override
    public String toString() {
        return "CueMatch[" + cue.name() + (applied ? ", applied]" : "]");
    }
}
