package org.tickettriage.rules;

import java.util.Locale;

/**
 * Why a routing decision came out as it did, one code per step. The codes' wire names are a contract
 * (docs/API.md lists them): add new ones, never rename or reuse one.
 */
public enum ReasonCode {
    /** The model was at least as confident as the review threshold; it decided the category (detail: the category). */
    MODEL_CONFIDENT,
    /** Below the threshold, a keyword fallback found phrases of this category (detail: the category). */
    KEYWORD_MATCH,
    /** Keyword fallbacks pointed to one category only, so they decided it (detail: the category). */
    KEYWORD_DECIDES,
    /** Below the threshold and no single keyword category: a person decides (detail: the model's guess, or null). */
    LOW_CONFIDENCE_REVIEW,
    /** The client supplied a priority on the active scale (detail: the priority). */
    PRIORITY_CLIENT,
    /** The model's predicted priority was used (detail: the priority). */
    PRIORITY_MODEL,
    /** Neither client nor model gave a priority on the scale: the policy's default (detail: the priority). */
    PRIORITY_DEFAULT,
    /** An escalation cue matched the ticket (detail: the cue's name); its priority floor applies. */
    ESCALATION,
    /** An escalation cue chose the team and queue (detail: the cue's name). */
    ROUTE_ESCALATION,
    /** The ticket needs review, so it went to the review queue. */
    ROUTE_REVIEW,
    /** A routing-table row chose team, queue and first response (detail: the category and the row, {@code routing.csv line 3}). */
    ROUTE_TABLE,
    /** No routing-table row matched the category: the review queue, for a person to route (detail: the category). */
    UNROUTED_CATEGORY,
    /** The routing row's priority floor raised the priority (detail: the floor and the row, {@code High (routing.csv line 9)}). */
    PRIORITY_FLOOR,
    /** An escalation cue's first response was the tightest promise (detail: the cue's name). */
    SLA_ESCALATION,
    /** The first response of the ticket's priority on the scale applied (detail: the priority). */
    SLA_PRIORITY;

    /** The spelling in JSON ({@code keyword_match}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /** The sentence for people; the category, priority and escalation sentences are the rule names of earlier releases. */
    String text(String detail) {
        return switch (this) {
            case MODEL_CONFIDENT -> "Model decides category";
            case KEYWORD_MATCH -> "Low confidence: keyword " + detail;
            case KEYWORD_DECIDES -> "Low confidence: keyword decides";
            case LOW_CONFIDENCE_REVIEW -> "Low confidence: human review";
            case PRIORITY_CLIENT -> "Priority: client supplied";
            case PRIORITY_MODEL -> "Priority: model prediction";
            case PRIORITY_DEFAULT -> "Default priority";
            case ESCALATION -> "Escalate " + detail;
            case ROUTE_ESCALATION -> "Route " + detail;
            case ROUTE_REVIEW -> "Route to human review";
            case ROUTE_TABLE -> "Route " + detail;
            case UNROUTED_CATEGORY -> "No routing row for " + detail + ": route to human review";
            case PRIORITY_FLOOR -> "Priority floor " + detail;
            case SLA_ESCALATION -> "SLA " + detail;
            case SLA_PRIORITY -> "SLA " + detail;
        };
    }
}
