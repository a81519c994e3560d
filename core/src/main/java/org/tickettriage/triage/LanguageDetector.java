package org.tickettriage.triage;

import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedSet;
import java.util.TreeSet;
import opennlp.tools.langdetect.Language;
import opennlp.tools.langdetect.LanguageDetectorModel;
import opennlp.tools.langdetect.ThreadSafeLanguageDetectorME;

/**
 * The language of a ticket: an ISO 639-1 code from a configured set, or {@value #UNDETERMINED} when the text gives
 * no honest answer (too short, no letters, mixed, or a language outside the set). Apache OpenNLP's language detector
 * with its published model of 103 languages ({@code opennlp-models-langdetect}, a pinned dependency: no model is read
 * from the configuration) scores the text; this class decides what to report (docs/LANGUAGES.md):
 *
 * <ol>
 *   <li>what carries no language is left out: URLs, e-mail addresses, and tokens holding digits or code punctuation
 *   ({@code java.lang.NullPointerException}, {@code C:\temp}, {@code E-4711}); then at most {@value #MAX_CHARS}
 *   characters are read;</li>
 *   <li>no letters left: {@value #UNDETERMINED};</li>
 *   <li>the most probable of the 103 languages is not in the set: {@value #UNDETERMINED} (Polish is not guessed to be
 *   Italian because Italian is configured and Polish is not);</li>
 *   <li>the confidence is {@code 1 - p2/p1}, with {@code p1} the best language's probability and {@code p2} that of the
 *   best other configured language; below {@value #MIN_CONFIDENCE}, {@value #UNDETERMINED}.</li>
 * </ol>
 *
 * The threshold was chosen on the training split of helpdesk_en_de only (docs/results/languages/). Thread-safe:
 * OpenNLP's thread-safe detector keeps one detector per thread over the one model, which is read once (about 0.4 s
 * of CPU and 34 MiB of heap: at init, inside a SnapStart snapshot).
 */
public final class LanguageDetector {

    /** The answer when the text gives no honest one (the ISO 639-2 code for "undetermined"). */
    public static final String UNDETERMINED = "und";
    /** The languages reported when the settings name none. */
    public static final List<String> DEFAULT_LANGUAGES = List.of("en", "de", "fr", "es", "pt", "it", "nl");
    /** The smallest confidence ({@code 1 - p2/p1}) reported as a language; below it, {@value #UNDETERMINED}. */
    public static final double MIN_CONFIDENCE = 0.08;
    /**
     * The most characters of cleaned text read: on helpdesk_en_de's training split 150, 300, 600 and 1,000 characters
     * agree with the labels equally (docs/results/languages/), and time grows with length; 300 leaves room for a
     * subject in one language above a body in another.
     */
    public static final int MAX_CHARS = 300;
    /** The model inside {@code opennlp-models-langdetect}. */
    private static final String MODEL = "/langdetect-183.bin";
    /** ISO 639-3 codes of the model that are not a plain ISO 639-1 language's three-letter code. */
    private static final Map<String, String> MACRO_LANGUAGES = Map.of("cmn", "zh", "nob", "nb", "ekk", "et",
            "lvs", "lv", "pes", "fa", "zsm", "ms", "swh", "sw");

    /** One answer. */
    public record Detected(String language, double confidence) {

        /** No honest answer. */
        public static final Detected NONE = new Detected(UNDETERMINED, 0.0);

        /** Whether a language was found. */
        public boolean determined() {
            return !UNDETERMINED.equals(language);
        }
    }

    private static final LanguageDetector OFF = new LanguageDetector(null, Set.of(), Map.of(), MAX_CHARS);

    private final ThreadSafeLanguageDetectorME detector;
    private final Set<String> languages;
    private final Map<String, String> toIso1;
    private final int maxChars;

    private LanguageDetector(ThreadSafeLanguageDetectorME detector, Set<String> languages, Map<String, String> toIso1,
                             int maxChars) {
        this.detector = detector;
        this.languages = languages;
        this.toIso1 = toIso1;
        this.maxChars = maxChars;
    }

    /** A detector that never detects: every ticket without a client's language is {@value #UNDETERMINED}. */
    public static LanguageDetector off() {
        return OFF;
    }

    /**
     * Reads the model and reports {@code languages} only (empty: {@link #off()}).
     *
     * @throws IllegalArgumentException when a language is not an ISO 639-1 code the model knows
     * @throws IllegalStateException    when the model is missing from the class path (a broken build)
     */
    public static LanguageDetector load(List<String> languages) {
        return load(languages, MAX_CHARS);
    }

    /**
     * As {@link #load(List)}, reading at most {@code maxChars} characters of cleaned text ({@code ./triage benchmark
     * language --max-chars} compares lengths; the service reads {@value #MAX_CHARS}).
     */
    public static LanguageDetector load(List<String> languages, int maxChars) {
        if (maxChars < 1) {
            throw new IllegalArgumentException("maxChars must be positive");
        }
        if (languages.isEmpty()) {
            return OFF;
        }
        LanguageDetectorModel model;
        try (InputStream in = LanguageDetector.class.getResourceAsStream(MODEL)) {
            if (in == null) {
                throw new IllegalStateException("the language model " + MODEL + " is not on the class path");
            }
            model = new LanguageDetectorModel(in);
        } catch (IOException e) {
            throw new IllegalStateException("the language model " + MODEL + " cannot be read: " + e.getMessage(), e);
        }
        Map<String, String> toIso1 = new HashMap<>();
        Set<String> known = new TreeSet<>();
        for (Object outcome : allOutcomes(model)) {
            String iso3 = outcome.toString();
            String iso1 = iso1(iso3);
            toIso1.put(iso3, iso1);
            known.add(iso1);
        }
        SortedSet<String> chosen = new TreeSet<>();
        for (String language : languages) {
            String code = language.strip().toLowerCase(Locale.ROOT);
            if (!known.contains(code)) {
                throw new IllegalArgumentException("'" + language + "' is not a language the detector knows; it knows "
                        + String.join(", ", known.stream().filter(c -> c.length() == 2).toList()));
            }
            chosen.add(code);
        }
        ThreadSafeLanguageDetectorME detector = new ThreadSafeLanguageDetectorME(model);
        return new LanguageDetector(detector, Collections.unmodifiableSortedSet(chosen), Map.copyOf(toIso1), maxChars);
    }

    private static List<Object> allOutcomes(LanguageDetectorModel model) {
        var maxent = model.getMaxentModel();
        Object[] outcomes = new Object[maxent.getNumOutcomes()];
        for (int i = 0; i < outcomes.length; i++) {
            outcomes[i] = maxent.getOutcome(i);
        }
        return List.of(outcomes);
    }

    /** The ISO 639-1 code of an ISO 639-3 one, or the code itself when it has none. */
    private static String iso1(String iso3) {
        String macro = MACRO_LANGUAGES.get(iso3);
        if (macro != null) {
            return macro;
        }
        for (String two : Locale.getISOLanguages()) {
            if (Locale.forLanguageTag(two).getISO3Language().equals(iso3)) {
                return two;
            }
        }
        return iso3;
    }

    /** The languages reported, ISO 639-1, sorted; empty when detection is off. */
    public Set<String> languages() {
        return languages;
    }

    /** Whether this detector detects (a language set was configured). */
    public boolean on() {
        return detector != null;
    }

    /** The language of a ticket's subject and description (either may be null). */
    public Detected detect(String subject, String description) {
        if (detector == null) {
            return Detected.NONE;
        }
        StringBuilder text = new StringBuilder(Math.min(maxChars + 64, 4096));
        keepLanguage(subject, text, maxChars);
        keepLanguage(description, text, maxChars);
        if (text.codePoints().noneMatch(Character::isLetter)) {
            return Detected.NONE;
        }
        Language[] all = detector.predictLanguages(text.toString());
        if (all.length == 0) {
            return Detected.NONE;
        }
        // The model has two codes for some languages (Estonian est and ekk, Latvian lav and lvs, Persian fas and pes):
        // the second code is the same language, never its rival. (Not added up: where the model is unsure, its
        // probabilities are nearly flat, and a language with two codes would then outweigh one with one.)
        String top = toIso1.getOrDefault(all[0].getLang(), all[0].getLang());
        if (!languages.contains(top)) {
            return Detected.NONE;
        }
        double best = all[0].getConfidence();
        double other = 0;
        for (int i = 1; i < all.length; i++) {
            String code = toIso1.getOrDefault(all[i].getLang(), all[i].getLang());
            if (!code.equals(top) && languages.contains(code)) {
                other = all[i].getConfidence();
                break;
            }
        }
        double confidence = best <= 0 ? 0 : 1 - other / best;
        return confidence >= MIN_CONFIDENCE ? new Detected(top, confidence) : new Detected(UNDETERMINED, confidence);
    }

    /**
     * Appends the tokens of {@code text} that carry language, separated by single spaces, until {@value #MAX_CHARS}
     * characters:
     * a URL, an e-mail address, and a token holding a digit or code punctuation between two letters or digits
     * ({@code a.b}, {@code a_b}, {@code a/b}, {@code a\b}, {@code a:b}, {@code a=b}, {@code a$b}, {@code a#b},
     * {@code a(b}, {@code a[b}) are left out. One pass over the text: no regular expression can backtrack on a
     * 50,000-character token.
     */
    static void keepLanguage(String text, StringBuilder kept) {
        keepLanguage(text, kept, MAX_CHARS);
    }

    private static void keepLanguage(String text, StringBuilder kept, int maxChars) {
        if (text == null) {
            return;
        }
        int length = text.length();
        int i = 0;
        while (i < length && kept.length() < maxChars) {
            while (i < length && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < length && !Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            if (i > start && carriesLanguage(text, start, i)) {
                if (kept.length() > 0) {
                    kept.append(' ');
                }
                kept.append(text, start, Math.min(i, start + (maxChars - kept.length())));
            }
        }
    }

    private static boolean carriesLanguage(String text, int start, int end) {
        for (int i = start; i < end; i++) {
            char c = text.charAt(i);
            if (Character.isDigit(c) || c == '@' || c == ':' && i + 2 < end && text.charAt(i + 1) == '/' && text.charAt(i + 2) == '/') {
                return false;
            }
            if (isCodePunctuation(c) && i > start && i + 1 < end
                    && Character.isLetterOrDigit(text.charAt(i - 1)) && Character.isLetterOrDigit(text.charAt(i + 1))) {
                return false;
            }
        }
        return !text.startsWith("www.", start);
    }

    private static boolean isCodePunctuation(char c) {
        return c == '.' || c == '_' || c == '/' || c == '\\' || c == ':' || c == '=' || c == '$' || c == '#'
                || c == '(' || c == '[';
    }

    @Override
    public String toString() {
        return detector == null ? "LanguageDetector[off]" : "LanguageDetector" + languages;
    }
}
