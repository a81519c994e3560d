package org.tickettriage.rules.facts;

import java.util.Arrays;

/**
 * A list of text cues parsed once, as a routing policy holds them: {@code "refund | charged twice"} is the word
 * "refund", or "charged" followed by "twice". {@link CueText} says how words are compared.
 */
public final class CueList {

    private final String source;
    private final CueText.Cue[] cues;

    private CueList(String source, CueText.Cue[] cues) {
        this.source = source;
        this.cues = cues;
    }

    /**
     * Parses {@code text}, cues separated by {@code |}.
     *
     * @throws IllegalArgumentException when a cue is empty (two separators in a row, or one at an end) or holds no word
     */
    public static CueList parse(String text) {
        return new CueList(text, CueText.parse(text));
    }

    CueText.Cue[] cues() {
        return cues;
    }

    /** How many cues the list holds. */
    public int size() {
        return cues.length;
    }

    /** The cues, each as its normalised words joined by single spaces ("cant connect"). */
    public String[] normalized() {
        return Arrays.stream(cues).map(cue -> String.join(" ", cue.words())).toArray(String[]::new);
    }

    @Override
    public String toString() {
        return source;
    }
}
