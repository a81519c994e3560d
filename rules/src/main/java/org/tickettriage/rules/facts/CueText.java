package org.tickettriage.rules.facts;

import java.text.Normalizer;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * A ticket's text as words, for the rules' text cues: {@code mentions("refund | charged twice")} is true when the
 * text contains the word "refund" or the words "charged" and "twice" next to each other.
 *
 * <p>Words are runs of letters and digits of any script, lower-cased and with accents folded ("Größe" is "grosse",
 * "facturación" is "facturacion": Unicode NFKD decomposition without its combining marks, and ß as ss, the folding of
 * the model's tokenizer version 2); apostrophes inside a word are dropped ("can't" is "cant") and every other
 * character separates words, so "double-charged", "double charged" and "double&nbsp;&nbsp;charged" are the same two
 * words. Cue lists are written in the DRL or a routing policy and go through the same normalisation, parsed once.
 *
 * <p>A one-word cue may carry {@code *} at its start, its end or both, for languages that build compounds: {@code
 * *ausfall} matches "Serverausfall" and "Ausfall", {@code datenverlust*} matches "Datenverlusts", {@code
 * *sicherheitsluck*} matches "Sicherheitslücken" and "Datensicherheitslücke". The stem is at least {@value
 * #MIN_STEM_CHARS} letters, so that a wildcard cue cannot match most words.
 *
 * <p>Why not regular expressions: a {@code matches ".*\b(...)\b.*"} constraint scans the whole text once per
 * alternative and per rule for every ticket, which measured at about half of the served path's time. Here the
 * text is split once, and a cue costs a hash lookup unless all its words are present.
 */
public final class CueText {

    /** Marks punctuation between two words in {@link #joined}; a cue cannot contain it, so it never matches across. */
    private static final String SENTENCE_BREAK = "| ";

    /** Separates the cues of one list in the DRL. */
    private static final char CUE_SEPARATOR = '|';

    /** The shortest stem of a wildcard cue ({@code *ausfall}). */
    public static final int MIN_STEM_CHARS = 4;

    /** Parsed cue lists, by their text, for {@link #mentions(String)}. */
    private static final ConcurrentHashMap<String, CueList> CUE_LISTS = new ConcurrentHashMap<>();

    private final Set<String> words;
    /**
     * The words joined by single spaces, with a space before the first and after the last, and {@code "| "}
     * before a word that punctuation separated from the previous one.
     */
    private final String joined;

    private CueText(Set<String> words, String joined) {
        this.words = words;
        this.joined = joined;
    }

    /** The words of {@code text}. */
    public static CueText of(String text) {
        List<String> all = new ArrayList<>();
        StringBuilder joined = new StringBuilder(text.length() + 2).append(' ');
        scan(text, (word, brokenBefore) -> {
            all.add(word);
            if (brokenBefore) {
                joined.append(SENTENCE_BREAK);
            }
            joined.append(word).append(' ');
        });
        // Sized once (capacity for a 0.75 load factor): growing it word by word rehashed it several times per ticket.
        Set<String> words = new HashSet<>(all.size() * 4 / 3 + 1);
        words.addAll(all);
        return new CueText(words, joined.toString());
    }

    /**
     * Whether the text contains one of the cues in {@code cueList}: cues separated by {@code |}, each one word or
     * several words that must follow each other.
     *
     * @throws IllegalArgumentException when the list holds an empty cue (a typo in the DRL, caught by the tests)
     */
    public boolean mentions(String cueList) {
        return mentions(CUE_LISTS.computeIfAbsent(cueList, CueList::parse));
    }

    /** Whether the text contains one of the cues of a list parsed beforehand (a routing policy's). */
    public boolean mentions(CueList cueList) {
        for (Cue cue : cueList.cues()) {
            if (contains(cue)) {
                return true;
            }
        }
        return false;
    }

    private boolean contains(Cue cue) {
        if (cue.kind() != Kind.WORDS) {
            return containsPart(cue.kind(), cue.words()[0]);
        }
        for (String word : cue.words()) {
            if (!words.contains(word)) {
                return false; // the common case: one lookup and done
            }
        }
        return cue.words().length == 1 || joined.contains(cue.padded());
    }

    /** Whether a word of the text starts with, ends with or contains {@code stem}, as {@code kind} says. */
    private boolean containsPart(Kind kind, String stem) {
        if (words.contains(stem)) {
            return true;
        }
        for (String word : words) {
            if (word.length() > stem.length()
                    && (kind == Kind.PREFIX ? word.startsWith(stem) : kind == Kind.SUFFIX ? word.endsWith(stem) : word.contains(stem))) {
                return true;
            }
        }
        return false;
    }

    /**
     * The cues of a cue list.
     *
     * @throws IllegalArgumentException when a cue is empty, or a wildcard cue is more than one word or its stem too short
     */
    static Cue[] parse(String cueList) {
        String[] cues = cueList.split("\\" + CUE_SEPARATOR, -1);
        Cue[] parsed = new Cue[cues.length];
        for (int i = 0; i < cues.length; i++) {
            String cue = cues[i].strip();
            boolean leading = cue.startsWith("*");
            boolean trailing = cue.length() > 1 && cue.endsWith("*");
            List<String> words = words(cue);
            if (words.isEmpty()) {
                throw new IllegalArgumentException("a phrase is empty (two | in a row, or one at an end)");
            }
            Kind kind = leading && trailing ? Kind.INFIX : leading ? Kind.SUFFIX : trailing ? Kind.PREFIX : Kind.WORDS;
            if (kind == Kind.WORDS && cue.contains("*")) {
                throw new IllegalArgumentException("'" + cue + "': * goes at the start or the end of a one-word phrase");
            }
            if (kind != Kind.WORDS && (words.size() != 1 || cue.substring(leading ? 1 : 0, cue.length() - (trailing ? 1 : 0)).contains("*"))) {
                throw new IllegalArgumentException("'" + cue + "': a phrase with * is one word, with * at its start or end");
            }
            if (kind != Kind.WORDS && words.get(0).length() < MIN_STEM_CHARS) {
                throw new IllegalArgumentException("'" + cue + "': the word beside * needs at least " + MIN_STEM_CHARS + " letters");
            }
            parsed[i] = new Cue(words.toArray(String[]::new), " " + String.join(" ", words) + " ", kind);
        }
        return parsed;
    }

    /** How a cue matches: its words next to each other, or one word as a word's start, end or part. */
    enum Kind {
        WORDS, PREFIX, SUFFIX, INFIX
    }

    private interface WordSink {
        void accept(String word, boolean brokenBefore);
    }

    /** One cue: its words, the same joined and padded with spaces as {@link #joined} is, and how it matches. */
    record Cue(String[] words, String padded, Kind kind) {
    }

    /** The normalised words of {@code text}, in order. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        scan(text, (word, brokenBefore) -> words.add(word));
        return words;
    }

    /**
     * Splits {@code text} into words, telling for each whether punctuation other than spaces and hyphens came
     * before it since the previous word: "error. When" is not the cue "error when", "sign-in" is "sign in".
     */
    private static void scan(String original, WordSink sink) {
        String text = fold(original);
        StringBuilder word = new StringBuilder(16);
        boolean broken = false;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (isWordChar(c)) {
                word.append(c);
            } else if (isApostrophe(c) && word.length() > 0 && i + 1 < length && isWordChar(text.charAt(i + 1))) {
                continue; // "can't" -> "cant": one word, as people search for it
            } else {
                if (word.length() > 0) {
                    sink.accept(word.toString(), broken);
                    word.setLength(0);
                    broken = false;
                }
                if (!Character.isWhitespace(c) && !isHyphen(c)) {
                    broken = true;
                }
            }
        }
        if (word.length() > 0) {
            sink.accept(word.toString(), broken);
        }
    }

    /** Arabic's kashida, which only stretches a word for layout. */
    private static final int TATWEEL = 0x0640;

    /**
     * {@code text} lower-cased with accents folded, exactly as the model's tokenizer version 2 folds text
     * ({@code org.tickettriage.model.TextFolding}; the rules cannot depend on the model module, so the definition is
     * repeated here and {@code CueFoldingMatchesTokenizerTest} in {@code core} keeps the two equal): NFKD
     * decomposition, the accents of Latin, Greek and Cyrillic and the vowel points of Hebrew and Arabic removed
     * (the vowel signs of Indic and Southeast Asian scripts spell the word and stay), invisible format characters and
     * the kashida dropped, lower case in {@link Locale#ROOT}, ß ss, æ ae, œ oe, ø o, ł l, đ d, ħ h, ı i, ς σ, the
     * typographic apostrophe and hyphens as ASCII's, then NFC. ASCII text takes the short way.
     */
    static String fold(String text) {
        int n = text.length();
        int i = 0;
        while (i < n && text.charAt(i) < 0x80) {
            i++;
        }
        if (i == n) {
            return text.toLowerCase(Locale.ROOT);
        }
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
                case 'ς' -> folded.append('σ');
                case 'æ' -> folded.append("ae");
                case 'œ' -> folded.append("oe");
                case 'ø' -> folded.append('o');
                case 'ł' -> folded.append('l');
                case 'đ' -> folded.append('d');
                case 'ħ' -> folded.append('h');
                case 'ı' -> folded.append('i');
                case '\u2019' -> folded.append('\'');
                case '\u2010', '\u2011' -> folded.append('-');
                default -> folded.append(c);
            }
        }
        return Normalizer.normalize(folded, Normalizer.Form.NFC);
    }

    /** Whether {@code cp} is a combining mark that only accents a letter (removed when folding). */
    private static boolean isAccent(int cp) {
        if (Character.getType(cp) != Character.NON_SPACING_MARK) {
            return false;
        }
        return cp >= 0x0300 && cp <= 0x036F || cp >= 0x1AB0 && cp <= 0x1AFF || cp >= 0x1DC0 && cp <= 0x1DFF
                || cp >= 0x20D0 && cp <= 0x20FF || cp >= 0xFE20 && cp <= 0xFE2F || cp >= 0x0591 && cp <= 0x05C7
                || cp >= 0x064B && cp <= 0x065F || cp == 0x0670;
    }

    /**
     * Letters, digits, combining marks (an accent written as its own character, the vowel signs of Thai or Hindi) and
     * the underscore: "feature_request_template" and "install_db4" are identifiers, not the words of a cue.
     */
    private static boolean isWordChar(char c) {
        if (Character.isLetterOrDigit(c) || c == '_') {
            return true;
        }
        int type = Character.getType(c);
        return type == Character.NON_SPACING_MARK || type == Character.COMBINING_SPACING_MARK;
    }

    private static boolean isHyphen(char c) {
        return c == '-' || c == '\u2010' || c == '\u2011';
    }

    private static boolean isApostrophe(char c) {
        return c == '\'' || c == '\u2019' || c == '\u02BC';
    }

    @Override
    public String toString() {
        // Never the words: they are customer data.
        return "CueText[" + words.size() + " distinct words]";
    }
}
