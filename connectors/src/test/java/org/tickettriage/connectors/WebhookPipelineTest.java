package org.tickettriage.connectors;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
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
import static org.tickettriage.connectors.Deliveries.GITHUB_SECRET;
import static org.tickettriage.connectors.Deliveries.ZENDESK_SECRET;
import static org.tickettriage.connectors.Deliveries.github;
import static org.tickettriage.connectors.Deliveries.payload;
import static org.tickettriage.connectors.Deliveries.with;
import static org.tickettriage.connectors.Deliveries.zendesk;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.logging.log4j.Level;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.tickettriage.connectors.github.GitHubConnector;
import org.tickettriage.connectors.zendesk.ZendeskConnector;
import org.tickettriage.triage.LoggedLines;
import org.tickettriage.triage.PolicyFolders;
import org.tickettriage.triage.Secret;
import org.tickettriage.triage.TriageService;
import org.tickettriage.triage.TriageServices;

/**
 * A signed webhook in, the bundled model and a routing policy, the in-process queue and writer, and WireMock standing in
 * for both helpdesks' APIs: what reaches the helpdesk, how often, and what is logged.
 */
class WebhookPipelineTest {

    private static final String TICKET = "/api/v2/tickets/35436.json";
    private static final String LABELS = "/repos/octo-org/octo-app/issues/42/labels";
    private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";
    private static final RetryPolicy FAST = new RetryPolicy(3, Duration.ofMillis(40), Duration.ofMillis(200), Duration.ofSeconds(2));
    private static WireMockServer api;
    private static TriageService triage;
    private static TriageService reviewEverything;

    private final InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
    private final AtomicInteger secretReads = new AtomicInteger();
    private volatile String zendeskToken = Deliveries.ZENDESK_TOKEN;
    private InProcessWriteBackQueue queue;
    // Long enough for a loaded CI machine; the test of a helpdesk that never answers shortens it.
    private Duration requestTimeout = Duration.ofSeconds(5);
    private WebhookReceiver receiver;

    @BeforeAll
    static void startApiAndService(@TempDir Path policy) {
        api = new WireMockServer(wireMockConfig().dynamicPort());
        api.start();
        PolicyFolders.write(policy, Map.of("routing.csv", PolicyFolders.ROUTING_HEADER.strip() + ",set:zendesk_group_id\n"
                + "Billing Inquiry,*,Billing,billing,P1D,360001\n*,*,General Support,general-support,P1D,360002\n"));
        triage = TriageServices.create(Optional.empty(), OptionalDouble.empty(), TriageServices.routingPolicy(policy.toString()));
        // A threshold no model reaches: whatever the keyword fallbacks do not decide waits for a person.
        reviewEverything = TriageServices.create(Optional.empty(), OptionalDouble.of(1.0), TriageServices.routingPolicy(policy.toString()));
    }

    @AfterAll
    static void stopApi() {
        api.stop();
    }

    @BeforeEach
    void pipeline() {
        api.resetAll();
        start(triage, List.of());
    }

    private void start(TriageService service, List<String> repositories) {
        if (queue != null) {
            queue.close();
        }
        SecretsSource secrets = connector -> {
            secretReads.incrementAndGet();
            return Map.of("TRIAGE_ZENDESK_API_TOKEN", Secret.of(zendeskToken),
                    "TRIAGE_ZENDESK_WEBHOOK_SECRET", Secret.of(ZENDESK_SECRET),
                    "TRIAGE_GITHUB_TOKEN", Secret.of(Deliveries.GITHUB_TOKEN),
                    "TRIAGE_GITHUB_WEBHOOK_SECRET", Secret.of(GITHUB_SECRET));
        };
        VendorHttp http = new VendorHttp(requestTimeout, requestTimeout, Clock.systemUTC());
        List<Connector> connectors = List.of(
                new ZendeskConnector(new ZendeskConnector.Config(URI.create(api.baseUrl()), "triage@example.com",
                        Optional.empty(), ZendeskConnector.DEFAULT_REPLAY_WINDOW), secrets, http),
                new GitHubConnector(new GitHubConnector.Config(URI.create(api.baseUrl()), repositories, Optional.empty(),
                        "triage:", false), secrets, http));
        queue = new InProcessWriteBackQueue(new WriteBackWriter(connectors, FAST, deadLetters, Clock.systemUTC()), 100);
        receiver = new WebhookReceiver(connectors, service, new InMemoryDeliveryStore(Clock.systemUTC(), 1_000),
                WebhookReceiver.DEFAULT_DELIVERY_TTL, queue, Clock.systemUTC());
    }

    @AfterEach
    void stop() {
        queue.close();
    }

    private WebhookResponse zendeskDelivery(byte[] body) {
        return receiver.handle("zendesk", zendesk(ZENDESK_SECRET, Instant.now(), body));
    }

    private void idle() throws InterruptedException {
        assertThat(queue.awaitIdle(Duration.ofSeconds(10))).as("the queue drained").isTrue();
    }

    @Test
    void aSignedZendeskTicketEndsInExactlyOneCorrectWriteBack() throws InterruptedException {
        api.stubFor(put(TICKET).willReturn(aResponse().withStatus(200)));

        WebhookResponse response = zendeskDelivery(payload("zendesk-ticket-created.json"));
        idle();

        assertThat(response.status()).isEqualTo(202);
        assertThat(Deliveries.tree(response.body()).path("status").asText()).isEqualTo("queued");
        api.verify(1, putRequestedFor(urlEqualTo(TICKET))
                .withHeader("Authorization", equalTo(basic(Deliveries.ZENDESK_TOKEN)))
                .withRequestBody(matchingJsonPath("$.ticket.additional_tags[0]", equalTo("triage_billing_inquiry")))
                .withRequestBody(matchingJsonPath("$.ticket.group_id", equalTo("360001")))
                .withRequestBody(matchingJsonPath("$.ticket.comment.public", equalTo("false")))
                .withRequestBody(matchingJsonPath("$.ticket.safe_update", equalTo("true")))
                .withRequestBody(matchingJsonPath("$.ticket.updated_stamp", equalTo("2025-03-04T09:15:01Z"))));
        assertThat(api.getAllServeEvents()).hasSize(1);
        assertThat(queue.written()).isEqualTo(1);
    }

    @Test
    void aReplayedDeliveryIsWrittenBackOnce() throws InterruptedException {
        api.stubFor(put(TICKET).willReturn(aResponse().withStatus(200)));
        byte[] body = payload("zendesk-ticket-created.json");

        WebhookResponse first = zendeskDelivery(body);
        WebhookResponse again = zendeskDelivery(body);
        idle();

        assertThat(first.status()).isEqualTo(202);
        assertThat(again.status()).isEqualTo(200);
        assertThat(Deliveries.tree(again.body()).path("status").asText()).isEqualTo("duplicate");
        api.verify(1, putRequestedFor(urlEqualTo(TICKET)));
    }

    @Test
    void unsignedBadlySignedAndStaleDeliveriesDoNothing() throws InterruptedException {
        byte[] body = payload("zendesk-ticket-created.json");
        WebhookRequest unsigned = new WebhookRequest(Map.of("Content-Type", "application/json"), body);
        WebhookRequest badlySigned = zendesk("not the secret", Instant.now(), body);
        WebhookRequest stale = zendesk(ZENDESK_SECRET, Instant.now().minus(Duration.ofMinutes(10)), body);

        for (WebhookRequest request : List.of(unsigned, badlySigned, stale)) {
            WebhookResponse response = receiver.handle("zendesk", request);

            assertThat(response.status()).isEqualTo(401);
            assertThat(Deliveries.tree(response.body()).has("error")).isTrue();
        }
        idle();
        assertThat(api.getAllServeEvents()).isEmpty();
        // The refused deliveries were not remembered: the genuine one still goes through.
        api.stubFor(put(TICKET).willReturn(aResponse().withStatus(200)));
        assertThat(zendeskDelivery(body).status()).isEqualTo(202);
    }

    @Test
    void aZendeskOutageIsRetriedUntilItAnswers() throws InterruptedException {
        api.stubFor(put(TICKET).inScenario("outage").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(503)).willSetStateTo("back"));
        api.stubFor(put(TICKET).inScenario("outage").whenScenarioStateIs("back").willReturn(aResponse().withStatus(200)));
        api.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436/comments.json"))
                .willReturn(aResponse().withStatus(200).withBody("{\"comments\":[]}")));

        zendeskDelivery(payload("zendesk-ticket-created.json"));
        idle();

        api.verify(2, putRequestedFor(urlEqualTo(TICKET)));
        assertThat(queue.written()).isEqualTo(1);
        assertThat(deadLetters.count()).isZero();
    }

    @Test
    void aRateLimitIsWaitedOutAsRetryAfterSays() throws InterruptedException {
        api.stubFor(put(TICKET).inScenario("limit").whenScenarioStateIs(STARTED)
                .willReturn(aResponse().withStatus(429).withHeader("Retry-After", "1")).willSetStateTo("free"));
        api.stubFor(put(TICKET).inScenario("limit").whenScenarioStateIs("free").willReturn(aResponse().withStatus(200)));
        api.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436/comments.json"))
                .willReturn(aResponse().withStatus(200).withBody("{\"comments\":[]}")));

        zendeskDelivery(payload("zendesk-ticket-created.json"));
        idle();

        List<Instant> puts = api.getAllServeEvents().stream()
                .filter(e -> e.getRequest().getMethod().getName().equals("PUT"))
                .map(e -> e.getRequest().getLoggedDate().toInstant()).sorted().toList();
        assertThat(puts).hasSize(2);
        assertThat(Duration.between(puts.get(0), puts.get(1))).isGreaterThanOrEqualTo(Duration.ofMillis(950));
        assertThat(queue.written()).isEqualTo(1);
    }

    @Test
    void aZendeskThatNeverAnswersEndsInTheDeadLetterSinkWithoutCustomerDataInTheLog() throws InterruptedException {
        requestTimeout = Duration.ofMillis(300);
        start(triage, List.of());
        api.stubFor(put(TICKET).willReturn(aResponse().withStatus(200).withFixedDelay(1_500)));
        api.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436/comments.json"))
                .willReturn(aResponse().withStatus(200).withBody("{\"comments\":[]}")));

        try (LoggedLines log = LoggedLines.at(Level.DEBUG)) {
            zendeskDelivery(payload("zendesk-ticket-created.json"));
            idle();

            assertThat(deadLetters.letters()).singleElement().satisfies(letter -> {
                assertThat(letter.attempts()).isEqualTo(3);
                assertThat(letter.reason()).isEqualTo("gave up after 3 attempts: no answer within 300 ms to PUT /api/v2/tickets/{id}.json");
                assertThat(letter.writeBack().ticketId()).isEqualTo("35436");
            });
            assertThat(log.lines()).anySatisfy(line -> assertThat(line).startsWith("WARN write-back dead letter: zendesk ticket 35436"));
            assertThat(String.join("\n", log.lines())).doesNotContain("Charged", "charged", "refund", "20978392",
                    Deliveries.ZENDESK_TOKEN, ZENDESK_SECRET);
        }
        assertThat(queue.deadLettered()).isEqualTo(1);
    }

    @Test
    void aRotatedTokenIsReadAgainAfterA401() throws InterruptedException {
        api.stubFor(put(TICKET).withHeader("Authorization", equalTo(basic("rotated-token"))).willReturn(aResponse().withStatus(200)));
        api.stubFor(put(TICKET).withHeader("Authorization", equalTo(basic(Deliveries.ZENDESK_TOKEN))).willReturn(aResponse().withStatus(401)));
        api.stubFor(get(urlPathEqualTo("/api/v2/tickets/35436/comments.json"))
                .willReturn(aResponse().withStatus(200).withBody("{\"comments\":[]}")));
        int readsBefore = secretReads.get();
        zendeskToken = "rotated-token";

        zendeskDelivery(payload("zendesk-ticket-created.json"));
        idle();

        assertThat(secretReads.get() - readsBefore).isEqualTo(1);
        assertThat(queue.written()).isEqualTo(1);
        api.verify(1, putRequestedFor(urlEqualTo(TICKET)).withHeader("Authorization", equalTo(basic("rotated-token"))));
    }

    @Test
    void aTicketNobodyCouldDecideIsTaggedForReview() throws InterruptedException {
        start(reviewEverything, List.of());
        api.stubFor(put(TICKET).willReturn(aResponse().withStatus(200)));
        byte[] vague = with(payload("zendesk-ticket-created.json"), "detail.subject", "Question",
                "detail.description", "Hello, could somebody call me back tomorrow morning?");

        assertThat(zendeskDelivery(vague).status()).isEqualTo(202);
        idle();

        api.verify(1, putRequestedFor(urlEqualTo(TICKET))
                .withRequestBody(matchingJsonPath("$.ticket.additional_tags[?(@ == 'triage_review')]")));
    }

    @Test
    void aGitHubIssueIsLabelledOnceAndAPingAnswered() throws InterruptedException {
        api.stubFor(post(LABELS).willReturn(aResponse().withStatus(200).withBody("[]")));

        WebhookResponse ping = receiver.handle("github", github(GITHUB_SECRET, "ping", DELIVERY, payload("github-ping.json")));
        WebhookResponse opened = receiver.handle("github", github(GITHUB_SECRET, "issues", DELIVERY, payload("github-issues-opened.json")));
        WebhookResponse redelivered = receiver.handle("github", github(GITHUB_SECRET, "issues", DELIVERY, payload("github-issues-opened.json")));
        idle();

        assertThat(ping.status()).isEqualTo(200);
        assertThat(Deliveries.tree(ping.body()).path("status").asText()).isEqualTo("pong");
        assertThat(opened.status()).isEqualTo(202);
        assertThat(redelivered.status()).isEqualTo(200);
        api.verify(1, postRequestedFor(urlEqualTo(LABELS))
                .withHeader("Authorization", equalTo("Bearer " + Deliveries.GITHUB_TOKEN))
                .withRequestBody(matchingJsonPath("$.labels[0]", equalTo("triage:bug-report"))));
    }

    @Test
    void refusedIdentifiersAndRepositoriesWriteNothing() throws InterruptedException {
        start(triage, List.of("octo-org/docs"));
        byte[] opened = payload("github-issues-opened.json");

        WebhookResponse notAllowed = receiver.handle("github", github(GITHUB_SECRET, "issues", DELIVERY, opened));
        WebhookResponse badNumber = receiver.handle("github", github(GITHUB_SECRET, "issues", "d-2",
                with(opened, "repository.name", "docs", "issue.number", "1/../../admin")));
        WebhookResponse badTicket = zendeskDelivery(with(payload("zendesk-ticket-created.json"), "detail.id", "../users/1"));
        idle();

        assertThat(notAllowed.status()).isEqualTo(403);
        assertThat(badNumber.status()).isEqualTo(400);
        assertThat(badTicket.status()).isEqualTo(400);
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    void aConnectorThatIsOffAnswers404() {
        WebhookReceiver zendeskOnly = new WebhookReceiver(List.of(receiver.connector("zendesk").orElseThrow()), triage,
                new InMemoryDeliveryStore(Clock.systemUTC(), 10), Duration.ofDays(1), queue, Clock.systemUTC());

        WebhookResponse response = zendeskOnly.handle("github", github(GITHUB_SECRET, "ping", DELIVERY, payload("github-ping.json")));

        assertThat(response.status()).isEqualTo(404);
        assertThat(Deliveries.tree(response.body()).path("error").asText()).isEqualTo("connector_off");
        assertThat(receiver.handle("freshdesk", new WebhookRequest(Map.of(), new byte[0])).status()).isEqualTo(404);
    }

    @Test
    void aTicketWithoutTextIsRefusedWith422AndAnOversizedBodyWith413() {
        byte[] empty = with(payload("zendesk-ticket-created.json"), "detail.subject", "", "detail.description", " ");

        WebhookResponse unusable = zendeskDelivery(empty);
        WebhookResponse huge = receiver.handle("zendesk", new WebhookRequest(Map.of(), new byte[WebhookReceiver.MAX_BODY_BYTES + 1]));

        assertThat(unusable.status()).isEqualTo(422);
        assertThat(Deliveries.tree(unusable.body()).path("error").asText()).isEqualTo("empty_ticket");
        assertThat(huge.status()).isEqualTo(413);
    }

    private static String basic(String token) {
        return "Basic " + Base64.getEncoder().encodeToString(("triage@example.com/token:" + token).getBytes(StandardCharsets.UTF_8));
    }
}
