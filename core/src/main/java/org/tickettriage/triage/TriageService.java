package org.tickettriage.triage;

import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.tickettriage.model.Prediction;
import org.tickettriage.model.TicketClassifier;
import org.tickettriage.rules.Router;
import org.tickettriage.rules.RoutingDecision;
import org.tickettriage.rules.RoutingRequest;
import org.tickettriage.rules.TicketAttributes;
import org.tickettriage.rules.routing.PriorityScale;
import org.tickettriage.rules.routing.RoutingPolicy;

/**
 * Validates a ticket, classifies it (when a model is loaded) and routes it. Thread-safe and stateless
 * per request: build one per container and share it.
 */
public final class TriageService {

    /** Longest subject accepted, in characters. */
    public static final int MAX_SUBJECT_CHARS = 1_000;
    /** Longest description accepted, in characters (about ten pages of text). */
    public static final int MAX_DESCRIPTION_CHARS = 50_000;
    /** Longest caller-supplied ticket id accepted. */
    public static final int MAX_TICKET_ID_CHARS = 200;
    /** Longest organization accepted, in characters. */
    public static final int MAX_ORGANIZATION_CHARS = 200;
    /** Longest tier accepted, in characters. */
    public static final int MAX_TIER_CHARS = 50;
    /** Longest channel accepted, in characters. */
    public static final int MAX_CHANNEL_CHARS = 50;
    /** Most tags on one ticket. */
    public static final int MAX_TAGS = 50;
    /** Longest tag accepted, in characters. */
    public static final int MAX_TAG_CHARS = 100;

    // ISO 639-1 codes, with the three that Java long spelled otherwise (iw, in, ji for he, id, yi).
    private static final Set<String> LANGUAGES = languages();

    private final TicketClassifier classifier;
    private final Router router;
    private final PriorityScale priorities;
    private final double reviewThreshold;
    private final String degradedReason;
    private final List<String> unroutedLabels;
    private final LanguageDetector languages;

    /**
     * A service that classifies with {@code classifier} and routes with {@code router}, without language detection
     * (a ticket's language is the client's, else {@code und}).
     *
     * @param thresholdOverride a review threshold that replaces the model card's, if present
     */
    public TriageService(TicketClassifier classifier, Router router, OptionalDouble thresholdOverride) {
        this(classifier, router, thresholdOverride, LanguageDetector.off());
    }

    /**
     * A service that classifies with {@code classifier}, routes with {@code router} and detects a ticket's language
     * with {@code languages} when the client sent none.
     *
     * @param thresholdOverride a review threshold that replaces the model card's, if present
     */
    public TriageService(TicketClassifier classifier, Router router, OptionalDouble thresholdOverride,
                         LanguageDetector languages) {
        this(Objects.requireNonNull(classifier, "classifier"), router, thresholdOverride, null, languages);
    }

    private TriageService(TicketClassifier classifier, Router router, OptionalDouble thresholdOverride,
                          String degradedReason, LanguageDetector languages) {
        this.languages = Objects.requireNonNull(languages, "languages");
        this.classifier = classifier;
        this.router = Objects.requireNonNull(router, "router");
        RoutingPolicy policy = router.policy();
        this.priorities = policy.priorities();
        this.unroutedLabels = policy.table().unrouted(categories(), priorities);
        double threshold = thresholdOverride.orElse(classifier == null ? 1.0 : classifier.reviewThreshold());
        if (!(threshold >= 0.0 && threshold <= 1.0)) {
            throw new IllegalArgumentException("review threshold must be within [0, 1], was " + threshold);
        }
        this.reviewThreshold = threshold;
        this.degradedReason = degradedReason;
    }

    /**
     * A service without a model: keyword rules decide where they can, everything else goes to review.
     *
     * @param reason why no model is loaded, reported by {@link #health()}
     */
    public static TriageService rulesOnly(Router router, String reason) {
        return rulesOnly(router, reason, LanguageDetector.off());
    }

    /** As {@link #rulesOnly(Router, String)}, detecting languages with {@code languages}. */
    public static TriageService rulesOnly(Router router, String reason, LanguageDetector languages) {
        return new TriageService(null, router, OptionalDouble.empty(), Objects.requireNonNull(reason, "reason"), languages);
    }

    /** Triages one ticket. Throws {@link InvalidTicketException} when the ticket cannot be triaged as given. */
    public TriageResult triage(Ticket ticket) {
        if (ticket == null) {
            throw new InvalidTicketException("missing_ticket", "A ticket is required.");
        }
        String subject = clean(ticket.subject());
        String description = clean(ticket.description());
        if (subject.isEmpty() && description.isEmpty()) {
            throw new InvalidTicketException("empty_ticket", "At least one of subject and description must hold text.");
        }
        if (subject.length() > MAX_SUBJECT_CHARS) {
            throw new InvalidTicketException("subject_too_long",
                    "The subject has " + subject.length() + " characters; at most " + MAX_SUBJECT_CHARS + " are accepted.");
        }
        if (description.length() > MAX_DESCRIPTION_CHARS) {
            throw new InvalidTicketException("description_too_long", "The description has " + description.length()
                    + " characters; at most " + MAX_DESCRIPTION_CHARS + " are accepted.");
        }
        String ticketId = ticketId(ticket.ticketId());
        String clientPriority = priority(ticket.priority());
        TicketAttributes supplied = attributes(ticket);
        LanguageDetector.Detected language = supplied.language() != null
                ? new LanguageDetector.Detected(supplied.language(), 1.0)
                : languages.detect(subject, description);
        TicketAttributes attributes = supplied.language() == null && language.determined()
                ? supplied.withLanguage(language.language()) : supplied;

        Prediction prediction = classifier == null ? null : classifier.classify(subject, description);
        RoutingDecision decision = router.route(new RoutingRequest(
                ticketId, subject, description,
                prediction == null ? null : prediction.category(),
                prediction == null ? 0.0 : prediction.confidence(),
                prediction == null ? null : prediction.priority(),
                clientPriority,
                reviewThreshold,
                attributes));

        return new TriageResult(
                ticketId,
                decision.category(),
                prediction == null ? 0.0 : prediction.confidence(),
                prediction == null ? Map.of() : prediction.probabilities(),
                decision.priority(),
                decision.team(),
                decision.queue(),
                decision.firstResponseTarget().toString(),
                decision.decidedBy().wireName(),
                decision.needsReview(),
                decision.escalated(),
                decision.reasons(),
                decision.reasonCodes().stream().map(CodedReason::of).toList(),
                prediction == null ? List.of() : prediction.explanation(),
                modelVersion(),
                outputs(decision),
                language.language(),
                language.confidence());
    }

    /** The languages this service detects (empty when detection is off). */
    public LanguageDetector languageDetector() {
        return languages;
    }

    /** The priority's outputs (priorities.csv), overridden by the routing row's (routing.csv). */
    private Map<String, String> outputs(RoutingDecision decision) {
        Map<String, String> byPriority = priorities.rank(decision.priority()) < 0 ? Map.of() : priorities.outputs(decision.priority());
        if (byPriority.isEmpty()) {
            return decision.outputs();
        }
        if (decision.outputs().isEmpty()) {
            return byPriority;
        }
        Map<String, String> merged = new java.util.LinkedHashMap<>(byPriority);
        merged.putAll(decision.outputs());
        return merged;
    }

    /** Whether the model is loaded (and if not, why), and the routing policy in force. */
    public Health health() {
        String location = router.policy().location();
        return classifier == null
                ? new Health("degraded", false, modelVersion(), degradedReason, location, priorities.labels(), unroutedLabels)
                : new Health("ok", true, modelVersion(), null, location, priorities.labels(), unroutedLabels);
    }

    /** The routing policy the router applies. */
    public RoutingPolicy policy() {
        return router.policy();
    }

    /**
     * The loaded model's labels that the routing table does not route at every priority of the scale (their tickets
     * go to the review queue); empty without a model.
     */
    public List<String> unroutedLabels() {
        return unroutedLabels;
    }

    /** The loaded model's categories in its own order; empty without a model. */
    public List<String> categories() {
        return classifier == null ? List.of() : classifier.categories();
    }

    /** The review threshold in force (the model card's unless configured otherwise). */
    public double reviewThreshold() {
        return reviewThreshold;
    }

    private String modelVersion() {
        return classifier == null ? "none" : classifier.modelVersion();
    }

    private static String clean(String text) {
        return text == null ? "" : text.strip();
    }

    private static String ticketId(String supplied) {
        String id = clean(supplied);
        if (id.isEmpty()) {
            return UUID.randomUUID().toString();
        }
        if (id.length() > MAX_TICKET_ID_CHARS || id.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidTicketException("invalid_ticket_id",
                    "ticketId must be at most " + MAX_TICKET_ID_CHARS + " printable characters.");
        }
        return id;
    }

    /** The client's priority in the scale's spelling; one off the active scale is refused with the scale listed. */
    private String priority(String supplied) {
        String p = clean(supplied);
        if (p.isEmpty()) {
            return null;
        }
        Optional<String> canonical = priorities.canonical(p);
        if (canonical.isEmpty()) {
            throw new InvalidTicketException("invalid_priority", "priority must be one of " + priorities.labels() + ".");
        }
        return canonical.get();
    }

    /** The ticket's routing attributes, checked; the requester is checked too but is not one of them. */
    private static TicketAttributes attributes(Ticket ticket) {
        String requester = clean(ticket.requester());
        if (!requester.isEmpty() && !EmailAddress.isPlausible(requester)) {
            throw new InvalidTicketException("invalid_requester", "requester must be one email address (name@example.com) of at most "
                    + EmailAddress.MAX_CHARS + " characters.");
        }
        String organization = printable(ticket.organization(), MAX_ORGANIZATION_CHARS, "organization", "invalid_organization");
        String tier = printable(ticket.tier(), MAX_TIER_CHARS, "tier", "invalid_tier");
        String channel = printable(ticket.channel(), MAX_CHANNEL_CHARS, "channel", "invalid_channel");
        String language = clean(ticket.language()).toLowerCase(Locale.ROOT);
        if (!language.isEmpty() && !LANGUAGES.contains(language)) {
            throw new InvalidTicketException("invalid_language",
                    "language must be an ISO 639-1 code: two letters, such as en, de or fr.");
        }
        Set<String> tags = tags(ticket.tags());
        if (organization == null && tier == null && channel == null && language.isEmpty() && tags.isEmpty()) {
            return TicketAttributes.NONE; // most tickets: no allocation on the hot path
        }
        return new TicketAttributes(organization, tier, channel, language, tags);
    }

    private static Set<String> tags(List<String> supplied) {
        if (supplied == null || supplied.isEmpty()) {
            return Set.of();
        }
        if (supplied.size() > MAX_TAGS) {
            throw new InvalidTicketException("invalid_tags", "tags holds " + supplied.size() + " tags; at most "
                    + MAX_TAGS + " are accepted.");
        }
        Set<String> tags = new LinkedHashSet<>();
        for (String tag : supplied) {
            String cleaned = clean(tag);
            if (cleaned.isEmpty() || cleaned.length() > MAX_TAG_CHARS || cleaned.chars().anyMatch(Character::isISOControl)) {
                throw new InvalidTicketException("invalid_tags", "each tag must be 1 to " + MAX_TAG_CHARS
                        + " printable characters.");
            }
            tags.add(cleaned);
        }
        return tags;
    }

    /** A stripped value of at most {@code max} printable characters, or null when blank. */
    private static String printable(String supplied, int max, String name, String code) {
        String value = clean(supplied);
        if (value.isEmpty()) {
            return null;
        }
        if (value.length() > max || value.chars().anyMatch(Character::isISOControl)) {
            throw new InvalidTicketException(code, name + " must be at most " + max + " printable characters.");
        }
        return value;
    }

    private static Set<String> languages() {
        Set<String> codes = Arrays.stream(Locale.getISOLanguages()).collect(Collectors.toSet());
        codes.addAll(List.of("he", "id", "yi", "iw", "in", "ji"));
        return Set.copyOf(codes);
    }
}
