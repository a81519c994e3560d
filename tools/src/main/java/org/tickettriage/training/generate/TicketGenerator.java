package org.tickettriage.training.generate;

import org.tickettriage.training.generate.SyntheticTicket.Kind;
import org.tickettriage.training.generate.TemplateCatalog.CategoryParts;
import org.tickettriage.training.generate.TemplateCatalog.Confusable;
import org.tickettriage.training.generate.TemplateCatalog.Problem;

import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.Set;

/**
 * Composes synthetic support tickets from the parts in a {@link TemplateCatalog}.
 *
 * <p>Per ticket: a category from the mix; a latent severity from that category's priority mix; a problem
 * statement (the category's own, one from a scenario several categories share, or a vague one); details, an
 * aside about another category's topic, a severity cue, a request, a closing and a signature, each present with
 * some probability; then typos and casing slips. The written priority follows the latent severity, which the
 * cues reveal only for some tickets, with noise; the written category is flipped at the label-noise rate.
 *
 * <p>Each row draws from its own random stream seeded from (seed, id), so a row does not depend on how many rows
 * precede it; timestamps are drawn from a separate stream and sorted, so that ids grow with time.
 */
public final class TicketGenerator {

    /** Writes or collects generated tickets one at a time. */
    @FunctionalInterface
    public interface TicketSink {
        /** Takes the next ticket. */
        void accept(SyntheticTicket ticket) throws IOException;
    }

    // How a ticket is put together. Tuned so that a word 1-2 gram MaxEnt scores about 0.92 on held-out categories
    // (see docs/TRAINING.md): raise the confusable or vague rates for a harder dataset, not these.
    private static final double GREETING_RATE = 0.55;
    private static final double GREETING_ON_OWN_LINE = 0.7;
    private static final double OPENING_RATE = 0.3;
    private static final double ASIDE_RATE = 0.12;
    private static final double CATEGORY_ASK_RATE = 0.45;
    private static final double GENERIC_ASK_RATE = 0.25;
    private static final double CLOSING_RATE = 0.65;
    private static final double SIGNATURE_RATE = 0.5;
    private static final double PARAGRAPH_RATE = 0.4;
    private static final double VAGUE_SUBJECT_RATE = 0.12;
    /** Web forms often take the first words of the message as the subject. */
    private static final double DERIVED_SUBJECT_RATE = 0.33;
    private static final int DERIVED_SUBJECT_WORDS = 9;

    // Priority: how often the text reveals the latent severity, and how often the written priority follows it.
    private static final Map<Priority, Double> CUE_RATE = rates(0.65, 0.50, 0.70, 0.80);
    private static final Map<Priority, Double> SUBJECT_MARK_RATE = rates(0.12, 0.05, 0.25, 0.35);
    private static final double SEVERITY_CLOSING_RATE = 0.25;
    private static final double PRIORITY_FIDELITY = 0.85;

    private static final Set<String> COMMON_WORDS = Set.of(
            "about", "after", "again", "also", "although", "anymore", "because", "been", "being", "could", "does",
            "doesn", "even", "every", "from", "have", "into", "just", "like", "made", "make", "more", "need", "only",
            "other", "please", "should", "since", "some", "still", "than", "that", "their", "them", "then", "there",
            "they", "this", "time", "want", "were", "what", "when", "where", "which", "while", "will", "with",
            "would", "your", "ours", "able", "instead", "someone", "something", "work", "working", "different",
            "possible", "page", "know", "things", "account", "user", "users", "team", "wrong");

    /** Separates the timestamp stream from the per-row streams. */
    private static final long TIMESTAMP_STREAM = 0x5EED_7173_5A3BL;

    private final TemplateCatalog catalog;
    private final GeneratorSettings settings;
    private final TemplateExpander expander;
    private final Map<Category, Double> categoryMix;
    /** For each problem, its category's subjects that share a content word with it. */
    private final Map<Problem, List<String>> relatedSubjects = new HashMap<>();

    /** A generator for these templates and settings. */
    public TicketGenerator(TemplateCatalog catalog, GeneratorSettings settings) {
        this.catalog = catalog;
        this.settings = settings;
        this.expander = new TemplateExpander(catalog.slots, catalog.perTicket);
        EnumMap<Category, Double> mix = new EnumMap<>(Category.class);
        for (Category category : Category.values()) {
            mix.put(category, settings.categoryMix().isEmpty()
                    ? catalog.categories.get(category).share()
                    : settings.categoryMix().getOrDefault(category, 0.0));
        }
        this.categoryMix = Collections.unmodifiableMap(mix);
        for (CategoryParts parts : catalog.categories.values()) {
            for (Problem problem : parts.problems()) {
                Set<String> words = contentWords(problem.text());
                relatedSubjects.put(problem, parts.subjects().stream()
                        .filter(subject -> contentWords(subject).stream().anyMatch(words::contains))
                        .toList());
            }
        }
    }

    /**
     * The words that say what a template is about: lower case, four letters or more, neither a common word nor
     * a slot name. A subject that shares one with the problem reads as its subject ("Charged twice" for "We
     * were charged twice for our March subscription").
     */
    static Set<String> contentWords(String template) {
        String text = template.replaceAll("\\{[^}]*}", " ").toLowerCase(Locale.ROOT);
        Set<String> words = new HashSet<>();
        for (String word : text.split("[^a-z0-9-]+")) {
            if (word.length() >= 4 && !COMMON_WORDS.contains(word)) {
                words.add(word);
            }
        }
        return words;
    }

    /** The relative category weights in use (the settings' mix, or the templates' default). */
    public Map<Category, Double> categoryMix() {
        return categoryMix;
    }

    /** Generates {@code rows} tickets, ids 1 to rows, in id (and time) order. */
    public void generate(int rows, TicketSink sink) throws IOException {
        if (rows < 0) {
            throw new IllegalArgumentException("rows must not be negative, got " + rows);
        }
        Instant[] timestamps = new TimestampSampler(settings.start(), settings.end())
                .sortedSample(rows, new Random(mix(settings.seed() ^ TIMESTAMP_STREAM)));
        for (int i = 0; i < rows; i++) {
            sink.accept(ticket(i + 1, timestamps[i]));
        }
    }

    /** Generates {@code rows} tickets into a list; for tests and small data sets. */
    public List<SyntheticTicket> generate(int rows) {
        List<SyntheticTicket> tickets = new ArrayList<>(rows);
        try {
            generate(rows, tickets::add);
        } catch (IOException e) {
            throw new IllegalStateException("a list does not throw IOException", e);
        }
        return tickets;
    }

    SyntheticTicket ticket(long id, Instant timestamp) {
        Random random = new Random(mix(settings.seed() + id * 0x9E3779B97F4A7C15L));
        Map<String, String> bindings = new HashMap<>();
        Category category = weighted(categoryMix, random);
        CategoryParts parts = catalog.categories.get(category);
        Priority severity = weighted(parts.priorityMix(), random);

        double kindDraw = random.nextDouble();
        Kind kind = kindDraw < settings.vagueRate() ? Kind.VAGUE
                : kindDraw < settings.vagueRate() + settings.confusableRate() ? Kind.CONFUSABLE
                : Kind.TYPICAL;

        String problem;
        String subjectTemplate;
        int categoryDetails;
        switch (kind) {
            case VAGUE -> {
                problem = expand(pick(catalog.vagueProblems, random), random, bindings);
                subjectTemplate = random.nextDouble() < 0.85 ? pick(catalog.vagueSubjects, random)
                        : pick(parts.subjects(), random);
                categoryDetails = random.nextDouble() < 0.3 ? 1 : 0;
            }
            case CONFUSABLE -> {
                Confusable scenario = scenarioFor(category, random);
                problem = expand(pick(scenario.problems(), random), random, bindings);
                double s = random.nextDouble();
                subjectTemplate = s < 0.5 ? pick(scenario.subjects(), random)
                        : s < 0.8 ? null
                        : s < 0.9 ? pick(catalog.vagueSubjects, random)
                        : pick(parts.subjects(), random);
                categoryDetails = random.nextDouble() < 0.45 ? 1 : 0;
            }
            default -> {
                List<Problem> fitting = parts.problems().stream().filter(p -> p.allows(severity)).toList();
                Problem chosen = pick(fitting, random);
                problem = expand(chosen.text(), random, bindings);
                List<String> related = relatedSubjects.get(chosen);
                double s = random.nextDouble();
                subjectTemplate = s < VAGUE_SUBJECT_RATE ? pick(catalog.vagueSubjects, random)
                        : s < VAGUE_SUBJECT_RATE + DERIVED_SUBJECT_RATE || related.isEmpty() ? null
                        : pick(related, random);
                double d = random.nextDouble();
                categoryDetails = d < 0.25 ? 0 : d < 0.75 ? 1 : 2;
            }
        }

        // The sentences after the problem, in random order: details, an aside, the severity cue.
        List<String> middle = new ArrayList<>();
        for (String detail : distinct(parts.details(), categoryDetails, random)) {
            middle.add(detail);
        }
        double g = random.nextDouble();
        for (String detail : distinct(catalog.genericDetails, g < 0.45 ? 0 : g < 0.85 ? 1 : 2, random)) {
            middle.add(detail);
        }
        if (random.nextDouble() < ASIDE_RATE) {
            Category other = otherThan(category, random);
            middle.add(pick(catalog.categories.get(other).asides(), random));
        }
        boolean cued = random.nextDouble() < CUE_RATE.get(severity);
        if (cued) {
            // An outage cue on a promo-code question would be absurd: some categories have their own.
            middle.add(pick(parts.severityCues().getOrDefault(severity, catalog.severity.get(severity).cues()), random));
        }
        Collections.shuffle(middle, random);

        List<String> sentences = new ArrayList<>();
        if (random.nextDouble() < OPENING_RATE) {
            sentences.add(pick(catalog.openings, random));
        }
        sentences.add(null); // the problem, already expanded
        int paragraphBreak = sentences.size() + Math.min(1, middle.size());
        sentences.addAll(middle);
        double a = random.nextDouble();
        if (kind != Kind.VAGUE && a < CATEGORY_ASK_RATE) {
            sentences.add(pick(parts.asks(), random));
        } else if (a < CATEGORY_ASK_RATE + GENERIC_ASK_RATE) {
            sentences.add(pick(catalog.genericAsks, random));
        }
        if (cued && random.nextDouble() < SEVERITY_CLOSING_RATE) {
            sentences.add(pick(catalog.severity.get(severity).closings(), random));
        }

        StringBuilder description = new StringBuilder(400);
        if (random.nextDouble() < GREETING_RATE) {
            description.append(expander.expand(pick(catalog.greetings, random), random, bindings))
                    .append(random.nextDouble() < GREETING_ON_OWN_LINE ? "\n" : " ");
        }
        boolean paragraphs = sentences.size() >= 4 && random.nextDouble() < PARAGRAPH_RATE;
        for (int i = 0; i < sentences.size(); i++) {
            if (i > 0) {
                description.append(paragraphs && i == paragraphBreak ? "\n\n" : " ");
            }
            String sentence = sentences.get(i);
            description.append(sentence == null ? problem : expander.expand(sentence, random, bindings));
        }
        String closing = random.nextDouble() < CLOSING_RATE ? pick(catalog.closings, random) : null;
        // "Kind regards," needs a name after it.
        boolean signed = (closing != null && closing.endsWith(",")) || random.nextDouble() < SIGNATURE_RATE;
        if (closing != null || signed) {
            description.append(paragraphs || random.nextBoolean() ? "\n\n" : " ");
            if (closing != null) {
                description.append(closing);
            }
            if (signed) {
                description.append(closing != null ? "\n" : "")
                        .append(expander.expand(pick(catalog.signatures, random), random, bindings));
            }
        }

        String subject = subjectTemplate == null ? subjectFrom(problem)
                : expander.expand(subjectTemplate, random, bindings);
        if (random.nextDouble() < SUBJECT_MARK_RATE.get(severity)) {
            bindings.put(TemplateExpander.SUBJECT, subject);
            subject = expander.expand(pick(catalog.severity.get(severity).subjectMarks(), random), random, bindings);
        }

        String descriptionText = TextNoise.typos(description.toString(), settings.typoRate(), random);
        subject = TextNoise.typos(subject, settings.typoRate(), random);
        // Shouting is likelier when things are on fire.
        double capitals = settings.casingRate() * (severity == Priority.CRITICAL ? 3 : 1);
        double casing = random.nextDouble();
        if (casing < capitals) {
            subject = TextNoise.upper(subject);
        } else if (casing < capitals + settings.casingRate()) {
            subject = TextNoise.lower(subject);
        }
        if (random.nextDouble() < settings.casingRate()) {
            descriptionText = TextNoise.lower(descriptionText);
        }

        Priority priority = random.nextDouble() < PRIORITY_FIDELITY ? severity : neighbour(severity, random);
        Category label = random.nextDouble() < settings.labelNoise() ? otherThan(category, random) : category;
        return new SyntheticTicket(id, subject, descriptionText, label, priority, timestamp, category, kind);
    }

    /** The problem's first clause, cut to a few words: "When I click 'Save' on the dashboard". */
    static String subjectFrom(String problem) {
        int end = problem.length();
        for (int i = 0; i < problem.length(); i++) {
            char c = problem.charAt(i);
            if ((c == '.' || c == '?' || c == '!' || c == ',' || c == ':' || c == ';')
                    && (i + 1 == problem.length() || problem.charAt(i + 1) == ' ')) {
                end = i;
                break;
            }
        }
        String[] words = problem.substring(0, end).split(" ");
        if (words.length <= DERIVED_SUBJECT_WORDS) {
            return String.join(" ", words);
        }
        return String.join(" ", Arrays.copyOf(words, DERIVED_SUBJECT_WORDS)) + "...";
    }

    private String expand(String template, Random random, Map<String, String> bindings) {
        return expander.expand(template, random, bindings);
    }

    private Confusable scenarioFor(Category category, Random random) {
        double total = 0;
        for (Confusable scenario : catalog.confusables) {
            total += scenario.labels().getOrDefault(category, 0.0);
        }
        double draw = random.nextDouble() * total;
        Confusable chosen = null;
        for (Confusable scenario : catalog.confusables) {
            double weight = scenario.labels().getOrDefault(category, 0.0);
            if (weight > 0) {
                chosen = scenario;
                draw -= weight;
                if (draw < 0) {
                    break;
                }
            }
        }
        return chosen;
    }

    private static Priority neighbour(Priority severity, Random random) {
        int level = severity.ordinal();
        int last = Priority.values().length - 1;
        int next = level == 0 ? 1 : level == last ? last - 1 : level + (random.nextBoolean() ? 1 : -1);
        return Priority.values()[next];
    }

    private static Category otherThan(Category category, Random random) {
        Category[] all = Category.values();
        int pick = random.nextInt(all.length - 1);
        return all[pick >= category.ordinal() ? pick + 1 : pick];
    }

    /** Up to {@code count} different items, in random order. */
    private static List<String> distinct(List<String> items, int count, Random random) {
        List<String> chosen = new ArrayList<>(count);
        while (chosen.size() < Math.min(count, items.size())) {
            String item = pick(items, random);
            if (!chosen.contains(item)) {
                chosen.add(item);
            }
        }
        return chosen;
    }

    private static <T> T pick(List<T> items, Random random) {
        return TemplateExpander.pick(items, random);
    }

    /** An entry drawn with probability proportional to its weight; iteration order of the map must be fixed. */
    static <E extends Enum<E>> E weighted(Map<E, Double> weights, Random random) {
        double total = 0;
        for (double weight : weights.values()) {
            total += weight;
        }
        double draw = random.nextDouble() * total;
        E last = null;
        for (Map.Entry<E, Double> entry : weights.entrySet()) {
            if (entry.getValue() <= 0) {
                continue;
            }
            last = entry.getKey();
            draw -= entry.getValue();
            if (draw < 0) {
                return last;
            }
        }
        return last;
    }

    private static Map<Priority, Double> rates(double low, double medium, double high, double critical) {
        EnumMap<Priority, Double> rates = new EnumMap<>(Priority.class);
        rates.put(Priority.LOW, low);
        rates.put(Priority.MEDIUM, medium);
        rates.put(Priority.HIGH, high);
        rates.put(Priority.CRITICAL, critical);
        return Collections.unmodifiableMap(rates);
    }

    /** SplitMix64's finaliser: neighbouring seeds give unrelated streams. */
    static long mix(long z) {
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        return z ^ (z >>> 31);
    }
}
