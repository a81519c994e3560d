package org.tickettriage.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tickettriage.aws.AwsClients;
import org.tickettriage.aws.AwsWebhooks;
import org.tickettriage.aws.SqsWriteBackQueue;
import org.tickettriage.aws.WriteBackMessage;
import org.tickettriage.connectors.RetryPolicy;
import org.tickettriage.connectors.WriteBackWriter;
import org.tickettriage.triage.TriageSettings;

/**
 * The write-back queue's consumer: one attempt per message with {@link WriteBackWriter#attempt}. Written: nothing
 * follows. To be retried: the revised message is sent again with its delay and the original reported done. Given up:
 * the writer has sent it to the dead-letter queue with the reason. Anything unexpected (a message this writer cannot
 * read, SQS unreachable) is a batch item failure, and SQS delivers the message again (after its
 * {@code maxReceiveCount}, to the dead-letter queue itself).
 */
public final class WriteBackHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBackHandler.class);

    private final WriteBackWriter writer;
    private final SqsWriteBackQueue queue;
    private final Clock clock;

    /** The Lambda entry point: settings, secrets and clients at init (inside the SnapStart snapshot). */
    public WriteBackHandler() {
        // The settings are checked first (arguments run in order): a missing variable is named, not a missing region.
        this(AwsWebhooks.writer(AwsWebhooks.checkedForWriter(TriageSettings.processEnvironment()),
                AwsClients.secretsManager(), AwsClients.sqs(), RetryPolicy.DEFAULT, Clock.systemUTC()), Clock.systemUTC());
    }

    /** A handler over {@code writer} (tests). */
    public WriteBackHandler(AwsWebhooks.Writer writer, Clock clock) {
        this.writer = Objects.requireNonNull(writer, "writer").writer();
        this.queue = writer.queue();
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        List<SQSEvent.SQSMessage> records = event == null || event.getRecords() == null ? List.of() : event.getRecords();
        for (SQSEvent.SQSMessage message : records) {
            try {
                handle(message);
            } catch (RuntimeException e) {
                // The message may quote the plan's note: the type and the message id only.
                LOG.error("write-back message {} failed ({}); SQS delivers it again", message.getMessageId(),
                        e.getClass().getName());
                failures.add(new SQSBatchResponse.BatchItemFailure(message.getMessageId()));
            }
        }
        return new SQSBatchResponse(failures);
    }

    private void handle(SQSEvent.SQSMessage message) {
        WriteBackMessage queued = WriteBackMessage.fromJson(message.getBody());
        if (queued.notBefore().isPresent() && queued.notBefore().get().isAfter(clock.instant())) {
            queue.holdUntil(queued.pending(), queued.notBefore().get());
            return;
        }
        WriteBackWriter.Step step = writer.attempt(queued.pending());
        if (step instanceof WriteBackWriter.Step.Retry retry) {
            queue.retry(retry.next(), retry.delay());
        }
    }
}
