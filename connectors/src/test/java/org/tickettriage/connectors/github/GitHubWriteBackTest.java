package org.tickettriage.connectors.github;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.containing;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;
import static org.tickettriage.connectors.Deliveries.GITHUB_SECRET;
import static org.tickettriage.connectors.Deliveries.github;
import static org.tickettriage.connectors.Deliveries.payload;

import com.fasterxml.jackson.databind.node.TextNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
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

/** The write-back against a real HTTP server standing in for GitHub's REST API. */
class GitHubWriteBackTest {

    private static final String LABELS = "/repos/octo-org/octo-app/issues/42/labels";
    private static final String COMMENTS = "/repos/octo-org/octo-app/issues/42/comments";
    private static final Instant NOW = Instant.parse("2025-03-04T09:20:12Z");
    private static WireMockServer api;

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
    void reset() {
        api.resetAll();
        ticket = ((Inbound.Accepted) connector(false).receive(github(GITHUB_SECRET, "issues",
                "72d3162e-cc78-11e3-81ab-4c9367dc0958", payload("github-issues-opened.json")), NOW)).ticket();
    }

    private static GitHubConnector connector(boolean comment) {
        return new GitHubConnector(new GitHubConnector.Config(URI.create(api.baseUrl()), List.of(), Optional.empty(),
                "triage:", comment), Deliveries.secrets(),
                new VendorHttp(Duration.ofSeconds(5), Duration.ofSeconds(5), Clock.fixed(NOW, ZoneOffset.UTC)));
    }

    @Test
    void addsTheCategoryLabelWithTheTokenAndApiVersion() {
        api.stubFor(post(LABELS).willReturn(aResponse().withStatus(200).withBody("[]")));
        GitHubConnector github = connector(false);

        Attempt attempt = github.apply(github.plan(ticket, Results.escalated(Map.of())), false);

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.DONE);
        api.verify(1, postRequestedFor(urlEqualTo(LABELS))
                .withHeader("Authorization", equalTo("Bearer " + Deliveries.GITHUB_TOKEN))
                .withHeader("Accept", equalTo("application/vnd.github+json"))
                .withHeader("X-GitHub-Api-Version", equalTo("2022-11-28"))
                .withHeader("User-Agent", equalTo("ticket-triage"))
                .withRequestBody(equalToJson("{\"labels\": [\"triage:bug-report\", \"triage:escalated\"]}")));
        assertThat(api.getAllServeEvents()).hasSize(1);
    }

    @Test
    void aTicketForReviewGetsTheReviewLabelAndThePolicysLabelsWinOverTheCategorys() {
        GitHubConnector github = connector(false);

        WriteBack review = github.plan(ticket, Results.review(Map.of("github_priority_label", "P2")));
        WriteBack configured = github.plan(ticket, Results.billing(Map.of("github_labels", "billing | customer")));

        assertThat(review.labels()).containsExactly("triage:technical-issue", "triage:review", "P2");
        assertThat(configured.labels()).containsExactly("billing", "customer");
    }

    @Test
    void postsOneCommentWithOurMarkerWhenConfigured() {
        api.stubFor(post(LABELS).willReturn(aResponse().withStatus(200).withBody("[]")));
        api.stubFor(post(COMMENTS).willReturn(aResponse().withStatus(201).withBody("{\"id\":1}")));
        GitHubConnector github = connector(true);

        Attempt attempt = github.apply(github.plan(ticket, Results.escalated(Map.of())), false);

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.DONE);
        api.verify(1, postRequestedFor(urlEqualTo(COMMENTS))
                .withHeader("Authorization", equalTo("Bearer " + Deliveries.GITHUB_TOKEN))
                .withRequestBody(matchingJsonPath("$.body", containing("<!-- ticket-triage delivery=github:72d3162e-cc78-11e3-81ab-4c9367dc0958 -->")))
                .withRequestBody(matchingJsonPath("$.body", containing("Escalate data loss"))));
    }

    @Test
    void aRetryDoesNotPostTheCommentAgainWhenAnEarlierAttemptDid() {
        GitHubConnector github = connector(true);
        WriteBack plan = github.plan(ticket, Results.escalated(Map.of()));
        api.stubFor(post(LABELS).willReturn(aResponse().withStatus(200).withBody("[]")));
        api.stubFor(get(urlPathEqualTo(COMMENTS)).willReturn(aResponse().withStatus(200)
                .withBody("[{\"id\":1,\"body\":\"Thanks!\"},{\"id\":2,\"body\":" + TextNode.valueOf(plan.note()) + "}]")));

        Attempt attempt = github.apply(plan, true);

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.DONE);
        api.verify(0, postRequestedFor(urlEqualTo(COMMENTS)));
    }

    @Test
    void waitsForGitHubsRateLimitReset() {
        long reset = NOW.getEpochSecond() + 120;
        api.stubFor(post(LABELS).willReturn(aResponse().withStatus(403)
                .withHeader("x-ratelimit-remaining", "0").withHeader("x-ratelimit-reset", Long.toString(reset))
                .withBody("{\"message\":\"API rate limit exceeded\"}")));

        Attempt attempt = connector(false).apply(connector(false).plan(ticket, Results.billing(Map.of())), false);

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.RETRY);
        assertThat(attempt.retryAfter()).isEqualTo(Duration.ofSeconds(121));
    }

    @Test
    void waitsForASecondaryRateLimitsRetryAfter() {
        api.stubFor(post(LABELS).willReturn(aResponse().withStatus(403).withHeader("Retry-After", "60")));

        Attempt attempt = connector(false).apply(connector(false).plan(ticket, Results.billing(Map.of())), false);

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.RETRY);
        assertThat(attempt.retryAfter()).isEqualTo(Duration.ofSeconds(60));
    }

    @Test
    void aForbiddenThatIsNoRateLimitIsNotRetried() {
        api.stubFor(post(LABELS).willReturn(aResponse().withStatus(403).withHeader("x-ratelimit-remaining", "4999")
                .withBody("{\"message\":\"Resource not accessible by personal access token\"}")));

        Attempt attempt = connector(false).apply(connector(false).plan(ticket, Results.billing(Map.of())), false);

        assertThat(attempt.outcome()).isEqualTo(Attempt.Outcome.FAILED);
        assertThat(attempt.reason()).isEqualTo("HTTP 403 on POST /repos/{owner}/{repo}/issues/{number}/labels");
    }

    @Test
    void aQueuedPlanWithAForgedRepositoryIsNeverSent() {
        WriteBack forged = connector(false).plan(ticket, Results.billing(Map.of())).withReference("repo", "../../user");

        assertThat(connector(false).apply(forged, false).outcome()).isEqualTo(Attempt.Outcome.FAILED);
        assertThat(api.getAllServeEvents()).isEmpty();
    }
}
