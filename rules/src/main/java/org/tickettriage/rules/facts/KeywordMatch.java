package org.tickettriage.rules.facts;

/** A keyword rule found cues for this category in a ticket the model was unsure about. */
public final class KeywordMatch {

    private final String category;

    public KeywordMatch(String category) {
        this.category = category;
    }

    public String getCategory() {
        return category;
    }

    @Override
    public String toString() {
        return "KeywordMatch[" + category + "]";
    }
}
