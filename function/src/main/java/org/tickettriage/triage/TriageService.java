package org.tickettriage.triage;

import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.UUID;
import java.util.List;
import org.tickettriage.classifier.Prediction;
import org.tickettriage.classifier.TicketClassifier;
import org.tickettriage.rules.Router;
import org.tickettriage.rules.RoutingDecision;
import org.tickettriage.rules.RoutingRequest;

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
    /** The priorities a caller may supply, in their canonical spelling. */
    public static final List<String> PRIORITIES = List.of("Low", "Medium", "High", "Critical");

    private static final Set<String> PRIORITY_SET = Set.copyOf(PRIORITIES);

    private final TicketClassifier classifier;
    private final Router router;
    private final double reviewThreshold;
    private final String degradedReason;

    /**
     * A service that classifies with {@code classifier} and routes with {@code router}.
     *
     * @param thresholdOverride a review threshold that replaces the model card's, if present
     */
    public TriageService(TicketClassifier classifier, Router router, OptionalDouble thresholdOverride) {
        this(Objects.requireNonNull(classifier, "classifier"), router, thresholdOverride, null);
    }

    private TriageService(TicketClassifier classifier, Router router, OptionalDouble thresholdOverride,
                          String degradedReason) {
        this.classifier = classifier;
        this.router = Objects.requireNonNull(router, "router");
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
        return new TriageService(null, router, OptionalDouble.empty(), Objects.requireNonNull(reason, "reason"));
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

        Prediction prediction = classifier == null ? null : classifier.classify(subject, description);
        RoutingDecision decision = router.route(new RoutingRequest(
                ticketId, subject, description,
                prediction == null ? null : prediction.category(),
                prediction == null ? 0.0 : prediction.confidence(),
                prediction == null ? null : prediction.priority(),
                clientPriority,
                reviewThreshold));

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
                prediction == null ? List.of() : prediction.explanation(),
                modelVersion());
    }

    /** Whether the model is loaded, and if not, why. */
    public Health health() {
        return classifier == null
                ? new Health("degraded", false, modelVersion(), degradedReason)
                : new Health("ok", true, modelVersion(), null);
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

    private static String priority(String supplied) {
        String p = clean(supplied);
        if (p.isEmpty()) {
            return null;
        }
        String canonical = p.substring(0, 1).toUpperCase(Locale.ROOT) + p.substring(1).toLowerCase(Locale.ROOT);
        if (!PRIORITY_SET.contains(canonical)) {
            throw new InvalidTicketException("invalid_priority", "priority must be one of " + PRIORITIES + ".");
        }
        return canonical;
    }
}
