package org.tickettriage.model;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * How ticket text becomes features; recorded in the model file and the model card. Fields a
 * model card written before they existed lacks read as 0 or false, which is exactly how those models were built
 * (a missing tokenizer version reads as 0, which means 1). The card leaves tokenizer version 1 out, so that the card
 * of a version 1 model reads as it did before version 2 existed.
 *
 * @param wordBigrams     add pairs of adjacent words ({@code "reset password"}) next to single words
 * @param subjectFeatures add the subject's words a second time, prefixed ({@code "subject:refund"}), because a
 *                        word in the subject says more about the ticket than the same word deep in the body
 * @param binary          a feature's value is 1 when present instead of its count, so a long pasted log does
 *                        not outweigh the rest of the ticket
 * @param charNgramMin    the shortest character n-gram taken inside each word ({@code "<pa"}, {@code "ass"}), or 0
 *                        for none: they match typos, inflections and product codes a whole-word feature misses
 * @param charNgramMax    the longest such n-gram, or 0 for none
 * @param sublinear       a count {@code c} becomes {@code 1 + ln c} (ignored when {@code binary})
 * @param idf             each value is multiplied by the feature's inverse document frequency in the training rows,
 *                        so that rare, telling features weigh more against the prior than ubiquitous ones
 * @param normalize       each ticket's vector is scaled to unit length, so long and short tickets are scored alike
 * @param tokenizerVersion the rules that find the words ({@link Tokenizer}): 1, or 2 (Unicode-aware: folded accents,
 *                        bigrams for scripts without spaces); 0 is read as 1, the version of every model trained
 *                        before the field existed
 */
public record FeatureSettings(boolean wordBigrams, boolean subjectFeatures, boolean binary, int charNgramMin,
                              int charNgramMax, boolean sublinear, boolean idf, boolean normalize,
                              @JsonInclude(value = JsonInclude.Include.CUSTOM, valueFilter = VersionOne.class)
                              int tokenizerVersion) {

    /** The settings of models trained before character n-grams and weighting existed: binary words and pairs, tokenizer 1. */
    public static final FeatureSettings DEFAULT = new FeatureSettings(true, true, true);

    /** Word and pair presence plus character 3-5 grams, TF-IDF weighted with sublinear counts, unit length; tokenizer 1. */
    public static final FeatureSettings TFIDF_WORDS_AND_CHARS = new FeatureSettings(true, true, false, 3, 5, true, true, true);

    public FeatureSettings {
        if (tokenizerVersion == 0) {
            tokenizerVersion = 1; // a model card written before the version was recorded
        }
        if (tokenizerVersion < 0 || tokenizerVersion > 0xFFFF) {
            throw new IllegalArgumentException("tokenizer version " + tokenizerVersion + " is not in 1 ... 65535");
        }
        if (charNgramMin < 0 || charNgramMax < 0 || (charNgramMin == 0) != (charNgramMax == 0)
                || charNgramMin > charNgramMax) {
            throw new IllegalArgumentException("character n-gram lengths must both be 0 (none) or 1 <= min <= max, were "
                    + charNgramMin + " and " + charNgramMax);
        }
    }

    /** Word features only, values as before weighting existed, tokenizer 1. */
    public FeatureSettings(boolean wordBigrams, boolean subjectFeatures, boolean binary) {
        this(wordBigrams, subjectFeatures, binary, 0, 0, false, false, false);
    }

    /** These settings with tokenizer 1, the version of every model trained before version 2 existed. */
    public FeatureSettings(boolean wordBigrams, boolean subjectFeatures, boolean binary, int charNgramMin,
                           int charNgramMax, boolean sublinear, boolean idf, boolean normalize) {
        this(wordBigrams, subjectFeatures, binary, charNgramMin, charNgramMax, sublinear, idf, normalize, 1);
    }

    /** These settings with the words of tokenizer {@code version}. */
    public FeatureSettings withTokenizerVersion(int version) {
        return new FeatureSettings(wordBigrams, subjectFeatures, binary, charNgramMin, charNgramMax, sublinear, idf,
                normalize, version);
    }

    /** Whether character n-grams are added. */
    public boolean charNgrams() {
        return charNgramMax > 0;
    }

    /** Whether the pipe needs document frequencies from the training rows. */
    public boolean needsDocumentFrequencies() {
        return idf;
    }

    /**
     * A short name, also the syntax {@link #parse} reads: {@code +}-separated parts among {@code words}
     * (always), {@code bigrams}, {@code subject}, {@code chars3-5}, and one of {@code binary}, {@code counts},
     * {@code log}, optionally followed by {@code idf} and {@code norm}; then {@code tokenizer2} for tokenizer version
     * 2 (nothing for version 1, so that the names of earlier models do not change).
     */
    public String describe() {
        List<String> parts = new ArrayList<>();
        parts.add("words");
        if (wordBigrams) {
            parts.add("bigrams");
        }
        if (subjectFeatures) {
            parts.add("subject");
        }
        if (charNgrams()) {
            parts.add("chars" + charNgramMin + "-" + charNgramMax);
        }
        parts.add(binary ? "binary" : sublinear ? "log" : "counts");
        if (idf) {
            parts.add("idf");
        }
        if (normalize) {
            parts.add("norm");
        }
        if (tokenizerVersion != 1) {
            parts.add("tokenizer" + tokenizerVersion);
        }
        return String.join("+", parts);
    }

    /**
     * Reads {@link #describe()}'s syntax, e.g. {@code words+bigrams+chars3-5+log+idf+norm}; without a
     * {@code tokenizerN} part, tokenizer version 1.
     *
     * @throws IllegalArgumentException naming the part it does not understand
     */
    public static FeatureSettings parse(String spec) {
        return parse(spec, 1);
    }

    /**
     * Reads {@link #describe()}'s syntax; a spec without a {@code tokenizerN} part gets {@code tokenizerVersion}.
     *
     * @throws IllegalArgumentException naming the part it does not understand
     */
    public static FeatureSettings parse(String spec, int tokenizerVersion) {
        int tokenizer = tokenizerVersion;
        boolean bigrams = false;
        boolean subject = false;
        boolean binary = true;
        boolean sublinear = false;
        boolean idf = false;
        boolean normalize = false;
        int min = 0;
        int max = 0;
        for (String raw : spec.split("\\+")) {
            String part = raw.strip().toLowerCase(Locale.ROOT);
            switch (part) {
                case "words" -> { }
                case "bigrams" -> bigrams = true;
                case "subject" -> subject = true;
                case "binary" -> { binary = true; sublinear = false; }
                case "counts" -> { binary = false; sublinear = false; }
                case "log" -> { binary = false; sublinear = true; }
                case "idf" -> idf = true;
                case "norm" -> normalize = true;
                default -> {
                    if (part.matches("tokenizer\\d{1,5}")) {
                        tokenizer = Integer.parseInt(part.substring("tokenizer".length()));
                        if (!Tokenizer.isKnownVersion(tokenizer)) {
                            throw new IllegalArgumentException("unknown tokenizer version in '" + raw + "' (known: 1 to "
                                    + Tokenizer.LATEST_VERSION + ")");
                        }
                    } else if (part.matches("chars\\d+-\\d+")) {
                        String[] range = part.substring("chars".length()).split("-");
                        min = Integer.parseInt(range[0]);
                        max = Integer.parseInt(range[1]);
                    } else {
                        throw new IllegalArgumentException("unknown feature part '" + raw + "' in '" + spec
                                + "' (known: words, bigrams, subject, charsMIN-MAX, binary, counts, log, idf, norm, "
                                + "tokenizerN)");
                    }
                }
            }
        }
        return new FeatureSettings(bigrams, subject, binary, min, max, sublinear, idf, normalize, tokenizer);
    }

    /** Jackson's filter for {@link #tokenizerVersion}: equal to the values the card leaves out, version 1 only. */
    static final class VersionOne {
        @Override
        public boolean equals(Object value) {
            return Integer.valueOf(1).equals(value);
        }

        @Override
        public int hashCode() {
            return 1;
        }
    }
}
