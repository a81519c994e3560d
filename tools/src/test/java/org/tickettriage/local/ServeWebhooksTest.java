package org.tickettriage.local;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.github.tomakehurst.wiremock.WireMockServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tickettriage.connectors.Deliveries;
import org.tickettriage.connectors.setup.InProcessWebhooks;
import org.tickettriage.connectors.RetryPolicy;
import org.tickettriage.connectors.setup.SettingsSecrets;
import org.tickettriage.connectors.VendorHttp;
import org.tickettriage.connectors.WebhookRequest;
import org.tickettriage.handler.ClassifyHttpHandler;
import org.tickettriage.triage.TriageService;
import org.tickettriage.triage.TriageServices;
import org.tickettriage.triage.TriageSettings;

/**
 * {@code ./triage serve} as it wires the webhook routes: the local server, the connectors its settings turn on, the
 * in-process writer, the bundled model and policy; WireMock stands in for Zendesk's and GitHub's APIs.
 */
class ServeWebhooksTest {

    private static final HttpClient CLIENT = HttpClient.newHttpClient();
    private static final String DELIVERY = "72d3162e-cc78-11e3-81ab-4c9367dc0958";

    private WireMockServer api;
    private InProcessWebhooks webhooks;
    private LocalServer server;

    private void serve(Map<String, String> environment) throws IOException {
        TriageSettings settings = TriageSettings.fromEnvironment(environment).requireValid();
        TriageService service = TriageServices.create(settings);
        webhooks = InProcessWebhooks.start(settings, service, new SettingsSecrets(settings),
                new RetryPolicy(3, Duration.ofMillis(50), Duration.ofMillis(200), Duration.ofSeconds(2)),
                new VendorHttp(Duration.ofSeconds(5), Duration.ofSeconds(5), Clock.systemUTC()));
        server = LocalServer.start(new ClassifyHttpHandler(service), webhooks::handle, webhooks::status, 0);
    }

    @BeforeEach
    void startApi() {
        api = new WireMockServer(wireMockConfig().dynamicPort());
        api.start();
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
        if (webhooks != null) {
            webhooks.close();
        }
        api.stop();
    }

    private HttpResponse<String> send(String path, WebhookRequest delivery) throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(server.url().resolve(path))
                .POST(HttpRequest.BodyPublishers.ofByteArray(delivery.body()));
        delivery.headers().forEach((name, value) -> {
            if (!name.equals("user-agent")) {
                request.header(name, value);
            }
        });
        return CLIENT.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    @Test
    void aSignedZendeskDeliveryIsAnswered202AndWrittenBackOnce() throws Exception {
        serve(Map.of("TRIAGE_ZENDESK_URL", api.baseUrl(), "TRIAGE_ZENDESK_EMAIL", "triage@example.com",
                "TRIAGE_ZENDESK_API_TOKEN", Deliveries.ZENDESK_TOKEN, "TRIAGE_ZENDESK_WEBHOOK_SECRET", Deliveries.ZENDESK_SECRET));
        api.stubFor(put("/api/v2/tickets/35436.json").willReturn(aResponse().withStatus(200)));
        WebhookRequest delivery = Deliveries.zendesk(Deliveries.ZENDESK_SECRET, Instant.now(),
                Deliveries.payload("zendesk-ticket-created.json"));

        HttpResponse<String> first = send("webhooks/zendesk", delivery);
        HttpResponse<String> replay = send("webhooks/zendesk", delivery);
        assertThat(webhooks.queue().awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(first.statusCode()).isEqualTo(202);
        assertThat(first.headers().firstValue("content-type")).contains("application/json");
        assertThat(Deliveries.tree(first.body()).path("status").asText()).isEqualTo("queued");
        assertThat(replay.statusCode()).isEqualTo(200);
        api.verify(1, putRequestedFor(urlEqualTo("/api/v2/tickets/35436.json"))
                .withRequestBody(matchingJsonPath("$.ticket.additional_tags[0]", equalTo("triage_billing_inquiry")))
                .withRequestBody(matchingJsonPath("$.ticket.priority", equalTo("normal")))
                .withRequestBody(matchingJsonPath("$.ticket.updated_stamp", equalTo("2025-03-04T09:15:01Z"))));
        assertThat(webhooks.queue().written()).isEqualTo(1);
    }

    @Test
    void aBadlySignedDeliveryIsAnswered401AndNothingIsWritten() throws Exception {
        serve(Map.of("TRIAGE_GITHUB_API_URL", api.baseUrl(), "TRIAGE_GITHUB_TOKEN", Deliveries.GITHUB_TOKEN,
                "TRIAGE_GITHUB_WEBHOOK_SECRET", Deliveries.GITHUB_SECRET));

        HttpResponse<String> response = send("webhooks/github", Deliveries.github("wrong secret", "issues", DELIVERY,
                Deliveries.payload("github-issues-opened.json")));
        webhooks.queue().awaitIdle(Duration.ofSeconds(5));

        assertThat(response.statusCode()).isEqualTo(401);
        assertThat(Deliveries.tree(response.body()).path("error").asText()).isEqualTo("invalid_signature");
        assertThat(api.getAllServeEvents()).isEmpty();
    }

    @Test
    void aSignedGitHubIssueIsLabelledWhileClassifyStillAnswers() throws Exception {
        serve(Map.of("TRIAGE_GITHUB_API_URL", api.baseUrl(), "TRIAGE_GITHUB_TOKEN", Deliveries.GITHUB_TOKEN,
                "TRIAGE_GITHUB_WEBHOOK_SECRET", Deliveries.GITHUB_SECRET));
        api.stubFor(post("/repos/octo-org/octo-app/issues/42/labels").willReturn(aResponse().withStatus(200).withBody("[]")));

        HttpResponse<String> issue = send("webhooks/github", Deliveries.github(Deliveries.GITHUB_SECRET, "issues", DELIVERY,
                Deliveries.payload("github-issues-opened.json")));
        HttpResponse<String> classify = CLIENT.send(HttpRequest.newBuilder(server.url().resolve("classify"))
                .header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"subject\":\"Refund\",\"description\":\"Charged twice\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(webhooks.queue().awaitIdle(Duration.ofSeconds(10))).isTrue();

        assertThat(issue.statusCode()).isEqualTo(202);
        assertThat(classify.statusCode()).isEqualTo(200);
        api.verify(1, postRequestedFor(urlEqualTo("/repos/octo-org/octo-app/issues/42/labels"))
                .withHeader("Authorization", equalTo("Bearer " + Deliveries.GITHUB_TOKEN))
                .withRequestBody(matchingJsonPath("$.labels[0]", equalTo("triage:bug-report"))));
    }

    @Test
    void getWebhooksShowsTheWriterCountsAndTheLatestDeadLetterWithItsReason() throws Exception {
        serve(Map.of("TRIAGE_GITHUB_API_URL", api.baseUrl(), "TRIAGE_GITHUB_TOKEN", Deliveries.GITHUB_TOKEN,
                "TRIAGE_GITHUB_WEBHOOK_SECRET", Deliveries.GITHUB_SECRET));
        api.stubFor(post("/repos/octo-org/octo-app/issues/42/labels").willReturn(aResponse().withStatus(404)));

        send("webhooks/github", Deliveries.github(Deliveries.GITHUB_SECRET, "issues", DELIVERY,
                Deliveries.payload("github-issues-opened.json")));
        assertThat(webhooks.queue().awaitIdle(Duration.ofSeconds(10))).isTrue();
        HttpResponse<String> status = CLIENT.send(HttpRequest.newBuilder(server.url().resolve("webhooks")).GET().build(),
                HttpResponse.BodyHandlers.ofString());

        assertThat(status.statusCode()).isEqualTo(200);
        var body = Deliveries.tree(status.body());
        assertThat(body.path("connectors").get(0).asText()).isEqualTo("github");
        assertThat(body.path("durable").asBoolean(true)).isFalse();
        assertThat(body.path("written").asLong()).isZero();
        assertThat(body.path("deadLettered").asLong()).isEqualTo(1);
        var letter = body.path("deadLetters").get(0);
        assertThat(letter.path("ticketId").asText()).isEqualTo("octo-org/octo-app#42");
        assertThat(letter.path("deliveryId").asText()).isEqualTo("github:" + DELIVERY);
        assertThat(letter.path("reason").asText()).isEqualTo("HTTP 404 on POST /repos/{owner}/{repo}/issues/{number}/labels");
        assertThat(status.body()).doesNotContain("ticket-triage delivery=").doesNotContain("crash");
    }

    @Test
    void aConnectorThatIsOffAnswers404AndAWebhookRouteTakesPostOnly() throws Exception {
        serve(Map.of());

        HttpResponse<String> off = send("webhooks/zendesk", Deliveries.zendesk(Deliveries.ZENDESK_SECRET, Instant.now(),
                Deliveries.payload("zendesk-ticket-created.json")));
        HttpResponse<String> get = CLIENT.send(HttpRequest.newBuilder(server.url().resolve("webhooks/github")).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        HttpResponse<String> nested = CLIENT.send(HttpRequest.newBuilder(server.url().resolve("webhooks/github/x"))
                .POST(HttpRequest.BodyPublishers.ofString("{}")).build(), HttpResponse.BodyHandlers.ofString());

        assertThat(webhooks.connectors()).isEmpty();
        assertThat(off.statusCode()).isEqualTo(404);
        assertThat(Deliveries.tree(off.body()).path("error").asText()).isEqualTo("connector_off");
        assertThat(get.statusCode()).isEqualTo(405);
        assertThat(get.headers().firstValue("allow")).contains("POST");
        assertThat(nested.statusCode()).isEqualTo(404);
    }

    @Test
    void aConnectorMissingASecretStopsTheStartNamingIt() {
        TriageSettings settings = TriageSettings.fromEnvironment(Map.of("TRIAGE_ZENDESK_URL", "https://example.zendesk.com",
                "TRIAGE_ZENDESK_EMAIL", "triage@example.com", "TRIAGE_ZENDESK_API_TOKEN", "zd-token"));

        org.assertj.core.api.Assertions.assertThatThrownBy(() -> InProcessWebhooks.start(settings, TriageServices.shared()))
                .isInstanceOf(org.tickettriage.triage.InvalidSettingsException.class)
                .hasMessageContaining("TRIAGE_ZENDESK_WEBHOOK_SECRET is not set; the Zendesk connector needs it")
                .hasMessageNotContaining("zd-token");
    }
}
