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
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
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

    private static final Logger LOG = LogManager.getLogger(EmailIngestHandler.class);
    /** The {@code Reason} of a record that failed now and is retried (its cause is in the log line, by type). */
    private static final String FAILURE_REASON = "not_processed";

    private final EmailSource source;
    private final EmailTriage triage;
    private final TriageService service;
    private final TriageMetrics metrics;

    /** The Lambda entry point: S3 through the SDK, the container-wide service and metrics. */
    public EmailIngestHandler() {
        this(S3EmailSource.fromEnvironment(), TriageServices.shared(), TriageMetrics.shared());
        metrics.prime();
    }

    /** A handler reading from {@code source} and triaging with {@code service}, recording no metrics (tests). */
    public EmailIngestHandler(EmailSource source, TriageService service) {
        this(source, service, TriageMetrics.off());
    }

    /** A handler reading from {@code source}, triaging with {@code service} and recording to {@code metrics}. */
    public EmailIngestHandler(EmailSource source, TriageService service, TriageMetrics metrics) {
        this.source = Objects.requireNonNull(source, "source");
        this.service = Objects.requireNonNull(service, "service");
        this.triage = new EmailTriage(service, new EmailParser());
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public EmailIngestResult handleRequest(S3Event event, Context context) {
        ThreadContext.put(LogFields.REQUEST_ID, context != null && context.getAwsRequestId() != null
                ? context.getAwsRequestId() : UUID.randomUUID().toString());
        TriageMetrics.Invocation recording = metrics.start();
        try {
            return ingestAll(event, recording);
        } finally {
            recording.flush();
            ThreadContext.remove(LogFields.REQUEST_ID);
        }
    }

    private EmailIngestResult ingestAll(S3Event event, TriageMetrics.Invocation recording) {
        List<S3EventNotificationRecord> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<EmailRecordResult> results = new ArrayList<>(records.size());
        List<String> failures = new ArrayList<>();
        RuntimeException firstFailure = null;
        for (S3EventNotificationRecord record : records) {
            long started = System.nanoTime();
            String bucket = record.getS3() == null || record.getS3().getBucket() == null ? null : record.getS3().getBucket().getName();
            S3ObjectEntity object = record.getS3() == null ? null : record.getS3().getObject();
            String key = object == null ? null : object.getUrlDecodedKey();
            EmailOutcome outcome;
            if (bucket == null || key == null || record.getEventName() == null || !record.getEventName().startsWith("ObjectCreated")) {
                // S3's test event and other event types name no new message; reported, never retried.
                outcome = EmailOutcome.reviewWithoutMessage("not_an_email",
                        "The record is not an object-created notification (" + record.getEventName() + ").");
            } else {
                try {
                    outcome = ingest(bucket, key, object.getVersionId(), recording);
                } catch (EmailObjectMissingException e) {
                    outcome = EmailOutcome.reviewWithoutMessage("object_missing", e.getMessage()
                            + " The email cannot be read again from the bucket; retrying would not bring it back.");
                } catch (IOException | RuntimeException e) {
                    RuntimeException failure = e instanceof RuntimeException runtime ? runtime : new IllegalStateException(e);
                    recording.emailFailed(FAILURE_REASON);
                    // The exception's type only: its message may quote the message it failed on.
                    LOG.error(new LogLine("Email could not be triaged now (" + e.getClass().getName() + "); the event will be retried")
                            .with(LogFields.BUCKET, bucket)
                            .with(LogFields.KEY, key)
                            .with(LogFields.EMAIL_OUTCOME, TriageMetrics.FAILED)
                            .with(LogFields.EMAIL_REASON, FAILURE_REASON)
                            .with(LogFields.LATENCY_MS, LogLine.millis(System.nanoTime() - started)));
                    // Lambda logs this invocation's error message: the exception's type, not its message.
                    failures.add("s3://" + bucket + "/" + key + ": " + e.getClass().getSimpleName());
                    if (firstFailure == null) {
                        firstFailure = failure;
                    } else {
                        firstFailure.addSuppressed(failure);
                    }
                    continue;
                }
            }
            logged(bucket, key, outcome, started, recording);
            results.add(EmailRecordResult.of(bucket, key, outcome));
        }
        if (!failures.isEmpty()) {
            throw new EmailIngestException(failures.size() + " of " + records.size()
                    + " records could not be triaged; the event fails so that Lambda retries it (then the dead-letter queue): "
                    + String.join("; ", failures), firstFailure);
        }
        return new EmailIngestResult(results);
    }

    private EmailOutcome ingest(String bucket, String key, String versionId, TriageMetrics.Invocation recording)
            throws IOException {
        long started = System.nanoTime();
        EmailOutcome outcome;
        try (InputStream raw = source.open(bucket, key, versionId)) {
            outcome = triage.process(raw);
        }
        if (outcome.triage() != null) {
            recording.ticket(outcome.triage(), System.nanoTime() - started, !service.health().modelLoaded(),
                    service.categories());
        }
        return outcome;
    }

    /** Records and logs one record's outcome: where it went and why, never what it says (customer data). */
    private static void logged(String bucket, String key, EmailOutcome outcome, long started,
                               TriageMetrics.Invocation recording) {
        recording.email(outcome);
        boolean gone = "object_missing".equals(outcome.reason());
        Level level = gone ? Level.WARN : Level.INFO;
        if (!LOG.isEnabled(level)) {
            return;
        }
        LogLine line = new LogLine(gone ? "Email object is gone; reported for review" : "Email " + outcome.outcome())
                .with(LogFields.BUCKET, bucket)
                .with(LogFields.KEY, key)
                .with(LogFields.EMAIL_OUTCOME, outcome.outcome())
                .with(LogFields.LATENCY_MS, LogLine.millis(System.nanoTime() - started));
        if (outcome.reason() != null) {
            line.with(LogFields.EMAIL_REASON, outcome.reason());
        }
        TriageResult result = outcome.triage();
        if (result != null) {
            line.with(LogFields.MODEL_VERSION, result.modelVersion())
                    .with(LogFields.DECIDED_BY, result.decidedBy())
                    .with(LogFields.CATEGORY, result.category())
                    .with(LogFields.PRIORITY, result.priority())
                    .with(LogFields.QUEUE, result.queue())
                    .with(LogFields.NEEDS_REVIEW, result.needsReview())
                    .with(LogFields.ESCALATED, result.escalated())
                    .with(LogFields.REASON_CODES, LogLine.reasonCodes(result));
        }
        LOG.log(level, line);
    }
}
