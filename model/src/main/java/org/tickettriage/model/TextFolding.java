package org.tickettriage.model;

import java.text.Normalizer;
import java.util.Locale;

/**
 * How tokenizer version 2 folds text before it looks for words, so that spellings a reader takes for the same word
 * match: compatibility forms to their plain letters (NFKD: full-width {@code Ａ} to {@code a}, the ligature {@code ﬁ}
 * to {@code fi}, half-width katakana to full-width), accents removed ({@code é} to {@code e}, {@code ä} to
 * {@code a}), case folded with {@link Locale#ROOT}, invisible format characters (soft hyphen, zero-width joiners)
 * dropped, and a few letters without a decomposition spelled out ({@code ß} {@code ss}, {@code æ} {@code ae},
 * {@code œ} {@code oe}, {@code ø} {@code o}, {@code ł} {@code l}, {@code đ} {@code d}, {@code ħ} {@code h}, dotless
 * {@code ı} {@code i}, final {@code ς} {@code σ}); the typographic apostrophe and hyphens become ASCII's, and Arabic's
 * kashida is dropped. Only the features see the folded text: the ticket keeps its own. Stateless and thread-safe.
 *
 * <p>Accents are the combining marks of the diacritical blocks and the optional vowel points of Hebrew and Arabic;
 * the vowel signs of Indic and Southeast Asian scripts are kept, because they spell the word, and so is the
 * Japanese voicing mark ({@code が} stays {@code が}: the text is recomposed, NFC, after the marks are gone).
 */
final class TextFolding {

    /** Arabic's kashida, which only stretches a word for layout. */
    private static final int TATWEEL = 0x0640;

    /** Characters below this (Latin, Greek, Cyrillic, Armenian) are folded one by one, through {@link #FOLDED}. */
    private static final int ALPHABETS_END = 0x0590;
    /** So are the general punctuation and the currency symbols, U+2000 to U+20CF. */
    private static final int PUNCTUATION_START = 0x2000;
    private static final int PUNCTUATION_END = 0x20D0;

    /**
     * The folding of each of those characters, filled on first use by {@link #foldAnyText}. For a text of those
     * characters only, folding one character at a time gives what folding the whole text gives (none of them composes
     * with a neighbour, and lower-casing in {@link Locale#ROOT} depends on the context for the final sigma only, which
     * is folded to σ anyway), without normalizing the whole text twice: several times faster on European text.
     * TextFoldingTest checks it against the whole-text path. A slot is written at most once with an immutable
     * string, so a race only computes it twice.
     */
    private static final String[] FOLDED = new String[ALPHABETS_END + PUNCTUATION_END - PUNCTUATION_START];

    private TextFolding() {
    }

    /** {@code text} folded for matching; ASCII text only has its case folded. */
    static String fold(String text) {
        int i = 0;
        int n = text.length();
        while (i < n && text.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return text.toLowerCase(Locale.ROOT);
        }
        StringBuilder folded = new StringBuilder(n + 8);
        for (int at = 0; at < n; at++) {
            char c = text.charAt(at);
            if (c < 0x80) {
                folded.append(c >= 'A' && c <= 'Z' ? (char) (c + ('a' - 'A')) : c);
                continue;
            }
            int slot = c < ALPHABETS_END ? c
                    : c >= PUNCTUATION_START && c < PUNCTUATION_END ? ALPHABETS_END + c - PUNCTUATION_START : -1;
            if (slot < 0) {
                return foldAnyText(text);
            }
            String f = FOLDED[slot];
            if (f == null) {
                f = foldAnyText(String.valueOf(c));
                FOLDED[slot] = f;
            }
            folded.append(f);
        }
        return folded.toString();
    }

    /** {@link #fold} of any text, the definition: both normalizations over the whole text. */
    static String foldAnyText(String text) {
        String decomposed = Normalizer.normalize(text, Normalizer.Form.NFKD);
        StringBuilder kept = new StringBuilder(decomposed.length());
        for (int at = 0; at < decomposed.length(); ) {
            int cp = decomposed.codePointAt(at);
            at += Character.charCount(cp);
            if (!isAccent(cp) && Character.getType(cp) != Character.FORMAT && cp != TATWEEL) {
                kept.appendCodePoint(cp);
            }
        }
        String lower = kept.toString().toLowerCase(Locale.ROOT);
        StringBuilder folded = new StringBuilder(lower.length() + 8);
        for (int at = 0; at < lower.length(); at++) {
            char c = lower.charAt(at);
            switch (c) {
                case 'ß' -> folded.append("ss");
                case 'ς' -> folded.append('σ'); // the final sigma is a position, not a letter
                case 'æ' -> folded.append("ae");
                case 'œ' -> folded.append("oe");
                case 'ø' -> folded.append('o');
                case 'ł' -> folded.append('l');
                case 'đ' -> folded.append('d');
                case 'ħ' -> folded.append('h');
                case 'ı' -> folded.append('i');
                case '\u2019' -> folded.append('\''); // as version 1: "don’t" is "don't"
                case '\u2010', '\u2011' -> folded.append('-'); // the hyphens that are not ASCII's: "e‐mail" is "e-mail"
                default -> folded.append(c);
            }
        }
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }

    /** Whether {@code cp} is a combining mark that only accents a letter (removed when folding). */
    static boolean isAccent(int cp) {
        if (Character.getType(cp) != Character.NON_SPACING_MARK) {
            return false;
        }
        return (cp >= 0x0300 && cp <= 0x036F)     // combining diacritical marks: Latin, Greek, Cyrillic accents
                || (cp >= 0x1AB0 && cp <= 0x1AFF) // ... extended
                || (cp >= 0x1DC0 && cp <= 0x1DFF) // ... supplement
                || (cp >= 0x20D0 && cp <= 0x20FF) // ... for symbols
                || (cp >= 0xFE20 && cp <= 0xFE2F) // combining half marks
                || (cp >= 0x0591 && cp <= 0x05C7) // Hebrew points and accents
                || (cp >= 0x064B && cp <= 0x065F) // Arabic vowel marks (harakat)
                || cp == 0x0670;                  // Arabic superscript alef
    }
}
