package org.tickettriage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class RoutingTableTest {

    private static DroolsRouter router;

    @BeforeAll
    static void buildRouter() {
        router = DroolsRouter.create();
    }

    @ParameterizedTest(name = "{0} at {1} -> {2} / {3} in {4}")
    @CsvSource({
            "Bug Report,         Low,      Engineering,       engineering,             PT72H",
            "Bug Report,         Medium,   Engineering,       engineering,             PT24H",
            "Bug Report,         High,     Engineering,       engineering-urgent,      PT4H",
            "Bug Report,         Critical, Engineering,       engineering-urgent,      PT1H",
            "Technical Issue,    Low,      Technical Support, tech-support,            PT72H",
            "Technical Issue,    High,     Technical Support, tech-support-urgent,     PT4H",
            "Feature Request,    Low,      Product,           product,                 PT120H",
            "Feature Request,    Medium,   Product,           product,                 PT120H",
            "Feature Request,    High,     Product,           product-urgent,          PT4H",
            "Billing Inquiry,    Medium,   Billing,           billing,                 PT24H",
            "Billing Inquiry,    Critical, Billing,           billing-urgent,          PT1H",
            "Account Management, Low,      Account Services,  account-services,        PT72H",
            "Account Management, High,     Account Services,  account-services-urgent, PT4H",
    })
    void routesEachCategoryAndPriorityToItsTeamQueueAndSla(String category, String priority, String team,
            String queue, Duration sla) {
        RoutingDecision decision = router.route(Tickets.confident(category, priority));

        assertThat(decision.category()).isEqualTo(category);
        assertThat(decision.priority()).isEqualTo(priority);
        assertThat(decision.team()).isEqualTo(team);
        assertThat(decision.queue()).isEqualTo(queue);
        assertThat(decision.firstResponseTarget()).isEqualTo(sla);
        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.MODEL);
        assertThat(decision.needsReview()).isFalse();
        assertThat(decision.escalated()).isFalse();
        assertThat(decision.reasons()).anyMatch(reason -> reason.startsWith("Route " + category + " (routing.csv line "));
    }

    @Test
    void namesTheRulesThatFiredInStageOrder() {
        RoutingDecision decision = router.route(Tickets.confident("Billing Inquiry", "High"));

        assertThat(decision.reasons()).containsExactly(
                "Model decides category", "Priority: client supplied", "Route Billing Inquiry (routing.csv line 16)");
    }

    @Test
    void usesTheProductBacklogSlaOnlyForRoutineFeatureRequests() {
        assertThat(router.route(Tickets.confident("Feature Request", "Medium")).firstResponseTarget())
                .isEqualTo(Duration.ofDays(5));
        assertThat(router.route(Tickets.confident("Feature Request", "Critical")).firstResponseTarget())
                .isEqualTo(Duration.ofHours(1));
    }

    @Test
    void routesACategoryNoRuleKnowsToGeneralSupport() {
        RoutingDecision decision = router.route(Tickets.confident("Shipping Question", "Medium"));

        assertThat(decision.category()).isEqualTo("Shipping Question");
        assertThat(decision.team()).isEqualTo("General Support");
        assertThat(decision.queue()).isEqualTo("general-support");
        assertThat(decision.firstResponseTarget()).isEqualTo(Duration.ofDays(1));
        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.MODEL);
        assertThat(decision.reasons()).containsExactly("Model decides category", "Priority: client supplied",
                "Route Shipping Question (routing.csv line 23)");
    }

    @Test
    void sendsUrgentTicketsOfAnUnknownCategoryToTheUrgentGeneralQueue() {
        RoutingDecision decision = router.route(Tickets.confident("Shipping Question", "Critical"));

        assertThat(decision.queue()).isEqualTo("general-support-urgent");
        assertThat(decision.firstResponseTarget()).isEqualTo(Duration.ofHours(1));
    }
}
