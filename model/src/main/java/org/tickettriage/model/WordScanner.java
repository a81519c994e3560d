package org.tickettriage.model;

import java.util.List;

/**
 * Splits lower-cased (version 1) or folded (version 2) ticket text into the words of {@link Tokenizer}, in one pass.
 * At each position it tries, in this order:
 * <ol>
 *   <li>a URL: {@code http://}, {@code https://} or {@code www.} and everything up to the next white space, as
 *       {@link Tokenizer#URL};</li>
 *   <li>an e-mail address: letters, digits and {@code ._%+-}, an {@code @}, then at least two dot-separated labels
 *       of letters, digits and {@code -}, as {@link Tokenizer#EMAIL};</li>
 *   <li>an amount of money: {@code $ € £ ¥}, an optional space and a number ({@code $ 1,200.50}), or a number, an
 *       optional space and {@code usd eur gbp dollar(s) euro(s)} as a whole word ({@code 30 eur}), as
 *       {@link Tokenizer#MONEY};</li>
 *   <li>a word: letters and digits, joined by single {@code ' . _ -} ({@code e-mail}, {@code v2.3},
 *       {@code err_connection_reset}, {@code don't}), as itself or {@link Tokenizer#NUMBER};</li>
 * </ol>
 * and skips one character where none matches. Letters and digits are Unicode's (categories L and N); the digits of
 * numbers and amounts are ASCII; white space is ASCII's.
 *
 * <p>Version 2 differs in two places only: marks (category M) count as letters, so that a word of a script with vowel
 * signs (Devanagari, Thai) is not cut at each sign, and each word goes through {@link UnspacedScripts}, which turns
 * the parts of it written in a script without spaces into character bigrams. Version 1's path is unchanged.
 *
 * <p>This is the regular expression the first models were trained with, written out: TokenizerEquivalenceTest
 * runs both over the e-mail corpus and 200,000 random strings and requires the same words (a one-off run over the
 * 188,166 text fields of the synthetic, banking77 and nlbse24 data found no difference either). Hand-written because
 * the regex engine, trying four alternatives at every character, was about half of the classifier's time per
 * ticket; this is about four times faster.
 */
final class WordScanner {

    /** Unicode general categories that Java's {@code \p{L}} and {@code \p{N}} accept, as a bit set of types. */
    private static final int LETTER_OR_NUMBER = (1 << Character.UPPERCASE_LETTER) | (1 << Character.LOWERCASE_LETTER)
            | (1 << Character.TITLECASE_LETTER) | (1 << Character.MODIFIER_LETTER) | (1 << Character.OTHER_LETTER)
            | (1 << Character.DECIMAL_DIGIT_NUMBER) | (1 << Character.LETTER_NUMBER) | (1 << Character.OTHER_NUMBER);

    /** Version 2's word characters: letters, marks and digits. */
    private static final int LETTER_MARK_OR_NUMBER = LETTER_OR_NUMBER | (1 << Character.NON_SPACING_MARK)
            | (1 << Character.COMBINING_SPACING_MARK) | (1 << Character.ENCLOSING_MARK);

    private static final String[] CURRENCY_WORDS = {"usd", "eur", "gbp", "dollars", "dollar", "euros", "euro"};

    private final String s;
    private final int n;
    /** The general categories of word characters, as a bit set of types. */
    private final int wordCharacters;
    /** Whether words go through {@link UnspacedScripts} (version 2). */
    private final boolean unspacedScripts;
    /** Positions before this one cannot start an e-mail address: a scan from an earlier position found none. */
    private int noEmailBefore;
    /** Version 2: the {@link UnspacedScripts} group of the run {@link #run} found last. */
    private int runGroup;

    private WordScanner(String text, int wordCharacters, boolean unspacedScripts) {
        this.s = text;
        this.n = text.length();
        this.wordCharacters = wordCharacters;
        this.unspacedScripts = unspacedScripts;
    }

    /** Adds the version 1 words of {@code lowerCased} to {@code into}. */
    static void scan(String lowerCased, List<String> into) {
        new WordScanner(lowerCased, LETTER_OR_NUMBER, false).scanInto(into);
    }

    /** Adds the version 2 words of {@code folded} ({@link TextFolding#fold}) to {@code into}. */
    static void scanVersion2(String folded, List<String> into) {
        new WordScanner(folded, LETTER_MARK_OR_NUMBER, true).scanInto(into);
    }

    private void scanInto(List<String> into) {
        int i = 0;
        while (i < n) {
            int end;
            if ((end = url(i)) >= 0) {
                into.add(Tokenizer.URL);
            } else if ((end = email(i)) >= 0) {
                into.add(Tokenizer.EMAIL);
            } else if ((end = money(i)) >= 0) {
                into.add(Tokenizer.MONEY);
            } else if ((end = word(i)) >= 0) {
                if (unspacedScripts && runGroup != UnspacedScripts.SPACED) {
                    UnspacedScripts.addBigrams(s, i, end, into);
                } else {
                    into.add(Tokenizer.wordFeature(s.substring(i, end)));
                }
            } else {
                end = i + 1;
            }
            i = end;
        }
    }

    /** The end of the URL starting at {@code i}, or -1. */
    private int url(int i) {
        int rest;
        if (s.startsWith("http://", i)) {
            rest = i + 7;
        } else if (s.startsWith("https://", i)) {
            rest = i + 8;
        } else if (s.startsWith("www.", i)) {
            rest = i + 4;
        } else {
            return -1;
        }
        int end = rest;
        while (end < n && !isSpace(s.charAt(end))) {
            end++;
        }
        return end > rest ? end : -1;
    }

    /** The end of the e-mail address starting at {@code i}, or -1. */
    private int email(int i) {
        if (i < noEmailBefore) {
            return -1;
        }
        int at = i;
        while (at < n) {
            int cp = s.codePointAt(at);
            if (!(isAddressCharacter(cp) || cp == '.' || cp == '_' || cp == '%' || cp == '+' || cp == '-')) {
                break;
            }
            at += Character.charCount(cp);
        }
        if (at == i) {
            return -1;
        }
        int end = at < n && s.charAt(at) == '@' ? domain(at + 1) : -1;
        if (end < 0) {
            // Every later start inside this run reaches the same '@' (or none) and the same domain, and fails alike.
            noEmailBefore = at;
        }
        return end;
    }

    /** The end of an e-mail domain (two labels or more) starting at {@code i}, or -1. */
    private int domain(int i) {
        int end = label(i);
        if (end < 0) {
            return -1;
        }
        int labels = 1;
        while (end < n && s.charAt(end) == '.') {
            int next = label(end + 1);
            if (next < 0) {
                break;
            }
            end = next;
            labels++;
        }
        return labels >= 2 ? end : -1;
    }

    private int label(int i) {
        int end = i;
        while (end < n) {
            int cp = s.codePointAt(end);
            if (!(isAddressCharacter(cp) || cp == '-')) {
                break;
            }
            end += Character.charCount(cp);
        }
        return end > i ? end : -1;
    }

    /** The end of the amount of money starting at {@code i}, or -1. */
    private int money(int i) {
        char c = s.charAt(i);
        if (c == '$' || c == '€' || c == '£' || c == '¥') {
            int digits = i + 1 < n && isSpace(s.charAt(i + 1)) ? i + 2 : i + 1;
            return digits < n && isAsciiDigit(s.charAt(digits)) ? number(digits) : -1;
        }
        if (!isAsciiDigit(c)) {
            return -1;
        }
        int end = number(i);
        int unit = end < n && isSpace(s.charAt(end)) ? end + 1 : end;
        for (String currency : CURRENCY_WORDS) {
            if (s.startsWith(currency, unit) && wordBoundaryAfterLetter(unit + currency.length())) {
                return unit + currency.length();
            }
        }
        return -1;
    }

    /** The end of {@code \d[\d,]*(\.\d+)?} starting at a digit. */
    private int number(int i) {
        int end = i + 1;
        while (end < n && (isAsciiDigit(s.charAt(end)) || s.charAt(end) == ',')) {
            end++;
        }
        if (end + 1 < n && s.charAt(end) == '.' && isAsciiDigit(s.charAt(end + 1))) {
            end += 2;
            while (end < n && isAsciiDigit(s.charAt(end))) {
                end++;
            }
        }
        return end;
    }

    /**
     * Whether Java's {@code \b} holds at {@code i} right after a letter: at the end, or before anything that is not a
     * letter, digit, underscore or combining mark.
     */
    private boolean wordBoundaryAfterLetter(int i) {
        if (i >= n) {
            return true;
        }
        int cp = s.codePointAt(i);
        return !(Character.isLetterOrDigit(cp) || cp == '_' || Character.getType(cp) == Character.NON_SPACING_MARK);
    }

    /**
     * The end of the word starting at {@code i}, or -1. Version 2 joins runs of spaced scripts only: a run of an
     * unspaced script is a word of its own, and {@link #runGroup} is the group of the word found.
     */
    private int word(int i) {
        int end = run(i);
        if (end < 0) {
            return -1;
        }
        int group = runGroup;
        while (end < n && (!unspacedScripts || group == UnspacedScripts.SPACED)) {
            char joiner = s.charAt(end);
            if (joiner != '\'' && joiner != '.' && joiner != '_' && joiner != '-') {
                break;
            }
            int next = run(end + 1);
            if (next < 0 || (unspacedScripts && runGroup != UnspacedScripts.SPACED)) {
                break;
            }
            end = next;
        }
        runGroup = group;
        return end;
    }

    /**
     * The end of a run of letters and digits starting at {@code i}, or -1. In version 2, also of marks, and a run ends
     * where the script group changes ({@link UnspacedScripts#group}): {@code outlookが} is two runs.
     */
    private int run(int i) {
        if (unspacedScripts) {
            return groupRun(i);
        }
        int end = i;
        while (end < n) {
            int cp = s.codePointAt(end);
            if (!isWordCharacter(cp)) {
                break;
            }
            end += Character.charCount(cp);
        }
        return end > i ? end : -1;
    }

    private int groupRun(int i) {
        int end = i;
        int group = UnspacedScripts.SPACED;
        while (end < n) {
            int cp = s.codePointAt(end);
            if (!isWordCharacter(cp)) {
                break;
            }
            int g = UnspacedScripts.group(cp, group);
            if (end > i && g != group) {
                break;
            }
            group = g;
            end += Character.charCount(cp);
        }
        runGroup = group;
        return end > i ? end : -1;
    }

    private boolean isWordCharacter(int cp) {
        return ((1 << Character.getType(cp)) & wordCharacters) != 0;
    }

    /** A character of an e-mail address: version 2 leaves the scripts without spaces to the words around it. */
    private boolean isAddressCharacter(int cp) {
        return isWordCharacter(cp) && !(unspacedScripts && UnspacedScripts.isUnspaced(cp));
    }

    private static boolean isAsciiDigit(char c) {
        return c >= '0' && c <= '9';
    }

    /** Java's {@code \s}: ASCII white space only. */
    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\u000B' || c == '\f' || c == '\r';
    }
}
