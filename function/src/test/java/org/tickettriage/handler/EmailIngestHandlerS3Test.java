package org.tickettriage.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.OptionalDouble;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.tickettriage.email.Corpus;
import org.tickettriage.email.EmailOutcome;
import org.tickettriage.email.LargeMessages;
import org.tickettriage.triage.FakeTriage;
import org.tickettriage.triage.Ticket;
import org.tickettriage.triage.TriageResult;
import org.tickettriage.triage.TriageService;
import org.tickettriage.triage.TriageServices;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The whole email path against a real S3-compatible server on localhost: raw messages stored in a
 * bucket, an S3 event (the {@code events/} files), the handler reading through the AWS SDK, the
 * routed result as Lambda serializes it for the EventBridge destination; and each kind of failure.
 */
class EmailIngestHandlerS3Test {

    /** The bucket the {@code events/} files name. */
    private static final String BUCKET = "ticket-triage-email-example";
    private static final ObjectMapper JSON = new ObjectMapper();

    private static S3Server server;
    private static S3Client client;

    @BeforeAll
    static void startServer() throws Exception {
        server = S3Server.start();
        client = server.client();
        for (String name : new String[] {"ses-stored-account.eml", "plain-bug-report.eml", "auto-reply-auto-submitted.eml"}) {
            server.put(BUCKET, "inbound/" + name, Corpus.bytes(name));
        }
    }

    @AfterAll
    static void stopServer() {
        client.close();
        server.close();
    }

    private static EmailIngestHandler handler() {
        return new EmailIngestHandler(new S3EmailSource(client), FakeTriage.service());
    }

    @Test
    void storedMessageEndsAsARoutedResultInTheDestinationPayload() throws IOException {
        S3Event event = EventLoader.loadS3Event("events/email-object-created.json");

        EmailIngestResult result = handler().handleRequest(event, null);

        assertThat(result.results()).hasSize(1);
        EmailRecordResult record = result.results().get(0);
        assertThat(record.bucket()).isEqualTo(BUCKET);
        assertThat(record.key()).isEqualTo("inbound/ses-stored-account.eml");
        assertThat(record.outcome()).isEqualTo(EmailOutcome.TRIAGED);
        assertThat(record.ticketId()).isEqualTo("CAF=ses-stored-24@mail.example.com");
        assertThat(record.sender()).isEqualTo("maria.garcia@example.com");
        assertThat(record.date()).isEqualTo("2025-03-03T08:30:00Z");
        assertThat(record.triage().team()).isEqualTo("Accounts");
        assertThat(record.triage().queue()).isEqualTo("accounts-queue");
        // What Lambda hands to the on-success destination: the response, serialized by the runtime's serializer.
        JsonNode payload = JSON.readTree(lambdaJson(result));
        JsonNode first = payload.get("results").get(0);
        assertThat(first.get("outcome").asText()).isEqualTo("triaged");
        assertThat(first.get("messageId").asText()).isEqualTo("CAF=ses-stored-24@mail.example.com");
        assertThat(first.get("triage").get("team").asText()).isEqualTo("Accounts");
        assertThat(first.get("triage").get("ticketId").asText()).isEqualTo("CAF=ses-stored-24@mail.example.com");
        assertThat(first.get("triage").get("explanation").get(0).get("feature").asText()).isEqualTo("password");
        JsonNode reasonCode = first.get("triage").get("reasonCodes").get(0);
        assertThat(reasonCode.get("code").asText()).isEqualTo("route_table");
        assertThat(reasonCode.get("detail").asText()).isEqualTo("Account Management to Accounts");
    }

    @Test
    void aReasonWithoutDetailHasNoDetailMemberInTheDestinationPayloadAsInTheHttpApi() throws IOException {
        TriageResult review = FakeTriage.service().triage(new Ticket("T-1", "Something odd", null, null, null));
        EmailIngestResult result = new EmailIngestResult(List.of(new EmailRecordResult(BUCKET, "inbound/x.eml", "triaged",
                null, null, "T-1", null, null, null, null, 0, List.of(), review)));

        JsonNode reasonCode = JSON.readTree(lambdaJson(result)).get("results").get(0).get("triage").get("reasonCodes").get(0);

        assertThat(reasonCode.get("code").asText()).isEqualTo("route_review");
        assertThat(reasonCode.has("detail")).isFalse();
    }

    @Test
    void fullPathWithTheBundledModelAndTheDroolsRules() {
        TriageService real = TriageServices.create(Optional.empty(), OptionalDouble.empty());
        EmailIngestHandler handler = new EmailIngestHandler(new S3EmailSource(client), real);

        EmailRecordResult record = handler.handleRequest(EventLoader.loadS3Event("events/email-object-created.json"), null)
                .results().get(0);

        assertThat(record.outcome()).isEqualTo(EmailOutcome.TRIAGED);
        assertThat(record.triage().modelVersion()).isEqualTo(real.health().modelVersion()).isNotEqualTo("none");
        assertThat(record.triage().team()).isNotBlank();
        assertThat(record.triage().queue()).isNotBlank();
        assertThat(record.triage().reasons()).isNotEmpty();
        assertThat(record.triage().probabilities()).hasSize(5);
    }

    @Test
    void everyRecordOfAnEventIsTriagedOrSkippedWithItsReason() {
        EmailIngestResult result = handler().handleRequest(EventLoader.loadS3Event("events/email-object-created-two.json"), null);

        assertThat(result.results()).extracting(EmailRecordResult::key)
                .containsExactly("inbound/plain-bug-report.eml", "inbound/auto-reply-auto-submitted.eml");
        assertThat(result.results().get(0).outcome()).isEqualTo(EmailOutcome.TRIAGED);
        assertThat(result.results().get(0).triage().category()).isEqualTo("Bug Report");
        assertThat(result.results().get(1).outcome()).isEqualTo(EmailOutcome.SKIPPED);
        assertThat(result.results().get(1).reason()).isEqualTo("auto_reply");
        assertThat(result.results().get(1).triage()).isNull();
    }

    @Test
    void redeliveredEventGivesTheSameResult() {
        S3Event event = EventLoader.loadS3Event("events/email-object-created-two.json");

        EmailIngestResult first = handler().handleRequest(event, null);
        EmailIngestResult again = handler().handleRequest(event, null);

        assertThat(again).isEqualTo(first);
    }

    @Test
    void urlEncodedKeyIsDecodedBeforeReading() {
        server.put(BUCKET, "inbound/reply from Jane+Roe.eml", Corpus.bytes("reply-gmail-quoted.eml"));

        EmailIngestResult result = handler().handleRequest(
                S3Events.load("email-object-created.json", BUCKET + "/inbound/reply from Jane+Roe.eml"), null);

        assertThat(result.results().get(0).key()).isEqualTo("inbound/reply from Jane+Roe.eml");
        assertThat(result.results().get(0).outcome()).isEqualTo(EmailOutcome.TRIAGED);
    }

    @Test
    void tenMegabyteAttachmentIsStreamedPastAndCounted() {
        server.put(BUCKET, "inbound/large.eml", LargeMessages.withAttachment(10 * 1024 * 1024));

        EmailRecordResult record = handler().handleRequest(
                S3Events.load("email-object-created.json", BUCKET + "/inbound/large.eml"), null).results().get(0);

        assertThat(record.outcome()).isEqualTo(EmailOutcome.TRIAGED);
        assertThat(record.attachments()).isEqualTo(1);
        assertThat(record.warnings()).isEmpty();
        assertThat(record.triage().category()).isEqualTo("Bug Report");
    }

    @Test
    void deletedObjectIsReportedForReviewInsteadOfRetried() {
        server.put(BUCKET, "inbound/deleted.eml", Corpus.bytes("plain-bug-report.eml"));
        server.delete(BUCKET, "inbound/deleted.eml");

        EmailIngestResult result = handler().handleRequest(
                S3Events.load("email-object-created.json", BUCKET + "/inbound/deleted.eml"), null);

        EmailRecordResult record = result.results().get(0);
        assertThat(record.outcome()).isEqualTo(EmailOutcome.REVIEW);
        assertThat(record.reason()).isEqualTo("object_missing");
        assertThat(record.detail()).contains("s3://" + BUCKET + "/inbound/deleted.eml");
        assertThat(record.triage()).isNull();
    }

    @Test
    void unreachableS3FailsTheInvocationSoThatLambdaRetries() throws Exception {
        S3Event event = EventLoader.loadS3Event("events/email-object-created.json");
        EmailIngestHandler handler;
        try (S3Server stopped = S3Server.start()) {
            stopped.put(BUCKET, "inbound/ses-stored-account.eml", Corpus.bytes("ses-stored-account.eml"));
            handler = new EmailIngestHandler(new S3EmailSource(stopped.client()), FakeTriage.service());
        }

        assertThatThrownBy(() -> handler.handleRequest(event, null))
                .isInstanceOf(EmailIngestException.class)
                .hasMessageContaining("1 of 1 records")
                .hasMessageContaining("s3://" + BUCKET + "/inbound/ses-stored-account.eml")
                .hasMessageNotContaining("Locked out")
                .hasMessageNotContaining("maria.garcia");
    }

    @Test
    void deniedAccessFailsTheInvocationSoThatTheEventReachesTheDeadLetterQueue() {
        S3Client wrongSecret = S3Client.builder().endpointOverride(server.endpoint()).forcePathStyle(true)
                .region(Region.US_EAST_1).httpClient(S3EmailSource.httpClient())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("triage-test-access-key", "wrong")))
                .build();
        EmailIngestHandler handler = new EmailIngestHandler(new S3EmailSource(wrongSecret), FakeTriage.service());

        try (wrongSecret) {
            assertThatThrownBy(() -> handler.handleRequest(EventLoader.loadS3Event("events/email-object-created.json"), null))
                    .isInstanceOf(EmailIngestException.class)
                    .hasMessageContaining("S3Exception");
        }
    }

    @Test
    void oneFailedRecordFailsTheWholeEventAndItsRetryIsIdempotent() {
        String unreadable = "ticket-triage-email-not-yet-created";
        S3Event event = S3Events.load("email-object-created.json",
                BUCKET + "/inbound/plain-bug-report.eml", unreadable + "/inbound/ses-stored-account.eml");
        EmailRecordResult alone = handler().handleRequest(
                S3Events.load("email-object-created.json", BUCKET + "/inbound/plain-bug-report.eml"), null).results().get(0);

        assertThatThrownBy(() -> handler().handleRequest(event, null))
                .isInstanceOf(EmailIngestException.class)
                .hasMessageContaining("1 of 2 records")
                .hasMessageContaining("s3://" + unreadable + "/inbound/ses-stored-account.eml")
                .hasMessageNotContaining("plain-bug-report");

        // The cause clears (here: the bucket appears); Lambda's retry of the same event now succeeds whole.
        server.put(unreadable, "inbound/ses-stored-account.eml", Corpus.bytes("ses-stored-account.eml"));
        EmailIngestResult retried = handler().handleRequest(event, null);

        assertThat(retried.results()).extracting(EmailRecordResult::outcome).containsExactly("triaged", "triaged");
        assertThat(retried.results().get(0)).isEqualTo(alone);
        assertThat(retried.results().get(1).ticketId()).isEqualTo("CAF=ses-stored-24@mail.example.com");
    }

    @SuppressWarnings("unchecked")
    private static String lambdaJson(EmailIngestResult result) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ((PojoSerializer<Object>) (PojoSerializer<?>) JacksonFactory.getInstance().getSerializer(EmailIngestResult.class))
                .toJson(result, out);
        return out.toString(java.nio.charset.StandardCharsets.UTF_8);
    }
}
