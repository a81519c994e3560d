package org.tickettriage.classifier;

import cc.mallet.pipe.Pipe;
import cc.mallet.types.Instance;
import cc.mallet.types.Token;
import cc.mallet.types.TokenSequence;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.Locale;

/**
 * The first pipe: turns a ticket's subject and description into feature names (lower-cased words,
 * placeholders for URLs, e-mail addresses, amounts of money and long numbers, word pairs,
 * subject-prefixed words and character n-grams within words); {@link WordScanner} finds the words. Stateless, so
 * unlike MALLET's {@code CharSequence2TokenSequence} it can be shared between threads.
 */
final class TicketTokenizer extends Pipe {

    private static final long serialVersionUID = 1L;

    /** Prefix of the features that come from the subject. */
    static final String SUBJECT_PREFIX = "subject:";
    static final String URL = "<url>";
    static final String EMAIL = "<email>";
    static final String MONEY = "<money>";
    static final String NUMBER = "<number>";
    /** Prefix of character n-gram features; {@code <} and {@code >} mark the word's start and end. */
    static final String CHAR_PREFIX = "ch:";

    /** Pure digit runs at least this long (order numbers, phone numbers) become {@link #NUMBER}. */
    private static final int LONG_NUMBER_DIGITS = 5;

    private final boolean wordBigrams;
    private final boolean subjectFeatures;
    // Added after the first bundled models: a stream written before lacks them and reads 0, "no n-grams", which
    // is how those models were trained, so they keep loading with the same serialVersionUID.
    private final int charNgramMin;
    private final int charNgramMax;

    TicketTokenizer(FeatureSettings settings) {
        this.wordBigrams = settings.wordBigrams();
        this.subjectFeatures = settings.subjectFeatures();
        this.charNgramMin = settings.charNgramMin();
        this.charNgramMax = settings.charNgramMax();
    }

    @Override
    public Instance pipe(Instance carrier) {
        if (!(carrier.getData() instanceof TicketText text)) {
            throw new IllegalArgumentException("expected ticket text, got "
                    + (carrier.getData() == null ? "null" : carrier.getData().getClass().getName()));
        }
        List<String> features = features(text.subject(), text.description());
        TokenSequence tokens = new TokenSequence(features.size());
        for (String feature : features) {
            tokens.add(new Token(feature));
        }
        carrier.setData(tokens);
        return carrier;
    }

    /**
     * The feature names of one ticket, in a fixed order (subject words, description words, pairs, prefixed,
     * character n-grams).
     */
    List<String> features(String subject, String description) {
        List<String> subjectWords = words(subject);
        List<String> descriptionWords = words(description);
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

    /** The normalised words of one text field. */
    static List<String> words(String text) {
        List<String> words = new ArrayList<>();
        if (text == null || text.isEmpty()) {
            return words;
        }
        WordScanner.scan(text.toLowerCase(Locale.ROOT).replace('\u2019', '\''), words);
        return words;
    }

    /** A word as a feature: long digit runs become {@link #NUMBER}. */
    static String wordFeature(String word) {
        return isLongNumber(word) ? NUMBER : word;
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

    private static void addPairs(List<String> words, List<String> into) {
        for (int i = 1; i < words.size(); i++) {
            into.add(words.get(i - 1) + ' ' + words.get(i));
        }
    }

    /** The raw input of the pipe; never serialized. */
    record TicketText(String subject, String description) {
    }
}
