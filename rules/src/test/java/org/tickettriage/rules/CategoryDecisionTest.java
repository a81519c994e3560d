package org.tickettriage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class CategoryDecisionTest {

    private static final String BILLING_TEXT = "I was charged twice this month, please send a refund.";

    private static DroolsRouter router;

    @BeforeAll
    static void buildRouter() {
        router = DroolsRouter.create();
    }

    @Test
    void letsTheModelDecideWhenConfidenceIsExactlyAtTheThreshold() {
        RoutingDecision decision = router.route(
                Tickets.predicted(BILLING_TEXT, "Bug Report", Tickets.THRESHOLD, "Medium"));

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.MODEL);
        assertThat(decision.category()).isEqualTo("Bug Report");
        assertThat(decision.reasons()).startsWith("Model decides category");
    }

    @Test
    void overridesTheModelWithKeywordsJustBelowTheThreshold() {
        RoutingDecision decision = router.route(
                Tickets.predicted(BILLING_TEXT, "Bug Report", Tickets.THRESHOLD - 1e-9, "Medium"));

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.RULES);
        assertThat(decision.category()).isEqualTo("Billing Inquiry");
        assertThat(decision.needsReview()).isFalse();
        assertThat(decision.reasons()).startsWith(
                "Low confidence: keyword Billing Inquiry", "Low confidence: keyword decides");
    }

    @Test
    void sendsToReviewJustBelowTheThresholdWhenNoKeywordMatches() {
        RoutingDecision decision = router.route(
                Tickets.predicted("Something is odd with my thing.", "Bug Report", Tickets.THRESHOLD - 1e-9, "Low"));

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.REVIEW);
        assertThat(decision.needsReview()).isTrue();
        // The model's best guess is kept for the reviewer.
        assertThat(decision.category()).isEqualTo("Bug Report");
        assertThat(decision.team()).isEqualTo("Support Triage");
        assertThat(decision.queue()).isEqualTo("triage-review");
        assertThat(decision.reasons()).containsExactly("Low confidence: human review", "Priority: model prediction",
                "Route to human review", "SLA Low");
    }

    @Test
    void usesKeywordRulesWhenThereIsNoModel() {
        RoutingDecision decision = router.route(Tickets.withoutModel("Refund", BILLING_TEXT, null));

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.RULES);
        assertThat(decision.category()).isEqualTo("Billing Inquiry");
        assertThat(decision.team()).isEqualTo("Billing");
    }

    @Test
    void marksTicketsWithoutModelAndWithoutKeywordsUnclassifiedForReview() {
        RoutingDecision decision = router.route(Tickets.withoutModel("Hello", "Can someone call me back?", null));

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.REVIEW);
        assertThat(decision.needsReview()).isTrue();
        assertThat(decision.category()).isEqualTo("Unclassified");
        assertThat(decision.queue()).isEqualTo("triage-review");
        assertThat(decision.reasons()).containsExactly(
                "Low confidence: human review", "Default priority", "Route to human review", "SLA Medium");
    }

    @ParameterizedTest(name = "\"{0}\" -> {1}")
    @CsvSource(delimiter = '|', value = {
            "Where is my INVOICE for March?                        | Billing Inquiry",
            "You charged   twice for the same order               | Billing Inquiry",
            "I want a refund                                       | Billing Inquiry",
            "I forgot my password                                  | Account Management",
            "I am locked out after too many attempts              | Account Management",
            "I cannot log in since yesterday                       | Account Management",
            "Lost my phone, how do I reset 2FA?                    | Account Management",
            "Please delete my account and all my details           | Account Management",
            "Feature request: dark mode                            | Feature Request",
            "It would be nice to export as PDF                     | Feature Request",
            "Please add a keyboard shortcut for search             | Feature Request",
            "A calendar view would be great                        | Feature Request",
            "The app crashes on start                              | Bug Report",
            "I get a NullPointer exception and a stack trace       | Bug Report",
            "Error when saving a draft                             | Bug Report",
            "Found a bug in the date picker                        | Bug Report",
            "Cannot connect to the server from the office network  | Technical Issue",
            "Requests keep hitting a timeout                       | Technical Issue",
            "Dashboard is very slow today                          | Technical Issue",
            "How do I configure the webhook integration?           | Technical Issue",
    })
    void assignsEachCategoryFromItsKeywordsWhenTheModelIsUnsure(String text, String category) {
        RoutingDecision decision = router.route(Tickets.predicted(text, "Feature Request", 0.2, "Medium"));

        assertThat(decision.category()).isEqualTo(category);
        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.RULES);
        assertThat(decision.needsReview()).isFalse();
        assertThat(decision.reasons()).containsSubsequence(
                "Low confidence: keyword " + category, "Low confidence: keyword decides")
                .anyMatch(reason -> reason.startsWith("Route " + category + " (routing.csv line "));
    }

    @Test
    void matchesKeywordsInTheSubjectToo() {
        RoutingDecision decision = router.route(new RoutingRequest(
                "t-2", "Invoice question", "See above.", null, 0.0, null, null, Tickets.THRESHOLD));

        assertThat(decision.category()).isEqualTo("Billing Inquiry");
    }

    @Test
    void matchesWholeWordsOnly() {
        // "debugging" holds "bug" and "slowly" holds "slow", but neither is the word.
        RoutingDecision decision = router.route(
                Tickets.predicted("I was debugging slowly through the docs", "Bug Report", 0.1, "Low"));

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.REVIEW);
        assertThat(decision.reasons()).noneMatch(reason -> reason.startsWith("Low confidence: keyword"));
    }

    @Test
    void sendsConflictingKeywordsToReviewAndNamesBothMatches() {
        RoutingDecision decision = router.route(Tickets.predicted(
                "The app crashes whenever I open my invoice", "Technical Issue", 0.3, "Medium"));

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.REVIEW);
        assertThat(decision.needsReview()).isTrue();
        assertThat(decision.category()).isEqualTo("Technical Issue");
        assertThat(decision.team()).isEqualTo("Support Triage");
        assertThat(decision.reasons()).containsExactly(
                "Low confidence: keyword Billing Inquiry", "Low confidence: keyword Bug Report",
                "Low confidence: human review", "Priority: model prediction", "Route to human review", "SLA Medium");
    }

    @Test
    void ignoresKeywordsWhenTheModelIsConfident() {
        RoutingDecision decision = router.route(Tickets.predicted(BILLING_TEXT, "Bug Report", 0.99, "Low"));

        assertThat(decision.category()).isEqualTo("Bug Report");
        assertThat(decision.reasons()).noneMatch(reason -> reason.startsWith("Low confidence"));
    }

    @Test
    void treatsABlankModelCategoryAsNoPrediction() {
        RoutingDecision decision = router.route(Tickets.predicted("Hello there", "  ", 0.99, null));

        assertThat(decision.decidedBy()).isEqualTo(DecidedBy.REVIEW);
        assertThat(decision.category()).isEqualTo("Unclassified");
    }
}
