package org.tickettriage.model;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;

/**
 * Turns a ticket's subject and description into feature names: words, placeholders for URLs, e-mail addresses,
 * amounts of money and long numbers, word pairs, subject-prefixed words and character n-grams within words;
 * {@link WordScanner} finds the words. The one tokenizer: serving featurizes with it and the trainer's MALLET pipe
 * delegates to it. Stateless and thread-safe.
 *
 * <p>Its rules are versioned, and a model file names the version its model was trained with
 * ({@link FeatureSettings#tokenizerVersion()}): any change to the features a text yields is a new version, every
 * version stays as it was, and a release refuses a version it does not know.
 * <ul>
 *   <li>Version 1: words are lower-cased runs of letters and digits ({@code \p{L}}, {@code \p{N}}); a text in a
 *       script without spaces is one word per sentence.</li>
 *   <li>Version 2 ({@link #LATEST_VERSION}): the text is folded first ({@link TextFolding}: compatibility forms,
 *       accents, case, {@code ß} to {@code ss}), words are runs of letters, marks and digits of any script, and the
 *       parts of a word written in Han, Hiragana, Katakana, Thai, Lao, Khmer or Myanmar become overlapping
 *       character bigrams ({@link UnspacedScripts}); character n-grams count code points, not UTF-16 units.
 *       Placeholders, pairs, subject words and character n-grams are made from these words as in version 1.</li>
 * </ul>
 */
public final class Tokenizer {

    /** The newest version, which training uses unless told otherwise. */
    public static final int LATEST_VERSION = 2;

    /** Prefix of the features that come from the subject. */
    public static final String SUBJECT_PREFIX = "subject:";
    /** Placeholder of a URL. */
    public static final String URL = "<url>";
    /** Placeholder of an e-mail address. */
    public static final String EMAIL = "<email>";
    /** Placeholder of an amount of money. */
    public static final String MONEY = "<money>";
    /** Placeholder of a long number. */
    public static final String NUMBER = "<number>";
    /** Prefix of character n-gram features; {@code <} and {@code >} mark the word's start and end. */
    public static final String CHAR_PREFIX = "ch:";

    /** Pure digit runs at least this long (order numbers, phone numbers) become {@link #NUMBER}. */
    private static final int LONG_NUMBER_DIGITS = 5;

    private final int version;
    private final boolean wordBigrams;
    private final boolean subjectFeatures;
    private final int charNgramMin;
    private final int charNgramMax;

    /**
     * A tokenizer for these settings (only the version, word, pair, subject and n-gram settings matter here).
     *
     * @throws IllegalArgumentException when this release does not know the settings' tokenizer version
     */
    public Tokenizer(FeatureSettings settings) {
        Objects.requireNonNull(settings, "settings");
        if (!isKnownVersion(settings.tokenizerVersion())) {
            throw new IllegalArgumentException("tokenizer version " + settings.tokenizerVersion()
                    + " is not one this release knows (1 to " + LATEST_VERSION + ")");
        }
        this.version = settings.tokenizerVersion();
        this.wordBigrams = settings.wordBigrams();
        this.subjectFeatures = settings.subjectFeatures();
        this.charNgramMin = settings.charNgramMin();
        this.charNgramMax = settings.charNgramMax();
    }

    /**
     * The feature names of one ticket, in a fixed order (subject words, description words, pairs, prefixed,
     * character n-grams); a null field counts as empty.
     */
    public List<String> features(String subject, String description) {
        List<String> subjectWords = words(version, subject);
        List<String> descriptionWords = words(version, description);
        int size = subjectWords.size() + descriptionWords.size();
        List<String> features = new ArrayList<>(size * (wordBigrams ? 2 : 1) + (subjectFeatures ? subjectWords.size() : 0));
        features.addAll(subjectWords);
        features.addAll(descriptionWords);
        if (wordBigrams) {
            // Pairs never span the subject/description boundary: the last subject word and the first body
            // word are not a phrase.
            addPairs(subjectWords, features);
            addPairs(descriptionWords, features);
        }
        if (subjectFeatures) {
            for (String word : subjectWords) {
                features.add(SUBJECT_PREFIX + word);
            }
        }
        if (charNgramMax > 0) {
            // Once per distinct word: a word repeated ten times should not multiply its fragments ten times over
            // its own feature, and the n-grams are the costly part of featurization.
            Set<String> seen = new HashSet<>();
            addCharNgrams(subjectWords, seen, features);
            addCharNgrams(descriptionWords, seen, features);
        }
        return features;
    }

    /** Whether this release tokenizes as {@code version} does. */
    public static boolean isKnownVersion(int version) {
        return version >= 1 && version <= LATEST_VERSION;
    }

    /**
     * The normalised words of one text field by the rules of {@code version}, placeholders included; null or empty
     * gives none.
     */
    public static List<String> words(int version, String text) {
        List<String> words = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return words;
        }
        if (version == 1) {
            WordScanner.scan(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''), words);
        } else if (version == 2) {
            WordScanner.scanVersion2(TextFolding.fold(text), words);
        } else {
            throw new IllegalArgumentException("unknown tokenizer version " + version);
        }
        return words;
    }

    /** A word as a feature: long digit runs become {@link #NUMBER}. */
    static String wordFeature(String word) {
        return isLongNumber(word) ? NUMBER : word;
    }

    /** Whether a feature name is a character n-gram: it counts in the score but explains nothing to a person. */
    public static boolean isCharNgram(String feature) {
        return feature.startsWith(CHAR_PREFIX);
    }

    private static boolean isLongNumber(String word) {
        if (word.length() < LONG_NUMBER_DIGITS) {
            return false;
        }
        for (int i = 0; i < word.length(); i++) {
            if (!Character.isDigit(word.charAt(i))) {
                return false;
            }
        }
        return true;
    }

    private void addCharNgrams(List<String> words, Set<String> seen, List<String> into) {
        StringBuilder padded = new StringBuilder(32);
        for (String word : words) {
            if (word.charAt(0) == '<' || !seen.add(word)) {
                continue; // a placeholder (<url>) is a feature already; a repeated word adds nothing new
            }
            padded.setLength(0);
            padded.append('<').append(word).append('>');
            if (version >= 2) {
                addCodePointNgrams(padded.toString(), into);
                continue;
            }
            int length = padded.length();
            for (int n = charNgramMin; n <= charNgramMax && n <= length; n++) {
                for (int start = 0; start + n <= length; start++) {
                    if (n == length) {
                        continue; // the whole padded word: the word feature already says it
                    }
                    into.add(CHAR_PREFIX + padded.substring(start, start + n));
                }
            }
        }
    }

    /**
     * Version 2's n-grams of a padded word: of code points, so that a letter outside the Basic Multilingual Plane is
     * never cut in half (version 1 counts UTF-16 units).
     */
    private void addCodePointNgrams(String padded, List<String> into) {
        int[] offsets = new int[padded.length() + 1];
        int length = 0;
        for (int at = 0; at < padded.length(); at += Character.charCount(padded.codePointAt(at))) {
            offsets[length++] = at;
        }
        offsets[length] = padded.length();
        for (int n = charNgramMin; n <= charNgramMax && n < length; n++) {
            for (int start = 0; start + n <= length; start++) {
                into.add(CHAR_PREFIX + padded.substring(offsets[start], offsets[start + n]));
            }
        }
    }

    private static void addPairs(List<String> words, List<String> into) {
        for (int i = 1; i < words.size(); i++) {
            into.add(words.get(i - 1) + ' ' + words.get(i));
        }
    }
}
