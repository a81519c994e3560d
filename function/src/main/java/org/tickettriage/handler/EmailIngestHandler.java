package org.tickettriage.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.S3Event;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3EventNotificationRecord;
import com.amazonaws.services.lambda.runtime.events.models.s3.S3EventNotification.S3ObjectEntity;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tickettriage.email.EmailOutcome;
import org.tickettriage.email.EmailParser;
import org.tickettriage.email.EmailTriage;
import org.tickettriage.triage.TriageResult;
import org.tickettriage.triage.TriageService;
import org.tickettriage.triage.TriageServices;

/**
 * Inbound email: SES stores each raw message in S3, the object-created notification invokes this
 * handler asynchronously, and it reads every object named in the event, triages it and returns one
 * {@link EmailRecordResult} per record (which Lambda's on-success destination puts on EventBridge).
 *
 * <p>Nothing is lost: a record that cannot be read or triaged now fails the whole invocation
 * ({@link EmailIngestException}), so Lambda retries the event and finally hands it to the dead-letter
 * queue; records already triaged give the same result again, their ticket id being the Message-ID.
 * An object that no longer exists cannot come back, so it is reported for review instead of retried.
 */
public final class EmailIngestHandler implements RequestHandler<S3Event, EmailIngestResult> {

    private static final Logger LOG = LoggerFactory.getLogger(EmailIngestHandler.class);

    private final EmailSource source;
    private final EmailTriage triage;

    /** The Lambda entry point: S3 through the SDK, the container-wide service. */
    public EmailIngestHandler() {
        this(S3EmailSource.fromEnvironment(), TriageServices.shared());
    }

    /** A handler reading from {@code source} and triaging with {@code service} (tests, local runs). */
    public EmailIngestHandler(EmailSource source, TriageService service) {
        this(source, new EmailTriage(service, new EmailParser()));
    }

    EmailIngestHandler(EmailSource source, EmailTriage triage) {
        this.source = Objects.requireNonNull(source, "source");
        this.triage = Objects.requireNonNull(triage, "triage");
    }

    @Override
    public EmailIngestResult handleRequest(S3Event event, Context context) {
        List<S3EventNotificationRecord> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<EmailRecordResult> results = new ArrayList<>(records.size());
        List<String> failures = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (S3EventNotificationRecord record : records) {
            String bucket = record.getS3() == null || record.getS3().getBucket() == null ? null : record.getS3().getBucket().getName();
            S3ObjectEntity object = record.getS3() == null ? null : record.getS3().getObject();
            String key = object == null ? null : object.getUrlDecodedKey();
            if (bucket == null || key == null || record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated")) {
                // S3's test event and other event types name no new message; reported, never retried.
                results.add(EmailRecordResult.of(bucket, key, EmailOutcome.reviewWithoutMessage("not_an_email",
                        "The record is not an object-created notification (" + record.getEventName() + ").")));
                continue;
            }
            try {
                results.add(EmailRecordResult.of(bucket, key, ingest(bucket, key, object.getVersionId())));
            } catch (EmailObjectMissingException e) {
                LOG.warn("s3://{}/{} is gone; reported for review: {}", bucket, key, e.getMessage());
                results.add(EmailRecordResult.of(bucket, key, EmailOutcome.reviewWithoutMessage("object_missing",
                        e.getMessage() + " The email cannot be read again from the bucket; retrying would not bring it back.")));
            } catch (IOException | RuntimeException e) {
                RuntimeException failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                LOG.error("s3://{}/{} could not be triaged now ({}: {}); the event will be retried", bucket, key,
                        e.getClass().getName(), e.getMessage());
                failures.add("s3://" + bucket + "/" + key + ": " + e.getClass().getSimpleName() + ": " + e.getMessage());
                if (firstFailure == null) {
                    firstFailure = failure;
                } else {
                    firstFailure.addSuppressed(failure);
                }
            }
        }
        if (!failures.isEmpty()) {
            throw new EmailIngestException(failures.size() + " of " + records.size()
                    + " records could not be triaged; the event fails so that Lambda retries it (then the dead-letter queue): "
                    + String.join("; ", failures), firstFailure);
        }
        return new EmailIngestResult(results);
    }

    private EmailOutcome ingest(String bucket, String key, String versionId) throws IOException {
        long started = System.nanoTime();
        EmailOutcome outcome;
        try (InputStream raw = source.open(bucket, key, versionId)) {
            outcome = triage.process(raw);
        }
        // Where it went and why, never what it says: subject, text and addresses are customer data.
        TriageResult result = outcome.triage();
        LOG.info("s3://{}/{} -> {}{}{} in {} ms", bucket, key, outcome.outcome(),
                outcome.reason() == null ? "" : " (" + outcome.reason() + ")",
                result == null ? "" : " " + result.category() + " -> " + result.queue(),
                (System.nanoTime() - started) / 1_000_000);
        LOG.debug("s3://{}/{} ticket id {}", bucket, key, outcome.ticketId());
        return outcome;
    }
}
