package org.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import org.junit.jupiter.api.Test;
import org.tickettriage.classifier.FeatureWeight;
import org.tickettriage.classifier.Prediction;
import org.tickettriage.classifier.TicketClassifier;
import org.tickettriage.rules.DecidedBy;
import org.tickettriage.rules.Reason;
import org.tickettriage.rules.ReasonCode;
import org.tickettriage.rules.Router;
import org.tickettriage.rules.routing.RoutingPolicy;
import org.tickettriage.rules.RoutingDecision;
import org.tickettriage.rules.RoutingRequest;

class TriageServiceTest {

    /** A classifier that always answers the same, and remembers what it was asked. */
    static final class FixedClassifier implements TicketClassifier {
        final List<String> seen = new ArrayList<>();
        final double confidence;

        FixedClassifier(double confidence) {
            this.confidence = confidence;
        }

        @Override
        public Prediction classify(String subject, String description) {
            seen.add(subject + "|" + description);
            Map<String, Double> p = new LinkedHashMap<>();
            p.put("Billing Inquiry", confidence);
            p.put("Bug Report", 1 - confidence);
            return new Prediction("Billing Inquiry", confidence, p, "Low", 0.7,
                    List.of(new FeatureWeight("invoice", 1.5)));
        }

        @Override
        public String modelVersion() {
            return "test-model";
        }

        @Override
        public double reviewThreshold() {
            return 0.6;
        }
    }

    /** A router that echoes its request into the decision, so tests can see what it was given. */
    static final class EchoRouter implements Router {
        RoutingRequest last;

        @Override
        public RoutingDecision route(RoutingRequest r) {
            last = r;
            String category = r.predictedCategory() == null ? "Unclassified" : r.predictedCategory();
            String priority = r.clientPriority() != null ? r.clientPriority()
                    : r.predictedPriority() != null ? r.predictedPriority() : "Medium";
            boolean review = r.confidence() < r.reviewThreshold();
            return new RoutingDecision(category, priority, "Team", "queue", Duration.ofHours(4),
                    review ? DecidedBy.REVIEW : DecidedBy.MODEL, review, false,
                    List.of(new Reason(ReasonCode.MODEL_CONFIDENT, category)), Map.of());
        }

        @Override
        public RoutingPolicy policy() {
            return RoutingPolicy.bundled();
        }
    }

    private final FixedClassifier classifier = new FixedClassifier(0.9);
    private final EchoRouter router = new EchoRouter();
    private final TriageService service = new TriageService(classifier, router, OptionalDouble.empty());

    @Test
    void classifiesAndRoutesATicket() {
        TriageResult result = service.triage(new Ticket("T-1", " Invoice ", "Charged twice ", null, null));

        assertThat(classifier.seen).containsExactly("Invoice|Charged twice");
        assertThat(result.ticketId()).isEqualTo("T-1");
        assertThat(result.category()).isEqualTo("Billing Inquiry");
        assertThat(result.confidence()).isEqualTo(0.9);
        assertThat(result.probabilities()).containsOnlyKeys("Billing Inquiry", "Bug Report");
        assertThat(result.priority()).isEqualTo("Low");
        assertThat(result.firstResponseTarget()).isEqualTo("PT4H");
        assertThat(result.decidedBy()).isEqualTo("model");
        assertThat(result.reasons()).containsExactly("Model decides category");
        assertThat(result.explanation()).containsExactly(new FeatureWeight("invoice", 1.5));
        assertThat(result.modelVersion()).isEqualTo("test-model");
    }

    @Test
    void passesTheModelCardThresholdToTheRulesUnlessOverridden() {
        service.triage(new Ticket(null, "a", "b", null, null));
        assertThat(router.last.reviewThreshold()).isEqualTo(0.6);

        new TriageService(classifier, router, OptionalDouble.of(0.95)).triage(new Ticket(null, "a", "b", null, null));
        assertThat(router.last.reviewThreshold()).isEqualTo(0.95);
    }

    @Test
    void rejectsAThresholdOutsideZeroToOne() {
        assertThatThrownBy(() -> new TriageService(classifier, router, OptionalDouble.of(1.5)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void assignsATicketIdWhenNoneIsGiven() {
        assertThat(service.triage(new Ticket(" ", "subject", null, null, null)).ticketId())
                .matches("[0-9a-f-]{36}");
    }

    @Test
    void normalisesTheClientPriorityAndHandsItToTheRules() {
        TriageResult result = service.triage(new Ticket(null, "s", "d", "hIGH", null));
        assertThat(router.last.clientPriority()).isEqualTo("High");
        assertThat(result.priority()).isEqualTo("High");
    }

    @Test
    void rejectsAnUnknownPriority() {
        assertThatThrownBy(() -> service.triage(new Ticket(null, "s", "d", "urgent", null)))
                .isInstanceOfSatisfying(InvalidTicketException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_priority"));
    }

    @Test
    void rejectsATicketWithoutText() {
        assertThatThrownBy(() -> service.triage(new Ticket("T", "  ", null, null, null)))
                .isInstanceOfSatisfying(InvalidTicketException.class,
                        e -> assertThat(e.code()).isEqualTo("empty_ticket"));
        assertThat(classifier.seen).isEmpty();
    }

    @Test
    void rejectsTextOverTheLimitsWithoutEchoingIt() {
        String longSubject = "x".repeat(TriageService.MAX_SUBJECT_CHARS + 1);
        assertThatThrownBy(() -> service.triage(new Ticket(null, longSubject, "d", null, null)))
                .isInstanceOfSatisfying(InvalidTicketException.class, e -> {
                    assertThat(e.code()).isEqualTo("subject_too_long");
                    assertThat(e.getMessage()).doesNotContain("xxxx");
                });
        String longBody = "y".repeat(TriageService.MAX_DESCRIPTION_CHARS + 1);
        assertThatThrownBy(() -> service.triage(new Ticket(null, "s", longBody, null, null)))
                .isInstanceOfSatisfying(InvalidTicketException.class,
                        e -> assertThat(e.code()).isEqualTo("description_too_long"));
    }

    @Test
    void textExactlyAtTheLimitIsAccepted() {
        String body = "y".repeat(TriageService.MAX_DESCRIPTION_CHARS);
        assertThat(service.triage(new Ticket(null, null, body, null, null)).category()).isEqualTo("Billing Inquiry");
    }

    @Test
    void rejectsAnOverlongOrControlCharacterTicketId() {
        assertThatThrownBy(() -> service.triage(new Ticket("a".repeat(201), "s", "d", null, null)))
                .isInstanceOfSatisfying(InvalidTicketException.class,
                        e -> assertThat(e.code()).isEqualTo("invalid_ticket_id"));
        assertThatThrownBy(() -> service.triage(new Ticket("a\nb", "s", "d", null, null)))
                .isInstanceOf(InvalidTicketException.class);
    }

    @Test
    void withoutAModelRoutesOnRulesAloneAndReportsDegraded() {
        TriageService rulesOnly = TriageService.rulesOnly(router, "model directory not found");

        TriageResult result = rulesOnly.triage(new Ticket("T", "Refund", "please", null, null));

        assertThat(router.last.predictedCategory()).isNull();
        assertThat(router.last.reviewThreshold()).isEqualTo(1.0);
        assertThat(result.confidence()).isZero();
        assertThat(result.probabilities()).isEmpty();
        assertThat(result.explanation()).isEmpty();
        assertThat(result.modelVersion()).isEqualTo("none");
        assertThat(rulesOnly.health()).isEqualTo(new Health("degraded", false, "none", "model directory not found"));
        assertThat(service.health().status()).isEqualTo("ok");
    }
}
