package org.tickettriage.rules;

import java.util.Locale;

/** Who decided a ticket's category: the model alone, a keyword rule, or nobody yet (human review). */
public enum DecidedBy {
    MODEL, RULES, REVIEW;

    /** The lower-case spelling used in the HTTP contract ({@code "model"}, {@code "rules"}, {@code "review"}). */
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
