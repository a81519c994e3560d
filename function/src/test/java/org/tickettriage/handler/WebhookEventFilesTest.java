package org.tickettriage.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The helpdesk fixtures in {@code events/} (events/README.md) are what the vendors send: signed by the vendors'
 * rules with their documented test secrets, the raw bodies under {@code events/webhooks/} byte for byte the signed
 * bodies, and the queued write-backs free of ticket text. The receiver's and writer's own tests read the same files.
 */
class WebhookEventFilesTest {

    /** Zendesk's documented test signing secret ("Verifying webhook authenticity"), used as it is. */
    static final String ZENDESK_TEST_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
    /** GitHub's documented test secret ("Validating webhook deliveries"). */
    static final String GITHUB_TEST_SECRET = "It's a Secret to Everybody";

    private static final ObjectMapper JSON = new ObjectMapper();

    @Test
    void hmacReproducesGitHubsDocumentedTestValues() throws GeneralSecurityException {
        assertThat("sha256=" + HexFormat.of().formatHex(hmac(GITHUB_TEST_SECRET, "Hello, World!")))
                .isEqualTo("sha256=757107ea0eb2509fc211221cce984b8a37570b6d7586c22c46f4379c8b043e17");
    }

    @ParameterizedTest(name = "{0}: signature valid {1}")
    @CsvSource({
            "webhook-zendesk-ticket-created.json,       true",
            "webhook-zendesk-ticket-created-vague.json, true",
            "webhook-zendesk-stale.json,                true",
            "webhook-zendesk-bad-signature.json,        false",
    })
    void zendeskEventsAreSignedOverTimestampAndBody(String file, boolean valid) throws GeneralSecurityException {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/" + file);
        String timestamp = event.getHeaders().get("x-zendesk-webhook-signature-timestamp");

        String expected = Base64.getEncoder().encodeToString(hmac(ZENDESK_TEST_SECRET, timestamp + event.getBody()));

        assertThat(event.getRouteKey()).isEqualTo("POST /webhooks/zendesk");
        assertThat(event.getHeaders().get("x-zendesk-webhook-signature").equals(expected)).isEqualTo(valid);
    }

    @ParameterizedTest(name = "{0}: signature valid {1}")
    @CsvSource({
            "webhook-github-issue-opened.json,   true",
            "webhook-github-issue-reopened.json, true",
            "webhook-github-issue-labeled.json,  true",
            "webhook-github-ping.json,           true",
            "webhook-github-unsigned.json,       false",
    })
    void gitHubEventsAreSignedOverTheBody(String file, boolean signed) throws GeneralSecurityException {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/" + file);
        String expected = "sha256=" + HexFormat.of().formatHex(hmac(GITHUB_TEST_SECRET, event.getBody()));

        assertThat(event.getRouteKey()).isEqualTo("POST /webhooks/github");
        assertThat(event.getHeaders()).containsKeys("x-github-delivery", "x-github-event");
        if (signed) {
            assertThat(event.getHeaders()).containsEntry("x-hub-signature-256", expected);
        } else {
            assertThat(event.getHeaders()).doesNotContainKeys("x-hub-signature-256", "x-hub-signature");
        }
    }

    @Test
    void staleEventWasSignedAnHourBeforeApiGatewayReceivedIt() {
        APIGatewayV2HTTPEvent fresh = EventLoader.loadApiGatewayHttpEvent("events/webhook-zendesk-ticket-created.json");
        APIGatewayV2HTTPEvent stale = EventLoader.loadApiGatewayHttpEvent("events/webhook-zendesk-stale.json");

        assertThat(signedAgo(fresh)).isBetween(Duration.ZERO, Duration.ofSeconds(1));
        assertThat(signedAgo(stale)).isGreaterThanOrEqualTo(Duration.ofHours(1));
    }

    @ParameterizedTest(name = "{1} is the body of {0}")
    @CsvSource({
            "webhook-zendesk-ticket-created.json,       zendesk-ticket-created.json",
            "webhook-zendesk-ticket-created-vague.json, zendesk-ticket-created-vague.json",
            "webhook-github-issue-opened.json,          github-issues-opened.json",
            "webhook-github-issue-reopened.json,        github-issues-reopened.json",
            "webhook-github-ping.json,                  github-ping.json",
    })
    void rawBodiesAreTheSignedBytes(String eventFile, String bodyFile) throws IOException {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/" + eventFile);

        assertThat(resource("events/webhooks/" + bodyFile)).isEqualTo(event.getBody());
    }

    @Test
    void queuedWriteBacksCarryThePlanButNoTicketText() throws IOException {
        SQSEvent batch = EventLoader.loadSQSEvent("events/write-back-sqs.json");
        List<String> connectors = new ArrayList<>();

        for (SQSEvent.SQSMessage message : batch.getRecords()) {
            JsonNode body = JSON.readTree(message.getBody());
            JsonNode writeBack = body.path("writeBack");
            String connector = writeBack.path("connector").asText();
            connectors.add(connector);
            assertThat(body.path("schema").asInt()).isEqualTo(1);
            assertThat(body.path("attempts").asInt()).isZero();
            assertThat(writeBack.path("deliveryKey").asText()).startsWith(connector + ":");
            assertThat(writeBack.path("marker").asText()).isEqualTo("ticket-triage delivery=" + writeBack.path("deliveryKey").asText());
            assertThat(writeBack.path("labels")).isNotEmpty();
            if (writeBack.path("note").isTextual()) {
                assertThat(writeBack.path("note").asText()).endsWith(writeBack.path("marker").asText() + "]");
            }
            for (String ticketText : List.of("subject", "description", "title", "body", "requester")) {
                assertThat(body.findValues(ticketText)).as("%s: %s", message.getMessageId(), ticketText).isEmpty();
            }
        }
        assertThat(connectors).containsExactly("zendesk", "github");
    }

    private static Duration signedAgo(APIGatewayV2HTTPEvent event) {
        Instant signed = Instant.parse(event.getHeaders().get("x-zendesk-webhook-signature-timestamp"));
        return Duration.between(signed, Instant.ofEpochMilli(event.getRequestContext().getTimeEpoch()));
    }

    private static byte[] hmac(String secret, String message) throws GeneralSecurityException {
        Mac mac = Mac.getInstance("HmacSHA256");
        mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
        return mac.doFinal(message.getBytes(StandardCharsets.UTF_8));
    }

    private static String resource(String name) throws IOException {
        try (InputStream in = WebhookEventFilesTest.class.getClassLoader().getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
