package org.tickettriage.handler;

import static com.github.tomakehurst.wiremock.client.WireMock.aResponse;
import static com.github.tomakehurst.wiremock.client.WireMock.anyRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.anyUrl;
import static com.github.tomakehurst.wiremock.client.WireMock.equalTo;
import static com.github.tomakehurst.wiremock.client.WireMock.equalToJson;
import static com.github.tomakehurst.wiremock.client.WireMock.get;
import static com.github.tomakehurst.wiremock.client.WireMock.matchingJsonPath;
import static com.github.tomakehurst.wiremock.client.WireMock.okJson;
import static com.github.tomakehurst.wiremock.client.WireMock.post;
import static com.github.tomakehurst.wiremock.client.WireMock.postRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.put;
import static com.github.tomakehurst.wiremock.client.WireMock.putRequestedFor;
import static com.github.tomakehurst.wiremock.client.WireMock.urlEqualTo;
import static com.github.tomakehurst.wiremock.client.WireMock.urlPathEqualTo;
import static com.github.tomakehurst.wiremock.core.WireMockConfiguration.wireMockConfig;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.tomakehurst.wiremock.WireMockServer;
import com.github.tomakehurst.wiremock.verification.LoggedRequest;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.tickettriage.aws.AwsWebhooks;
import org.tickettriage.connectors.RetryPolicy;
import org.tickettriage.triage.FakeTriage;
import org.tickettriage.triage.TriageSettings;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The two connector handlers against WireMock standing in for Secrets Manager, DynamoDB and SQS (one endpoint; the
 * {@code X-Amz-Target} header names the operation) and for Zendesk's API, with the signed fixtures in {@code events/}.
 */
class WebhookHandlersOnAwsTest {

    private static final String ZENDESK_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:triage-zendesk-AbCdEf";
    private static final String GITHUB_SECRET_ARN = "arn:aws:secretsmanager:eu-west-1:123456789012:secret:triage-github-GhIjKl";
    private static final String TABLE = "ticket-triage-WebhookDeliveryTable-EXAMPLE";
    private static final String QUEUE = "https://sqs.eu-west-1.amazonaws.com/123456789012/ticket-triage-WriteBackQueue";
    private static final String DEAD_LETTERS = "https://sqs.eu-west-1.amazonaws.com/123456789012/ticket-triage-WriteBackDeadLetterQueue";
    private static final String DELIVERY = "zendesk:5b2d1f9e-7c3a-4e8b-9f61-0a2b3c4d5e01";
    private static final String TICKET = "/api/v2/tickets/4711.json";
    private static final String PUT_ITEM = "DynamoDB_20120810.PutItem";
    private static final String SEND_MESSAGE = "AmazonSQS.SendMessage";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static WireMockServer aws;
    private static WireMockServer zendesk;

    private SecretsManagerClient secretsManager;
    private DynamoDbClient dynamoDb;
    private SqsClient sqs;

    @BeforeAll
    static void start() {
        aws = new WireMockServer(wireMockConfig().dynamicPort().extensions(new SqsSendMessageAnswer()));
        aws.start();
        zendesk = new WireMockServer(wireMockConfig().dynamicPort());
        zendesk.start();
    }

    @AfterAll
    static void stop() {
        aws.stop();
        zendesk.stop();
    }

    @BeforeEach
    void clients() throws Exception {
        aws.resetAll();
        zendesk.resetAll();
        String secret = JSON.createObjectNode()
                .put(TriageSettings.ZENDESK_EMAIL, "triage-bot@example.com")
                .put(TriageSettings.ZENDESK_API_TOKEN, "zendesk-api-token-for-tests")
                .put(TriageSettings.ZENDESK_WEBHOOK_SECRET, WebhookEventFilesTest.ZENDESK_TEST_SECRET).toString();
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(equalToJson("{\"SecretId\": \"" + ZENDESK_SECRET_ARN + "\"}"))
                .willReturn(okJson(JSON.createObjectNode().put("ARN", ZENDESK_SECRET_ARN).put("Name", "triage-zendesk")
                        .put("SecretString", secret).toString())));
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo(SEND_MESSAGE))
                .willReturn(aResponse().withStatus(200).withTransformers(SqsSendMessageAnswer.NAME)));
        secretsManager = SecretsManagerClient.builder().endpointOverride(URI.create(aws.baseUrl()))
                .region(Region.EU_WEST_1).credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        dynamoDb = DynamoDbClient.builder().endpointOverride(URI.create(aws.baseUrl()))
                .region(Region.EU_WEST_1).credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
        sqs = SqsClient.builder().endpointOverride(URI.create(aws.baseUrl()))
                .region(Region.EU_WEST_1).credentialsProvider(CREDENTIALS).httpClient(UrlConnectionHttpClient.create()).build();
    }

    @AfterEach
    void closeClients() {
        secretsManager.close();
        dynamoDb.close();
        sqs.close();
    }

    private static final StaticCredentialsProvider CREDENTIALS =
            StaticCredentialsProvider.create(AwsBasicCredentials.create("AKIDEXAMPLE", "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY"));

    @Test
    void aSignedZendeskTicketIsClaimedOnceQueuedOnceAndAnswered202() throws Exception {
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo(PUT_ITEM)).willReturn(okJson("{}")));
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/webhook-zendesk-ticket-created.json");
        Instant received = Instant.ofEpochMilli(event.getRequestContext().getTimeEpoch());

        APIGatewayV2HTTPResponse response = receiverAt(received).handleRequest(event, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        assertThat(JSON.readTree(response.getBody())).isEqualTo(JSON.readTree(
                "{\"status\":\"queued\",\"deliveryId\":\"" + DELIVERY + "\",\"ticketId\":\"4711\"}"));
        assertThat(response.getHeaders()).containsEntry("content-type", "application/json; charset=utf-8");
        long now = received.getEpochSecond();
        aws.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PUT_ITEM))
                .withHeader("Content-Type", equalTo("application/x-amz-json-1.0"))
                .withRequestBody(equalToJson("""
                        {"TableName": "%s",
                         "Item": {"deliveryKey": {"S": "%s"}, "expiresAt": {"N": "%d"}},
                         "ConditionExpression": "attribute_not_exists(deliveryKey) OR expiresAt < :now",
                         "ExpressionAttributeValues": {":now": {"N": "%d"}}}""".formatted(
                        TABLE, DELIVERY, now + Duration.ofDays(7).toSeconds(), now))));
        List<LoggedRequest> sent = requests(SEND_MESSAGE);
        assertThat(sent).hasSize(1);
        JsonNode send = JSON.readTree(sent.get(0).getBodyAsString());
        assertThat(send.path("QueueUrl").asText()).isEqualTo(QUEUE);
        assertThat(send.path("DelaySeconds").asInt(0)).isZero();
        JsonNode message = JSON.readTree(send.path("MessageBody").asText());
        assertThat(message.path("schema").asInt()).isEqualTo(1);
        assertThat(message.path("attempts").asInt()).isZero();
        assertThat(message.path("writeBack").path("deliveryKey").asText()).isEqualTo(DELIVERY);
        assertThat(message.path("writeBack").path("reference").path("id").asText()).isEqualTo("4711");
        // The plan, never the ticket: neither the subject nor the description travels on the queue.
        assertThat(send.path("MessageBody").asText()).doesNotContain("Charged twice", "corrected invoice");
    }

    @Test
    void aReplayedDeliveryAnswersDuplicateAndQueuesNothing() throws Exception {
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo(PUT_ITEM)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ConditionalCheckFailedException\","
                        + "\"message\":\"The conditional request failed\"}")));
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/webhook-zendesk-ticket-created.json");

        APIGatewayV2HTTPResponse response = receiverAt(Instant.ofEpochMilli(event.getRequestContext().getTimeEpoch()))
                .handleRequest(event, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(200);
        assertThat(JSON.readTree(response.getBody()).path("status").asText()).isEqualTo("duplicate");
        assertThat(requests(PUT_ITEM)).hasSize(1);
        assertThat(requests(SEND_MESSAGE)).isEmpty();
    }

    @Test
    void aBadSignatureIs401AndTouchesNoAwsService() throws Exception {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/webhook-zendesk-bad-signature.json");
        WebhookHttpHandler handler = receiverAt(Instant.ofEpochMilli(event.getRequestContext().getTimeEpoch()));
        aws.resetRequests(); // the secret read at init

        APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);

        assertThat(response.getStatusCode()).isEqualTo(401);
        assertThat(JSON.readTree(response.getBody()).path("error").asText()).isEqualTo("invalid_signature");
        aws.verify(0, anyRequestedFor(anyUrl()));
        zendesk.verify(0, anyRequestedFor(anyUrl()));
    }

    @Test
    void aBase64BodyIsDecodedBeforeTheSignatureIsChecked() throws Exception {
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo(PUT_ITEM)).willReturn(okJson("{}")));
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/webhook-zendesk-ticket-created.json");
        event.setBody(Base64.getEncoder().encodeToString(event.getBody().getBytes(StandardCharsets.UTF_8)));
        event.setIsBase64Encoded(true);

        APIGatewayV2HTTPResponse response = receiverAt(Instant.ofEpochMilli(event.getRequestContext().getTimeEpoch()))
                .handleRequest(event, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
    }

    @Test
    void aRouteWithoutAConnectorIs404JsonAndTheDeliveryTableUnreachableIs503() throws Exception {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/webhook-github-issue-opened.json");
        WebhookHttpHandler handler = receiverAt(Instant.ofEpochMilli(event.getRequestContext().getTimeEpoch()));

        APIGatewayV2HTTPResponse github = handler.handleRequest(event, null);

        assertThat(github.getStatusCode()).isEqualTo(404);
        assertThat(JSON.readTree(github.getBody()).path("error").asText()).isEqualTo("connector_off");

        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo(PUT_ITEM)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"com.amazonaws.dynamodb.v20120810#ResourceNotFoundException\",\"message\":\"no table\"}")));
        APIGatewayV2HTTPEvent zendeskEvent = EventLoader.loadApiGatewayHttpEvent("events/webhook-zendesk-ticket-created.json");
        APIGatewayV2HTTPResponse unavailable = receiverAt(Instant.ofEpochMilli(zendeskEvent.getRequestContext().getTimeEpoch()))
                .handleRequest(zendeskEvent, null);

        assertThat(unavailable.getStatusCode()).isEqualTo(503);
        assertThat(JSON.readTree(unavailable.getBody()).path("error").asText()).isEqualTo("store_unavailable");
        assertThat(requests(SEND_MESSAGE)).isEmpty();
    }

    @Test
    void theWriterWritesAndDeletesTheMessageWhenZendeskAnswers200() throws Exception {
        zendesk.stubFor(put(TICKET).willReturn(okJson("{\"ticket\":{\"id\":4711}}")));

        SQSBatchResponse response = writer().handleRequest(zendeskMessage(0), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        // The agent's email and token both come from the Zendesk secret.
        String basic = "Basic " + Base64.getEncoder().encodeToString(
                "triage-bot@example.com/token:zendesk-api-token-for-tests".getBytes(StandardCharsets.UTF_8));
        zendesk.verify(1, putRequestedFor(urlEqualTo(TICKET))
                .withHeader("Authorization", equalTo(basic))
                .withRequestBody(matchingJsonPath("$.ticket.additional_tags[0]", equalTo("triage_billing_inquiry")))
                .withRequestBody(matchingJsonPath("$.ticket.updated_stamp", equalTo("2025-03-03T08:30:05Z"))));
        assertThat(requests(SEND_MESSAGE)).isEmpty();
    }

    @Test
    void aZendesk503IsQueuedAgainWithADelayAndTheOriginalReportedDone() throws Exception {
        zendesk.stubFor(put(TICKET).willReturn(aResponse().withStatus(503)));

        SQSBatchResponse response = writer().handleRequest(zendeskMessage(0), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<LoggedRequest> sent = requests(SEND_MESSAGE);
        assertThat(sent).hasSize(1);
        JsonNode send = JSON.readTree(sent.get(0).getBodyAsString());
        assertThat(send.path("QueueUrl").asText()).isEqualTo(QUEUE);
        assertThat(send.path("DelaySeconds").asInt()).isBetween(1, 900);
        JsonNode message = JSON.readTree(send.path("MessageBody").asText());
        assertThat(message.path("attempts").asInt()).isEqualTo(1);
        assertThat(message.has("notBefore")).isFalse();
        assertThat(message.path("writeBack").path("deliveryKey").asText()).isEqualTo(DELIVERY);
    }

    @Test
    void theLastAttemptFailingSendsTheWriteBackToTheDeadLetterQueueWithItsReason() throws Exception {
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/tickets/4711/comments.json")).willReturn(okJson("{\"comments\":[]}")));
        zendesk.stubFor(put(TICKET).willReturn(aResponse().withStatus(503)));

        SQSBatchResponse response = writer().handleRequest(zendeskMessage(RetryPolicy.DEFAULT.maxAttempts() - 1), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        List<LoggedRequest> sent = requests(SEND_MESSAGE);
        assertThat(sent).hasSize(1);
        JsonNode send = JSON.readTree(sent.get(0).getBodyAsString());
        assertThat(send.path("QueueUrl").asText()).isEqualTo(DEAD_LETTERS);
        JsonNode letter = JSON.readTree(send.path("MessageBody").asText());
        assertThat(letter.path("attempts").asInt()).isEqualTo(RetryPolicy.DEFAULT.maxAttempts());
        assertThat(letter.path("deadLetter").path("reason").asText()).contains("gave up after 6 attempts", "503");
        assertThat(letter.path("writeBack").path("deliveryKey").asText()).isEqualTo(DELIVERY);
    }

    @Test
    void aMessageThatCannotBeSentOnIsABatchItemFailureSoSqsDeliversItAgain() throws Exception {
        zendesk.stubFor(put(TICKET).willReturn(aResponse().withStatus(503)));
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo(SEND_MESSAGE)).willReturn(aResponse().withStatus(400)
                .withHeader("Content-Type", "application/x-amz-json-1.0")
                .withBody("{\"__type\":\"com.amazonaws.sqs#QueueDoesNotExist\",\"message\":\"gone\"}")));
        SQSEvent event = zendeskMessage(0);
        SQSEvent.SQSMessage unreadable = new SQSEvent.SQSMessage();
        unreadable.setMessageId("not-a-write-back");
        unreadable.setBody("{\"schema\":2}");
        event.setRecords(List.of(event.getRecords().get(0), unreadable));

        SQSBatchResponse response = writer().handleRequest(event, null);

        assertThat(response.getBatchItemFailures()).extracting(SQSBatchResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(event.getRecords().get(0).getMessageId(), "not-a-write-back");
    }

    @Test
    void aSignedGitHubIssueGoesThroughTheSameClaimAndQueue() throws Exception {
        String secret = JSON.createObjectNode()
                .put(TriageSettings.GITHUB_TOKEN, "github-token-for-tests")
                .put(TriageSettings.GITHUB_WEBHOOK_SECRET, WebhookEventFilesTest.GITHUB_TEST_SECRET).toString();
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo("secretsmanager.GetSecretValue"))
                .withRequestBody(equalToJson("{\"SecretId\": \"" + GITHUB_SECRET_ARN + "\"}"))
                .willReturn(okJson(JSON.createObjectNode().put("ARN", GITHUB_SECRET_ARN).put("Name", "triage-github")
                        .put("SecretString", secret).toString())));
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo(PUT_ITEM)).willReturn(okJson("{}")));
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/webhook-github-issue-opened.json");
        Map<String, String> environment = new HashMap<>(environment());
        environment.put(TriageSettings.GITHUB_SECRET_ARN, GITHUB_SECRET_ARN);

        APIGatewayV2HTTPResponse response = new WebhookHttpHandler(AwsWebhooks.receiver(environment, FakeTriage.service(),
                secretsManager, dynamoDb, sqs, Clock.fixed(Instant.ofEpochMilli(event.getRequestContext().getTimeEpoch()),
                        ZoneOffset.UTC))).handleRequest(event, null);

        assertThat(response.getStatusCode()).as(response.getBody()).isEqualTo(202);
        String delivery = "github:" + event.getHeaders().get("x-github-delivery");
        aws.verify(1, postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(PUT_ITEM))
                .withRequestBody(matchingJsonPath("$.Item.deliveryKey.S", equalTo(delivery))));
        List<LoggedRequest> sent = requests(SEND_MESSAGE);
        assertThat(sent).hasSize(1);
        JsonNode message = JSON.readTree(JSON.readTree(sent.get(0).getBodyAsString()).path("MessageBody").asText());
        assertThat(message.path("writeBack").path("connector").asText()).isEqualTo("github");
    }

    @Test
    void aZendesk401ReReadsTheSecretOnceAndQueuesTheWriteBackAgainAtOnce() throws Exception {
        zendesk.stubFor(put(TICKET).willReturn(aResponse().withStatus(401)));
        WriteBackHandler handler = writer();
        int readsAtInit = requests("secretsmanager.GetSecretValue").size();

        SQSBatchResponse response = handler.handleRequest(zendeskMessage(0), null);

        assertThat(response.getBatchItemFailures()).isEmpty();
        assertThat(requests("secretsmanager.GetSecretValue")).hasSize(readsAtInit + 1);
        List<LoggedRequest> sent = requests(SEND_MESSAGE);
        assertThat(sent).hasSize(1);
        JsonNode send = JSON.readTree(sent.get(0).getBodyAsString());
        assertThat(send.path("QueueUrl").asText()).isEqualTo(QUEUE);
        assertThat(send.path("DelaySeconds").asInt(0)).isZero();
        assertThat(JSON.readTree(send.path("MessageBody").asText()).path("secretsReread").asBoolean()).isTrue();
    }

    @Test
    void aRetryAfterLongerThanSqssLongestDelayTravelsAsNotBeforeAndIsHeldUntilThen() throws Exception {
        zendesk.stubFor(put(TICKET).willReturn(aResponse().withStatus(429).withHeader("Retry-After", "3600")));
        Instant now = Instant.parse("2025-03-03T09:00:00Z");
        Clock clock = Clock.fixed(now, ZoneOffset.UTC);
        WriteBackHandler handler = new WriteBackHandler(
                AwsWebhooks.writer(environment(), secretsManager, sqs, RetryPolicy.DEFAULT, clock), clock);

        assertThat(handler.handleRequest(zendeskMessage(0), null).getBatchItemFailures()).isEmpty();

        JsonNode send = JSON.readTree(requests(SEND_MESSAGE).get(0).getBodyAsString());
        assertThat(send.path("DelaySeconds").asInt()).isEqualTo(900);
        JsonNode message = JSON.readTree(send.path("MessageBody").asText());
        assertThat(message.path("notBefore").asText()).isEqualTo("2025-03-03T10:00:00Z");
        assertThat(message.path("attempts").asInt()).isEqualTo(1);

        // Delivered again after 15 minutes: held once more, for the time left, without calling Zendesk.
        aws.resetRequests();
        zendesk.resetRequests();
        Clock later = Clock.fixed(now.plus(Duration.ofMinutes(15)), ZoneOffset.UTC);
        SQSEvent again = zendeskMessage(0);
        again.getRecords().get(0).setBody(send.path("MessageBody").asText());
        new WriteBackHandler(AwsWebhooks.writer(environment(), secretsManager, sqs, RetryPolicy.DEFAULT, later), later)
                .handleRequest(again, null);

        zendesk.verify(0, anyRequestedFor(anyUrl()));
        JsonNode held = JSON.readTree(requests(SEND_MESSAGE).get(0).getBodyAsString());
        assertThat(held.path("DelaySeconds").asInt()).isEqualTo(900);
        assertThat(JSON.readTree(held.path("MessageBody").asText()).path("notBefore").asText()).isEqualTo("2025-03-03T10:00:00Z");
    }

    @Test
    void neitherHandlerLogsTicketTextNotesOrSecrets() throws Exception {
        aws.stubFor(post("/").withHeader("X-Amz-Target", equalTo(PUT_ITEM)).willReturn(okJson("{}")));
        zendesk.stubFor(get(urlPathEqualTo("/api/v2/tickets/4711/comments.json")).willReturn(okJson("{\"comments\":[]}")));
        zendesk.stubFor(put(TICKET).willReturn(aResponse().withStatus(503)));
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/webhook-zendesk-ticket-created.json");

        List<String> lines;
        try (CapturedLog log = CapturedLog.at(org.apache.logging.log4j.Level.DEBUG)) {
            receiverAt(Instant.ofEpochMilli(event.getRequestContext().getTimeEpoch())).handleRequest(event, null);
            writer().handleRequest(zendeskMessage(0), null);
            writer().handleRequest(zendeskMessage(RetryPolicy.DEFAULT.maxAttempts() - 1), null);
            lines = log.lines();
        }

        assertThat(lines).isNotEmpty();
        assertThat(String.join("\n", lines)).doesNotContain("Charged twice", "charged twice", "invoice INV-2025-0311",
                "Top words", "zendesk-api-token-for-tests", WebhookEventFilesTest.ZENDESK_TEST_SECRET, "triage-bot@example.com");
    }

    private WebhookHttpHandler receiverAt(Instant now) {
        return new WebhookHttpHandler(AwsWebhooks.receiver(environment(), FakeTriage.service(), secretsManager, dynamoDb,
                sqs, Clock.fixed(now, ZoneOffset.UTC)));
    }

    private WriteBackHandler writer() {
        Clock clock = Clock.systemUTC();
        return new WriteBackHandler(AwsWebhooks.writer(environment(), secretsManager, sqs, RetryPolicy.DEFAULT, clock), clock);
    }

    private static Map<String, String> environment() {
        return Map.of(TriageSettings.ZENDESK_URL, zendesk.baseUrl(),
                TriageSettings.ZENDESK_SECRET_ARN, ZENDESK_SECRET_ARN,
                TriageSettings.DELIVERY_TABLE, TABLE,
                TriageSettings.WRITE_BACK_QUEUE_URL, QUEUE,
                TriageSettings.DEAD_LETTER_QUEUE_URL, DEAD_LETTERS);
    }

    /** The Zendesk message of events/write-back-sqs.json, with {@code attempts} made already. */
    private static SQSEvent zendeskMessage(int attempts) throws Exception {
        SQSEvent event = EventLoader.loadSQSEvent("events/write-back-sqs.json");
        SQSEvent.SQSMessage message = event.getRecords().get(0);
        ObjectNode body = (ObjectNode) JSON.readTree(message.getBody());
        message.setBody(body.put("attempts", attempts).toString());
        event.setRecords(List.of(message));
        return event;
    }

    private static List<LoggedRequest> requests(String target) {
        return aws.findAll(postRequestedFor(urlEqualTo("/")).withHeader("X-Amz-Target", equalTo(target)));
    }
}
