package org.tickettriage.model;

import java.lang.Character.UnicodeScript;
import java.util.List;

/**
 * Tokenizer version 2's words for scripts written without spaces between words: Han, Hiragana and Katakana (Chinese
 * and Japanese, one group), Thai, Lao, Khmer and Myanmar. A run of such characters is a sentence or a phrase, not a
 * word, so it becomes its overlapping character bigrams ({@code 密码重置} gives {@code 密码}, {@code 码重},
 * {@code 重置}), or the character itself when the run has one. A character is a base with the marks that follow it
 * (a Thai vowel or tone mark stays on its consonant). Hangul is written with spaces and stays word-based, as do all
 * other scripts. {@link WordScanner} ends a run where the group changes, so digits and words of other scripts
 * inside the same run of letters ({@code outlook} in {@code outlookが起動しない}) are words of their own. Stateless
 * and thread-safe.
 */
final class UnspacedScripts {

    /** Not written without spaces: words as in version 1. */
    static final int SPACED = 0;
    /** Han, Hiragana and Katakana: Japanese mixes them within a phrase, so bigrams cross between them. */
    private static final int CJK = 1;
    private static final int THAI = 2;
    private static final int LAO = 3;
    private static final int KHMER = 4;
    private static final int MYANMAR = 5;

    private UnspacedScripts() {
    }

    /**
     * The group of the word character {@code cp} when the character before it is in {@code previous}: digits are
     * {@link #SPACED} (a number is a word), and letters and marks of no script of their own (the prolonged sound mark
     * {@code ー}, inherited marks) stay in the group they follow.
     */
    static int group(int cp, int previous) {
        if (cp < 0x0300) {
            return SPACED; // Latin and the common punctuation: the fast path
        }
        if (Character.getType(cp) == Character.DECIMAL_DIGIT_NUMBER) {
            return SPACED;
        }
        int group = unspacedGroup(cp);
        if (group != SPACED) {
            return group;
        }
        UnicodeScript script = UnicodeScript.of(cp);
        return script == UnicodeScript.COMMON || script == UnicodeScript.INHERITED ? previous : SPACED;
    }

    /**
     * Whether {@code cp} is a letter or mark of a script written without spaces; its digits (Thai {@code ๑}) are
     * digits like any other, as in {@link #group}.
     */
    static boolean isUnspaced(int cp) {
        return unspacedGroup(cp) != SPACED && Character.getType(cp) != Character.DECIMAL_DIGIT_NUMBER;
    }

    /**
     * Adds the features of {@code s[from, to)}, a run of one unspaced group: its overlapping character bigrams, or the
     * character itself when the run has one.
     */
    static void addBigrams(String s, int from, int to, List<String> into) {
        // A character is a base and the marks after it; each bigram runs from one character's start to the next one's end.
        int previousStart = -1;
        int at = from;
        while (at < to) {
            int next = at + Character.charCount(s.codePointAt(at));
            while (next < to && isMark(s.codePointAt(next))) {
                next += Character.charCount(s.codePointAt(next));
            }
            if (previousStart >= 0) {
                into.add(s.substring(previousStart, next));
            }
            previousStart = at;
            at = next;
        }
        if (previousStart == from) {
            into.add(s.substring(from, to)); // a run of one character is its own feature
        }
    }

    private static int unspacedGroup(int cp) {
        if (cp < 0x0E00) {
            return SPACED; // below Thai, the first of these scripts
        }
        return switch (UnicodeScript.of(cp)) {
            case HAN, HIRAGANA, KATAKANA -> CJK;
            case THAI -> THAI;
            case LAO -> LAO;
            case KHMER -> KHMER;
            case MYANMAR -> MYANMAR;
            default -> SPACED;
        };
    }

    private static boolean isMark(int cp) {
        int type = Character.getType(cp);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK
                || type == Character.ENCLOSING_MARK;
    }
}
