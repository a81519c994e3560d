package org.tickettriage.connectors.zendesk;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tickettriage.connectors.Deliveries.ZENDESK_SECRET;
import static org.tickettriage.connectors.Deliveries.payload;
import static org.tickettriage.connectors.Deliveries.zendesk;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tickettriage.connectors.Attempt;
import org.tickettriage.connectors.Deliveries;
import org.tickettriage.connectors.HelpdeskTicket;
import org.tickettriage.connectors.Inbound;
import org.tickettriage.connectors.Results;
import org.tickettriage.connectors.VendorHttp;
import org.tickettriage.connectors.WriteBack;

/** The write-back against a real HTTP server standing in for Zendesk's API: the exact requests, and its answers read. */
class ZendeskWriteBackTest {

    private static final String TICKET = "/api/v2/tickets/35436.json";
    private static final String AUTHORIZATION = "Basic " + Base64.getEncoder().encodeToString(
            ("triage@example.com/token:" + Deliveries.ZENDESK_TOKEN).getBytes(StandardCharsets.UTF_8));
    private static final Instant NOW = Instant.parse("2025-03-04T09:15:05Z");
    private static WireMockServer api;

    private ZendeskConnector zendesk;
    private HelpdeskTicket ticket;

    @BeforeAll
    static void startApi() {
        api = new WireMockServer(wireMockConfig().dynamicPort());
        api.start();
    }

    @AfterAll
    static void stopApi() {
        api.stop();
    }

    @BeforeEach
    void connector() {
        api.resetAll();
        zendesk = new ZendeskConnector(new ZendeskConnector.Config(URI.create(api.baseUrl()), "triage@example.com",
                Optional.empty(), ZendeskConnector.DEFAULT_REPLAY_WINDOW), Deliveries.secrets(),
                new VendorHttp(Duration.ofSeconds(5), Duration.ofSeconds(5), Clock.systemUTC()));
        ticket = ((Inbound.Accepted) zendesk.receive(zendesk(ZENDESK_SECRET, NOW, payload("zendesk-ticket-created.json")), NOW)).ticket();
    }

    @Test
    void writesTagsGroupPriorityAndOneInternalNoteInOneSafeUpdate() {
        api.stubFor(put(TICKET).willReturn(aResponse().withStatus(200).withBody("{\"ticket\":{\"id\":35436}}")));
        WriteBack plan = zendesk.plan(ticket, Results.billing(Map.of("zendesk_group_id", "360001", "zendesk_priority", "high")));

        Attempt attempt = zendesk.apply(plan, false);

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.DONE);
        api.verify(1, putRequestedFor(urlEqualTo(TICKET))
                .withHeader("Authorization", equalTo(AUTHORIZATION))
                .withHeader("Content-Type", equalTo("application/json"))
                .withRequestBody(equalToJson("""
                        {"ticket": {
                          "additional_tags": ["triage_billing_inquiry"],
                          "group_id": 360001,
                          "priority": "high",
                          "comment": {"body": "${json-unit.any-string}", "public": false},
                          "safe_update": true,
                          "updated_stamp": "2025-03-04T09:15:01Z"}}"""))
                .withRequestBody(matchingJsonPath("$.ticket.comment.body",
                        com.github.tomakehurst.wiremock.client.WireMock.containing("[ticket-triage delivery=zendesk:01HNXK7Y2Z3QWERTY0123456789]"))));
        String note = plan.note();
        assertThat(note).contains("Billing Inquiry", "priority High", "Billing (billing-urgent)", "Route Billing Inquiry",
                "Top words: charged (1.80), refund (1.20)");
        assertThat(api.getAllServeEvents()).hasSize(1);
    }

    @Test
    void neverSendsTagsWhichWouldReplaceTheTicketsOwn() {
        api.stubFor(put(TICKET).willReturn(aResponse().withStatus(200)));

        zendesk.apply(zendesk.plan(ticket, Results.billing(Map.of())), false);

        api.verify(putRequestedFor(urlEqualTo(TICKET)).withRequestBody(
                com.github.tomakehurst.wiremock.client.WireMock.notContaining("\"tags\"")));
    }

    @Test
    void aTicketForReviewIsTaggedTriageReviewAndLeavesGroupAndPriorityWhenThePolicyNamesNone() {
        api.stubFor(put(TICKET).willReturn(aResponse().withStatus(200)));

        zendesk.apply(zendesk.plan(ticket, Results.review(Map.of())), false);

        api.verify(putRequestedFor(urlEqualTo(TICKET)).withRequestBody(equalToJson("""
                {"ticket": {"additional_tags": ["triage_technical_issue", "triage_review"],
                 "comment": {"body": "${json-unit.any-string}", "public": false},
                 "safe_update": true, "updated_stamp": "2025-03-04T09:15:01Z"}}""")));
    }

    @Test
    void anEscalatedTicketIsTaggedTriageEscalated() {
        WriteBack plan = zendesk.plan(ticket, Results.escalated(Map.of("zendesk_priority", "URGENT")));

        assertThat(plan.labels()).containsExactly("triage_bug_report", "triage_escalated");
        assertThat(plan.priority()).isEqualTo("urgent");
    }

    @Test
    void aPolicyValueZendeskCannotTakeNeverReachesTheRequest() {
        WriteBack plan = zendesk.plan(ticket, Results.billing(Map.of("zendesk_group_id", "support team", "zendesk_priority", "asap")));

        assertThat(plan.group()).isNull();
        assertThat(plan.priority()).isNull();
        assertThat(ZendeskConnector.checkOutputs(Map.of("routing.csv line 3", Map.of("zendesk_group_id", "support team"),
                "priorities.csv High", Map.of("zendesk_priority", "asap")))).hasSize(2);
    }

    @Test
    void afterAConflictRetriesWithTheTicketsNewStampAndLeavesWhatAnAgentSet() {
        api.stubFor(put(TICKET).willReturn(aResponse().withStatus(409).withBody("{\"error\":\"UpdateConflict\"}")));
        api.stubFor(get(TICKET).willReturn(aResponse().withStatus(200).withBody(
                "{\"ticket\":{\"id\":35436,\"updated_at\":\"2025-03-04T09:16:30Z\",\"group_id\":777,\"priority\":null}}")));
        WriteBack plan = zendesk.plan(ticket, Results.billing(Map.of("zendesk_group_id", "360001", "zendesk_priority", "high")));

        Attempt attempt = zendesk.apply(plan, false);

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.RETRY);
        assertThat(attempt.revised().reference()).containsEntry("updated_stamp", "2025-03-04T09:16:30Z");
        assertThat(attempt.revised().group()).isNull();
        assertThat(attempt.revised().priority()).isNull();
        assertThat(attempt.revised().labels()).isEqualTo(plan.labels());
        api.verify(getRequestedFor(urlEqualTo(TICKET)).withHeader("Authorization", equalTo(AUTHORIZATION)));
    }

    @Test
    void afterAConflictKeepsGroupAndPriorityWhenNobodyChangedThem() {
        api.stubFor(put(TICKET).willReturn(aResponse().withStatus(409)));
        api.stubFor(get(TICKET).willReturn(aResponse().withStatus(200).withBody(
                "{\"ticket\":{\"id\":35436,\"updated_at\":\"2025-03-04T09:16:30Z\",\"group_id\":null,\"priority\":null}}")));

        Attempt attempt = zendesk.apply(zendesk.plan(ticket, Results.billing(Map.of("zendesk_group_id", "360001"))), false);

        assertThat(attempt.revised().group()).isEqualTo("360001");
    }

    @Test
    void aRetryFindsTheNoteAnEarlierAttemptWroteAndWritesNothing() {
        WriteBack plan = zendesk.plan(ticket, Results.billing(Map.of()));
        api.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436/comments.json")).willReturn(aResponse().withStatus(200)
                .withBody("{\"comments\":[{\"id\":1,\"public\":false,\"body\":" + com.fasterxml.jackson.databind.node.TextNode.valueOf(plan.note()) + "}]}")));

        Attempt attempt = zendesk.apply(plan, true);

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.DONE);
        api.verify(0, putRequestedFor(urlEqualTo(TICKET)));
    }

    @Test
    void aRetryWritesWhenNoEarlierNoteIsThere() {
        api.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436/comments.json")).willReturn(aResponse().withStatus(200)
                .withBody("{\"comments\":[{\"id\":1,\"public\":true,\"body\":\"Hello\"}]}")));
        api.stubFor(put(TICKET).willReturn(aResponse().withStatus(200)));

        assertThat(zendesk.apply(zendesk.plan(ticket, Results.billing(Map.of())), true).outcome()).isEqualTo(Attempt.Outcome.DONE);
        api.verify(1, putRequestedFor(urlEqualTo(TICKET)));
    }

    @Test
    void readsZendesksAnswers() {
        WriteBack plan = zendesk.plan(ticket, Results.billing(Map.of()));
        record Case(int status, String retryAfter, Attempt.Outcome outcome, Duration pause) {
        }
        for (Case c : List.of(new Case(503, null, Attempt.Outcome.RETRY, null),
                new Case(500, null, Attempt.Outcome.RETRY, null),
                new Case(429, "7", Attempt.Outcome.RETRY, Duration.ofSeconds(7)),
                new Case(401, null, Attempt.Outcome.UNAUTHORIZED, null),
                new Case(403, null, Attempt.Outcome.FAILED, null),
                new Case(404, null, Attempt.Outcome.FAILED, null),
                new Case(422, null, Attempt.Outcome.FAILED, null))) {
            api.resetAll();
            var response = aResponse().withStatus(c.status()).withBody("{\"error\":\"RecordInvalid\",\"details\":\"private\"}");
            if (c.retryAfter() != null) {
                response = response.withHeader("Retry-After", c.retryAfter());
            }
            api.stubFor(put(TICKET).willReturn(response));

            Attempt attempt = zendesk.apply(plan, false);

            assertThat(attempt.outcome()).as("HTTP %d", c.status()).isEqualTo(c.outcome());
            assertThat(attempt.retryAfter()).as("HTTP %d", c.status()).isEqualTo(c.pause());
            assertThat(attempt.reason()).isEqualTo("HTTP " + c.status() + " on PUT /api/v2/tickets/{id}.json"
                    + (c.status() == 429 ? " (rate limited)" : "")).doesNotContain("private");
        }
    }

    @Test
    void aZendeskThatNeverAnswersIsRetried() {
        api.stubFor(put(TICKET).willReturn(aResponse().withStatus(200).withFixedDelay(2_000)));
        ZendeskConnector impatient = new ZendeskConnector(new ZendeskConnector.Config(URI.create(api.baseUrl()),
                "triage@example.com", Optional.empty(), ZendeskConnector.DEFAULT_REPLAY_WINDOW), Deliveries.secrets(),
                new VendorHttp(Duration.ofMillis(500), Duration.ofMillis(400), Clock.systemUTC()));

        Attempt attempt = impatient.apply(impatient.plan(ticket, Results.billing(Map.of())), false);

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.RETRY);
        assertThat(attempt.reason()).isEqualTo("no answer within 400 ms to PUT /api/v2/tickets/{id}.json");
    }

    @Test
    void aZendeskThatIsDownIsRetried() {
        ZendeskConnector nowhere = new ZendeskConnector(new ZendeskConnector.Config(URI.create("http://127.0.0.1:1"),
                "triage@example.com", Optional.empty(), ZendeskConnector.DEFAULT_REPLAY_WINDOW), Deliveries.secrets(),
                new VendorHttp(Duration.ofMillis(300), Duration.ofMillis(300), Clock.systemUTC()));

        Attempt attempt = nowhere.apply(zendesk.plan(ticket, Results.billing(Map.of())), false);

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.RETRY);
        assertThat(attempt.reason()).startsWith("network error (");
    }

    @Test
    void aQueuedPlanWhoseTicketIdIsNotDigitsIsNeverSent() {
        WriteBack forged = zendesk.plan(ticket, Results.billing(Map.of())).withReference("id", "1/../../users");

        assertThat(zendesk.apply(forged, false).outcome()).isEqualTo(Attempt.Outcome.FAILED);
        assertThat(api.getAllServeEvents()).isEmpty();
    }
}
