package org.tickettriage.triage;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.Set;
import java.util.stream.IntStream;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tickettriage.model.FeatureWeight;
import org.tickettriage.model.Prediction;
import org.tickettriage.model.TicketClassifier;
import org.tickettriage.rules.DecidedBy;
import org.tickettriage.rules.Reason;
import org.tickettriage.rules.ReasonCode;
import org.tickettriage.rules.Router;
import org.tickettriage.rules.RoutingDecision;
import org.tickettriage.rules.RoutingRequest;
import org.tickettriage.rules.TicketAttributes;
import org.tickettriage.rules.routing.PolicyFiles;
import org.tickettriage.rules.routing.PolicyReader;
import org.tickettriage.rules.routing.RoutingPolicy;

class TriageServiceTest {

    /** A classifier that always answers the same, and remembers what it was asked. */
    static class FixedClassifier implements TicketClassifier {
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
        final RoutingPolicy policy;
        RoutingRequest last;

        EchoRouter() {
            this(RoutingPolicy.bundled());
        }

        EchoRouter(RoutingPolicy policy) {
            this.policy = policy;
        }

        @Override
        public RoutingDecision route(RoutingRequest r) {
            last = r;
            String category = r.predictedCategory() == null ? "Unclassified" : r.predictedCategory();
            String priority = r.clientPriority() != null ? r.clientPriority()
                    : r.predictedPriority() != null ? r.predictedPriority() : "Medium";
            boolean review = r.confidence() < r.reviewThreshold();
            return new RoutingDecision(category, priority, "Team", "queue", Duration.ofHours(4),
                    review ? DecidedBy.REVIEW : DecidedBy.MODEL, review, false,
                    List.of(new Reason(ReasonCode.MODEL_CONFIDENT, null), new Reason(ReasonCode.KEYWORD_MATCH, category)),
                    Map.of());
        }

        @Override
        public RoutingPolicy policy() {
            return policy;
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
        assertThat(result.reasons()).containsExactly("Model decides category", "Low confidence: keyword Billing Inquiry");
        assertThat(result.reasonCodes()).containsExactly(new CodedReason("model_confident", null),
                new CodedReason("keyword_match", "Billing Inquiry"));
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
    void rejectsAnUnknownPriorityListingTheScale() {
        assertThatThrownBy(() -> service.triage(new Ticket(null, "s", "d", "urgent", null)))
                .isInstanceOfSatisfying(InvalidTicketException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_priority");
                    assertThat(e.getMessage()).isEqualTo("priority must be one of [Low, Medium, High, Critical].");
                });
    }

    @Test
    void clientPriorityIsCheckedAgainstThePolicyScaleAndAnsweredInItsSpelling(@TempDir Path folder) throws IOException {
        EchoRouter p1ToP4 = new EchoRouter(policy(folder, Map.of(
                "priorities.csv", "priority,first_response,default\nP4,P5D,\nP3,P2D,yes\nP2,PT8H,\nP1,PT1H,\n",
                "routing.csv", "category,priority,team,queue,first_response\n*,*,Support,support,P1D\n",
                "escalation.csv", "cue,phrases,requires,priority,team,queue,first_response\n")));
        TriageService scaled = new TriageService(classifier, p1ToP4, OptionalDouble.empty());

        assertThat(scaled.triage(new Ticket(null, "s", "d", "p1", null)).priority()).isEqualTo("P1");
        assertThat(p1ToP4.last.clientPriority()).isEqualTo("P1");
        assertThatThrownBy(() -> scaled.triage(new Ticket(null, "s", "d", "High", null)))
                .isInstanceOfSatisfying(InvalidTicketException.class, e -> {
                    assertThat(e.code()).isEqualTo("invalid_priority");
                    assertThat(e.getMessage()).contains("[P4, P3, P2, P1]");
                });
        assertThat(scaled.health().priorities()).containsExactly("P4", "P3", "P2", "P1");
    }

    @Test
    void carriesThePolicysOutputsThePrioritysOverriddenByTheRoutingRows(@TempDir Path folder) {
        PolicyFolders.write(folder, Map.of(
                "priorities.csv", "priority,first_response,default,set:zendesk_priority\nLow,P3D,yes,low\nHigh,PT4H,,high\n",
                "routing.csv", "category,priority,team,queue,first_response,set:zendesk_group_id,set:zendesk_priority\n"
                        + "*,High,Support,support-urgent,PT4H,360001,urgent\n*,*,Support,support,P1D,360002,\n",
                "escalation.csv", "cue,phrases,requires,priority,team,queue,first_response\n"));
        TriageService routed = TriageServices.create(Optional.empty(), OptionalDouble.of(0.0),
                TriageServices.routingPolicy(folder.toString()));

        TriageResult high = routed.triage(new Ticket(null, "Printer", "It is on fire", "High", null));
        TriageResult low = routed.triage(new Ticket(null, "Printer", "It is on fire", "Low", null));

        assertThat(high.outputs()).isEqualTo(Map.of("zendesk_group_id", "360001", "zendesk_priority", "urgent"));
        assertThat(low.outputs()).isEqualTo(Map.of("zendesk_group_id", "360002", "zendesk_priority", "low"));
    }

    @Test
    void passesTheTicketAttributesToTheRulesLowerCasedButNotTheRequester() {
        service.triage(new Ticket(null, "s", "d", null, null, " Maria.Garcia@Example.com ", "ACME Corp", "Enterprise",
                "Web", "DE", List.of("VIP", " beta ", "vip")));

        assertThat(router.last.attributes())
                .isEqualTo(new TicketAttributes("acme corp", "enterprise", "web", "de", Set.of("vip", "beta")));
        assertThat(router.last.attributes().toString()).doesNotContain("acme").doesNotContain("maria");
    }

    @Test
    void blankAttributesCountAsAbsent() {
        service.triage(new Ticket(null, "s", "d", null, null, " ", "", " ", "\t", "", List.of()));

        assertThat(router.last.attributes()).isEqualTo(TicketAttributes.NONE);
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("badAttributes")
    void rejectsABadAttributeWithItsCodeWithoutEchoingIt(String code, String field, Ticket ticket, String value) {
        assertThatThrownBy(() -> service.triage(ticket))
                .isInstanceOfSatisfying(InvalidTicketException.class, e -> {
                    assertThat(e.code()).isEqualTo(code);
                    assertThat(e.getMessage()).startsWith(field).doesNotContain(value);
                });
        assertThat(classifier.seen).isEmpty();
    }

    static Stream<Arguments> badAttributes() {
        return Stream.of(
                bad("invalid_requester", "requester", "not an address", a -> a.requester = "not an address"),
                bad("invalid_requester", "requester", "maria@localhost", a -> a.requester = "maria@localhost"),
                bad("invalid_requester", "requester", "Maria <maria@example.com>", a -> a.requester = "Maria <maria@example.com>"),
                bad("invalid_requester", "requester", "two@example.com,three@example.com",
                        a -> a.requester = "two@example.com,three@example.com"),
                bad("invalid_requester", "requester", address(255), a -> a.requester = address(255)),
                bad("invalid_organization", "organization", "O".repeat(201), a -> a.organization = "O".repeat(201)),
                bad("invalid_organization", "organization", "Evil\u0000Corp", a -> a.organization = "Evil\u0000Corp"),
                bad("invalid_tier", "tier", "t".repeat(51), a -> a.tier = "t".repeat(51)),
                bad("invalid_channel", "channel", "web\nchat", a -> a.channel = "web\nchat"),
                bad("invalid_language", "language", "eng", a -> a.language = "eng"),
                bad("invalid_language", "language", "xq", a -> a.language = "xq"),
                bad("invalid_language", "language", "e1", a -> a.language = "e1"),
                bad("invalid_tags", "tags", "tag-51", a -> a.tags = IntStream.rangeClosed(1, 51).mapToObj(i -> "tag-" + i).toList()),
                bad("invalid_tags", "each tag", "T".repeat(101), a -> a.tags = List.of("ok", "T".repeat(101))),
                bad("invalid_tags", "each tag", "\u0000", a -> a.tags = List.of("ok", " ")));
    }

    @Test
    void acceptsAttributesAtTheirLimits() {
        service.triage(new Ticket(null, "s", "d", null, null, address(254), "O".repeat(200), "t".repeat(50),
                "c".repeat(50), "pt", IntStream.rangeClosed(1, 50).mapToObj(i -> String.format("%03d", i) + "t".repeat(97)).toList()));

        assertThat(router.last.attributes().tags()).hasSize(50).allMatch(tag -> tag.length() == 100);
        assertThat(router.last.attributes().language()).isEqualTo("pt");
    }

    @Test
    void healthNamesThePolicyItsScaleAndTheModelLabelsNoRowRoutes(@TempDir Path folder) throws IOException {
        EchoRouter billingOnly = new EchoRouter(policy(folder, Map.of("routing.csv",
                "category,priority,team,queue,first_response\nBilling Inquiry,*,Billing,billing,P1D\n")));
        TicketClassifier twoLabels = new FixedClassifier(0.9) {
            @Override
            public List<String> categories() {
                return List.of("Billing Inquiry", "Refunds");
            }
        };

        Health health = new TriageService(twoLabels, billingOnly, OptionalDouble.empty()).health();

        assertThat(health.routingPolicy()).isEqualTo(folder.toString());
        assertThat(health.priorities()).containsExactly("Low", "Medium", "High", "Critical");
        assertThat(health.unroutedLabels()).containsExactly("Refunds");
        assertThat(service.health().unroutedLabels()).isEmpty();
        assertThat(service.health().routingPolicy()).isEqualTo("bundled");
    }

    /** A well-formed address of {@code length} characters (254 or more), with a local part at its 64-character limit. */
    private static String address(int length) {
        String domain = "d".repeat(63) + "." + "d".repeat(63) + "." + "d".repeat(length - 65 - 63 - 1 - 63 - 1 - 4) + ".com";
        return "a".repeat(64) + "@" + domain;
    }

    /** A policy folder holding {@code files} (the bundled default supplies the rest), read and checked. */
    static RoutingPolicy policy(Path folder, Map<String, String> files) throws IOException {
        for (Map.Entry<String, String> file : files.entrySet()) {
            Files.writeString(folder.resolve(file.getKey()), file.getValue());
        }
        return PolicyReader.read(PolicyFiles.at(folder));
    }

    /** Mutable fields for building a ticket whose one attribute is bad. */
    private static final class Attributes {
        String requester;
        String organization;
        String tier;
        String channel;
        String language;
        List<String> tags;
    }

    private static Arguments bad(String code, String field, String value, java.util.function.Consumer<Attributes> set) {
        Attributes a = new Attributes();
        set.accept(a);
        return Arguments.of(code, field, new Ticket(null, "s", "d", null, null, a.requester, a.organization, a.tier,
                a.channel, a.language, a.tags), value);
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
        assertThat(rulesOnly.health()).isEqualTo(new Health("degraded", false, "none", "model directory not found",
                "bundled", List.of("Low", "Medium", "High", "Critical"), List.of()));
        assertThat(service.health().status()).isEqualTo("ok");
    }
}
