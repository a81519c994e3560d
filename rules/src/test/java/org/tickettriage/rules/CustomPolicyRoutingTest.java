package org.tickettriage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.rules.routing.ModelCheck;
import org.tickettriage.rules.routing.PolicyFiles;
import org.tickettriage.rules.routing.PolicyProblem;
import org.tickettriage.rules.routing.PolicyReader;
import org.tickettriage.rules.routing.RoutingPolicy;

/** A team's own taxonomy, priority scale and attribute conditions route as their policy files say. */
class CustomPolicyRoutingTest {

    @TempDir
    static Path folder;

    private static DroolsRouter router;

    @BeforeAll
    static void writePolicy() throws IOException {
        write("priorities.csv", """
                priority,first_response,default
                low,P3D,
                medium,P1D,yes
                high,PT4H,
                """);
        write("routing.csv", """
                category,priority,team,queue,first_response,language,tier,tags,set:priority_floor,set:zendesk_group_id
                # German-speaking customers have their own billing desk
                Billing and Payments,*,Billing DE,billing-de,PT8H,de,*,*,,
                Billing and Payments,high,Billing,billing-urgent,PT2H,*,*,*,,501
                Billing and Payments,*,Billing,billing,P1D,*,*,*,,501
                Technical Support,*,Key Accounts,key-accounts,PT2H,*,enterprise,*,high,
                Technical Support,*,Tech,tech,P1D,*,*,vip,,
                Technical Support,*,Tech,tech,P1D,*,*,*,,
                """);
        write("keywords.csv", """
                category,phrases
                Billing and Payments,invoice | refund
                Technical Support,crash | error
                """);
        write("escalation.csv", """
                cue,phrases,requires,priority,team,queue,first_response,channel
                outage,outage | is down,,high,,,PT30M,*
                phone,,,medium,,,,phone
                """);
        write("review.csv", """
                team,queue,first_response
                Dispatch,dispatch,PT2H
                """);
        router = DroolsRouter.create(PolicyReader.read(PolicyFiles.at(folder)));
    }

    @Test
    void routesOnLanguageBeforeTheGeneralRow() {
        RoutingDecision german = router.route(request("Billing and Payments", "medium", attributes("de", null, null)));
        RoutingDecision english = router.route(request("Billing and Payments", "medium", attributes("en", null, null)));

        assertThat(german.team()).isEqualTo("Billing DE");
        assertThat(german.firstResponseTarget()).isEqualTo(Duration.ofHours(8));
        assertThat(english.team()).isEqualTo("Billing");
        assertThat(english.queue()).isEqualTo("billing");
        assertThat(english.outputs()).containsExactly(Map.entry("zendesk_group_id", "501"));
        assertThat(english.reasonCodes()).extracting(Reason::code)
                .containsExactly(ReasonCode.MODEL_CONFIDENT, ReasonCode.PRIORITY_MODEL, ReasonCode.ROUTE_TABLE);
        assertThat(english.reasons()).last().isEqualTo("Route Billing and Payments (routing.csv line 5)");
    }

    @Test
    void keepsTheModelsPriorityOnTheTeamsScale() {
        RoutingDecision decision = router.route(request("Billing and Payments", "high", TicketAttributes.NONE));

        assertThat(decision.priority()).isEqualTo("high");
        assertThat(decision.queue()).isEqualTo("billing-urgent");
        assertThat(decision.escalated()).isFalse();
    }

    @Test
    void raisesAnEnterpriseTicketToTheRowsPriorityFloor() {
        RoutingDecision decision = router.route(request("Technical Support", "low", attributes(null, "Enterprise", null)));

        assertThat(decision.team()).isEqualTo("Key Accounts");
        assertThat(decision.priority()).isEqualTo("high");
        assertThat(decision.escalated()).isTrue();
        assertThat(decision.reasonCodes()).extracting(Reason::code).endsWith(ReasonCode.ROUTE_TABLE, ReasonCode.PRIORITY_FLOOR);
    }

    @Test
    void matchesATagCondition() {
        RoutingDecision tagged = router.route(request("Technical Support", "low", attributes(null, null, Set.of("VIP", "beta"))));

        assertThat(tagged.reasons()).last().isEqualTo("Route Technical Support (routing.csv line 7)");
    }

    @Test
    void sendsALabelNoRowRoutesToTheReviewQueueWithItsOwnReason() {
        RoutingDecision decision = router.route(request("Human Resources", "medium", TicketAttributes.NONE));

        assertThat(decision.category()).isEqualTo("Human Resources");
        assertThat(decision.team()).isEqualTo("Dispatch");
        assertThat(decision.queue()).isEqualTo("dispatch");
        assertThat(decision.needsReview()).isTrue();
        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.MODEL);
        assertThat(decision.firstResponseTarget()).isEqualTo(Duration.ofHours(2));
        assertThat(decision.reasonCodes()).contains(new Reason(ReasonCode.UNROUTED_CATEGORY, "Human Resources"));
    }

    @Test
    void escalatesOnACueAndTightensTheFirstResponse() {
        RoutingDecision decision = router.route(new RoutingRequest("t", "Portal is down", "Nobody can log in",
                "Technical Support", 0.9, "low", null, 0.5));

        assertThat(decision.priority()).isEqualTo("high");
        assertThat(decision.escalated()).isTrue();
        assertThat(decision.firstResponseTarget()).isEqualTo(Duration.ofMinutes(30));
        assertThat(decision.reasons()).contains("Escalate outage", "SLA outage");
    }

    @Test
    void escalatesOnAnAttributeAlone() {
        RoutingDecision decision = router.route(new RoutingRequest("t", "Question", "Please call me back",
                "Technical Support", 0.9, "low", null, 0.5,
                new TicketAttributes(null, null, "Phone", null, Set.of())));

        assertThat(decision.priority()).isEqualTo("medium");
        assertThat(decision.reasonCodes()).contains(new Reason(ReasonCode.ESCALATION, "phone"));
    }

    @Test
    void decidesByTheTeamsKeywordsWhenTheModelIsUnsure() {
        RoutingDecision decision = router.route(new RoutingRequest("t", "Refund", "Where is my refund?",
                "Technical Support", 0.2, null, null, 0.5));

        assertThat(decision.category()).isEqualTo("Billing and Payments");
        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.RULES);
        assertThat(decision.priority()).isEqualTo("medium");
        assertThat(decision.reasonCodes()).contains(new Reason(ReasonCode.PRIORITY_DEFAULT, "medium"));
    }

    @Test
    void ignoresAPriorityThatIsNotOnTheScale() {
        RoutingDecision decision = router.route(request("Technical Support", "Critical", TicketAttributes.NONE));

        assertThat(decision.priority()).isEqualTo("medium");
    }

    @Test
    void sendsReviewTicketsToTheTeamsReviewQueue() {
        RoutingDecision decision = router.route(new RoutingRequest("t", "Hello", "Can someone call me?",
                "Technical Support", 0.2, "high", null, 0.5));

        assertThat(decision.team()).isEqualTo("Dispatch");
        assertThat(decision.firstResponseTarget()).isEqualTo(Duration.ofHours(2));
        assertThat(decision.reasonCodes()).extracting(Reason::code).doesNotContain(ReasonCode.SLA_PRIORITY);
    }

    @Test
    void modelCheckListsTheLabelsThePolicyCannotRoute() throws IOException {
        RoutingPolicy policy = PolicyReader.read(PolicyFiles.at(folder));

        List<PolicyProblem> problems = ModelCheck.check(policy,
                List.of("Billing and Payments", "Technical Support", "Human Resources"), List.of("low", "medium", "high"));

        assertThat(problems).singleElement().satisfies(p -> {
            assertThat(p.isError()).isFalse();
            assertThat(p.message()).contains("'Human Resources'");
        });
        assertThat(ModelCheck.check(RoutingPolicy.bundled(), List.of("Bug Report", "Shipping"), List.of("Low", "High")))
                .anySatisfy(p -> assertThat(p.message()).contains("no row names the model's label 'Shipping': only a * row"));
        assertThat(ModelCheck.check(RoutingPolicy.bundled(), List.of("Account Management", "Billing Inquiry", "Bug Report",
                "Feature Request", "Technical Issue"), List.of("Low", "Medium", "High", "Critical"))).isEmpty();
        assertThat(ModelCheck.check(policy, List.of("Technical Support"), List.of("Low", "Medium", "High", "Critical")))
                .anySatisfy(p -> assertThat(p.message()).contains("'Critical', not on the scale"))
                .anySatisfy(p -> assertThat(p.message()).contains("'Billing and Payments' is not a label of the model"));
    }

    @Test
    void bundledPolicyKeepsEnterpriseCustomersAtHighOrAbove() {
        RoutingDecision decision = DroolsRouter.create().route(new RoutingRequest("t", "Question", "How do I export?",
                "Technical Issue", 0.9, "Low", null, 0.5, new TicketAttributes(null, "enterprise", null, null, Set.of())));

        assertThat(decision.priority()).isEqualTo("High");
        assertThat(decision.queue()).isEqualTo("tech-support-urgent");
        assertThat(decision.reasons()).contains("Escalate enterprise customer");
    }

    private static RoutingRequest request(String category, String priority, TicketAttributes attributes) {
        return new RoutingRequest("t", "Question", "Please look into this.", category, 0.9, priority, null, 0.5, attributes);
    }

    private static TicketAttributes attributes(String language, String tier, Set<String> tags) {
        return new TicketAttributes(null, tier, null, language, tags);
    }

    private static void write(String name, String content) throws IOException {
        Files.writeString(folder.resolve(name), content, StandardCharsets.UTF_8);
    }
}
