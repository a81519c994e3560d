package org.tickettriage.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.getRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static com.github.tomakehurst.wiremock.stubbing.Scenario.STARTED;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.connectors.github.GitHubConnector;
import org.tickettriage.connectors.zendesk.ZendeskConnector;
import org.tickettriage.triage.PolicyFolders;
import org.tickettriage.triage.TriageService;
import org.tickettriage.triage.TriageServices;

/** A backfill against WireMock standing in for both helpdesks: what is listed, what is written, what a dry run leaves. */
class BackfillTest {

    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(10), Duration.ofMillis(50), Duration.ofSeconds(2));
    private static final String EXPORT = "/api/v2/search/export.json";
    private static WireMockServer api;
    private static TriageService triage;

    private final List<Duration> slept = new ArrayList<>();
    private final List<Backfill.Row> rows = new ArrayList<>();
    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
    private VendorHttp http;

    @BeforeAll
    static void startApiAndService(@TempDir java.nio.file.Path policy) {
        api = new WireMockServer(wireMockConfig().dynamicPort());
        api.start();
        PolicyFolders.write(policy, Map.of("routing.csv", PolicyFolders.ROUTING_HEADER.strip() + ",set:zendesk_group_id\n"
                + "Billing Inquiry,*,Billing,billing,P1D,360001\n*,*,General Support,general-support,P1D,360002\n"));
        triage = TriageServices.create(Optional.empty(), OptionalDouble.empty(), TriageServices.routingPolicy(policy.toString()));
    }

    @AfterAll
    static void stopApi() {
        api.stop();
    }

    @BeforeEach
    void reset() {
        api.resetAll();
        http = new VendorHttp(Duration.ofSeconds(5), Duration.ofSeconds(5), Clock.systemUTC());
    }

    private ZendeskConnector zendesk() {
        return new ZendeskConnector(new ZendeskConnector.Config(URI.create(api.baseUrl()), "triage@example.com",
                Optional.empty(), ZendeskConnector.DEFAULT_REPLAY_WINDOW), Deliveries.secrets(), http);
    }

    private GitHubConnector github(List<String> allowed) {
        return new GitHubConnector(new GitHubConnector.Config(URI.create(api.baseUrl()), allowed, Optional.empty(),
                GitHubConnector.DEFAULT_LABEL_PREFIX, false), Deliveries.secrets(), http);
    }

    private Backfill backfill(Connector connector) {
        return new Backfill(connector, triage, new WriteBackWriter(List.of(connector), FAST, deadLetters, Clock.systemUTC()),
                FAST, slept::add);
    }

    private static String zendeskTicket(long id, String subject, String... tags) {
        StringBuilder list = new StringBuilder();
        for (String tag : tags) {
            list.append(list.length() == 0 ? "" : ",").append('"').append(tag).append('"');
        }
        return "{\"id\":" + id + ",\"subject\":\"" + subject + "\",\"description\":\"" + subject
                + "\",\"status\":\"open\",\"priority\":null,\"group_id\":null,\"tags\":[" + list
                + "],\"updated_at\":\"2026-11-02T10:00:0" + (id % 10) + "Z\",\"via\":{\"channel\":\"email\"}}";
    }

    private void twoZendeskPages() {
        api.stubFor(get(urlPathEqualTo(EXPORT)).withQueryParam("query", equalTo("type:ticket status<solved created>2026-11-01"))
                .withQueryParam("filter[type]", equalTo("ticket")).withQueryParam("page[size]", equalTo("100"))
                .willReturn(aResponse().withStatus(200).withBody("{\"results\":["
                        + zendeskTicket(101, "I was charged twice for my invoice, please refund") + ","
                        + zendeskTicket(102, "Charged twice", "triage_billing_inquiry") + "],"
                        + "\"meta\":{\"has_more\":true,\"after_cursor\":\"xyz\"},"
                        + "\"links\":{\"next\":\"" + api.baseUrl() + EXPORT + "?page%5Bafter%5D=xyz\"}}")));
        api.stubFor(get(urlPathEqualTo(EXPORT)).withQueryParam("page[after]", equalTo("xyz"))
                .willReturn(aResponse().withStatus(200).withBody("{\"results\":["
                        + zendeskTicket(103, "Refund for the double charge on my card") + "],"
                        + "\"meta\":{\"has_more\":false},\"links\":{\"next\":null}}")));
    }

    @Test
    void aZendeskDryRunListsEveryPageAndWritesNothing() throws InterruptedException {
        twoZendeskPages();

        Backfill.Summary summary = backfill(zendesk()).run(List.of("created>2026-11-01"), 0, true, rows::add);

        assertThat(summary).isEqualTo(new Backfill.Summary(3, 1, 2, 0, 0, 0, false));
        assertThat(rows).extracting(row -> row.ticket().ticketId()).containsExactly("101", "103");
        assertThat(rows).allSatisfy(row -> {
            assertThat(row.action()).isEqualTo(Backfill.Action.PLANNED);
            assertThat(row.writeBack().labels()).contains("triage_" + Slug.of(row.result().category(), '_'));
        });
        api.verify(2, getRequestedFor(anyUrl()).withHeader("Authorization", equalTo(
                "Basic " + java.util.Base64.getEncoder().encodeToString(("triage@example.com/token:" + Deliveries.ZENDESK_TOKEN).getBytes()))));
        api.verify(0, putRequestedFor(anyUrl()));
    }

    @Test
    void aZendeskBackfillWritesEachOpenTicketOnceThroughTheWriteBackPath() throws InterruptedException {
        twoZendeskPages();
        api.stubFor(put(urlPathEqualTo("/api/v2/tickets/101.json")).willReturn(aResponse().withStatus(200).withBody("{}")));
        api.stubFor(put(urlPathEqualTo("/api/v2/tickets/103.json")).inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("up"));
        api.stubFor(put(urlPathEqualTo("/api/v2/tickets/103.json")).inScenario("outage").whenScenarioStateIs("up")
                .willReturn(aResponse().withStatus(200).withBody("{}")));
        api.stubFor(get(urlPathEqualTo("/api/v2/tickets/103/comments.json"))
                .willReturn(aResponse().withStatus(200).withBody("{\"comments\":[]}")));

        Backfill.Summary summary = backfill(zendesk()).run(List.of("created>2026-11-01"), 0, false, rows::add);

        assertThat(summary).isEqualTo(new Backfill.Summary(3, 1, 0, 2, 0, 0, false));
        api.verify(1, putRequestedFor(urlEqualTo("/api/v2/tickets/101.json"))
                .withRequestBody(matchingJsonPath("$.ticket.safe_update", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.ticket.updated_stamp", equalTo("2026-11-02T10:00:01Z"))));
        api.verify(2, putRequestedFor(urlEqualTo("/api/v2/tickets/103.json")));
        api.verify(0, putRequestedFor(urlEqualTo("/api/v2/tickets/102.json")));
        assertThat(slept).hasSize(1);
        assertThat(rows).extracting(Backfill.Row::action).containsOnly(Backfill.Action.WRITTEN);
    }

    @Test
    void aLimitStopsAfterThatManyTriagedTickets() throws InterruptedException {
        twoZendeskPages();

        Backfill.Summary summary = backfill(zendesk()).run(List.of("created>2026-11-01"), 1, true, rows::add);

        assertThat(summary.planned()).isEqualTo(1);
        assertThat(summary.stoppedEarly()).isTrue();
        api.verify(1, getRequestedFor(anyUrl()));
    }

    @Test
    void aRateLimitedListingWaitsTheTimeGivenAndAFailureStopsTheRun() throws InterruptedException {
        api.stubFor(get(urlPathEqualTo(EXPORT)).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("ok"));
        api.stubFor(get(urlPathEqualTo(EXPORT)).inScenario("limit").whenScenarioStateIs("ok")
                .willReturn(aResponse().withStatus(200).withBody("{\"results\":[],\"meta\":{\"has_more\":false}}")));

        assertThat(backfill(zendesk()).run(List.of(""), 0, true, rows::add).listed()).isZero();
        assertThat(slept).containsExactly(Duration.ofSeconds(1));

        api.resetAll();
        api.stubFor(get(urlPathEqualTo(EXPORT)).willReturn(aResponse().withStatus(403)));
        assertThatThrownBy(() -> backfill(zendesk()).run(List.of(""), 0, true, rows::add))
                .isInstanceOf(Backfill.ListingFailedException.class).hasMessage("HTTP 403 on GET /api/v2/search/export.json");
    }

    @Test
    void aNextPageOnAnotherHostIsNeverAskedForWithOurCredentials() {
        api.stubFor(get(urlPathEqualTo(EXPORT)).willReturn(aResponse().withStatus(200).withBody(
                "{\"results\":[],\"meta\":{\"has_more\":true},\"links\":{\"next\":\"https://attacker.example/api/v2/x\"}}")));

        assertThatThrownBy(() -> backfill(zendesk()).run(List.of(""), 0, true, rows::add))
                .isInstanceOf(Backfill.ListingFailedException.class).hasMessageContaining("is not on " + api.baseUrl());
    }

    @Test
    void aGitHubBackfillLabelsOpenIssuesAndSkipsPullRequestsAndTriagedIssues() throws InterruptedException {
        String issues = "/repos/octo-org/octo-app/issues";
        api.stubFor(get(urlPathEqualTo(issues)).withQueryParam("state", equalTo("open")).withQueryParam("page", equalTo("2"))
                .willReturn(aResponse().withStatus(200).withBody("[{\"number\":7,\"title\":\"The app crashes when I save\","
                        + "\"body\":\"Stack trace attached\",\"labels\":[],\"user\":{\"login\":\"octocat\"},"
                        + "\"updated_at\":\"2026-11-03T08:00:00Z\"}]")));
        api.stubFor(get(urlPathEqualTo(issues)).withQueryParam("state", equalTo("open")).withQueryParam("page", equalTo("1").or(com.github.tomakehurst.wiremock.client.WireMock.absent()))
                .atPriority(10)
                .willReturn(aResponse().withStatus(200)
                        .withHeader("Link", "<" + api.baseUrl() + issues + "?state=open&page=2>; rel=\"next\", <"
                                + api.baseUrl() + issues + "?state=open&page=2>; rel=\"last\"")
                        .withBody("[{\"number\":5,\"title\":\"Crash on start\",\"body\":\"It crashes\",\"labels\":[],"
                                + "\"updated_at\":\"2026-11-03T08:00:00Z\"},"
                                + "{\"number\":6,\"title\":\"Fix the crash\",\"pull_request\":{\"url\":\"x\"},\"labels\":[]},"
                                + "{\"number\":4,\"title\":\"Old\",\"labels\":[{\"name\":\"triage:bug-report\"}]}]")));
        api.stubFor(post(urlPathEqualTo(issues + "/5/labels")).willReturn(aResponse().withStatus(200).withBody("[]")));
        api.stubFor(post(urlPathEqualTo(issues + "/7/labels")).willReturn(aResponse().withStatus(200).withBody("[]")));

        Backfill.Summary summary = backfill(github(List.of("octo-org/*"))).run(List.of("octo-org/octo-app"), 0, false, rows::add);

        assertThat(summary).isEqualTo(new Backfill.Summary(3, 1, 0, 2, 0, 0, false));
        assertThat(rows).extracting(row -> row.ticket().ticketId()).containsExactly("octo-org/octo-app#5", "octo-org/octo-app#7");
        api.verify(1, postRequestedFor(urlEqualTo(issues + "/5/labels"))
                .withHeader("Authorization", equalTo("Bearer " + Deliveries.GITHUB_TOKEN)));
        api.verify(1, postRequestedFor(urlEqualTo(issues + "/7/labels")));
        api.verify(0, postRequestedFor(urlEqualTo(issues + "/6/labels")));
    }

    @Test
    void aRepositoryOutsideTheAllowListIsRefusedBeforeAnyRequest() {
        assertThatThrownBy(() -> backfill(github(List.of("octo-org/octo-app"))).run(List.of("other/repo"), 0, true, rows::add))
                .isInstanceOf(Backfill.ListingFailedException.class).hasMessageContaining("TRIAGE_GITHUB_REPOSITORIES");
        assertThatThrownBy(() -> backfill(github(List.of())).run(List.of("../etc"), 0, true, rows::add))
                .isInstanceOf(Backfill.ListingFailedException.class).hasMessageContaining("is not owner/repository");
        api.verify(0, getRequestedFor(anyUrl()));
    }
}
