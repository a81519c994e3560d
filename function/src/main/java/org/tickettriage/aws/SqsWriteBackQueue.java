package org.tickettriage.aws;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import org.tickettriage.connectors.PendingWriteBack;
import org.tickettriage.connectors.WriteBack;
import org.tickettriage.connectors.WriteBackQueue;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The write-back queue on SQS: the receiver sends each plan ({@link #submit}), the writer sends a retry again with its
 * delay ({@link #retry}). SQS delays a message by 15 minutes at most; a longer wait (a helpdesk's {@code Retry-After})
 * goes with the message as {@code notBefore}, and the writer sends it on again until then.
 */
public final class SqsWriteBackQueue implements WriteBackQueue {

    /** SQS's longest {@code DelaySeconds}. */
    public static final int MAX_DELAY_SECONDS = 900;

    private final SqsClient client;
    private final String queueUrl;
    private final Clock clock;

    public SqsWriteBackQueue(SqsClient client, String queueUrl, Clock clock) {
        this.client = Objects.requireNonNull(client, "client");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void submit(WriteBack writeBack) {
        send(WriteBackMessage.toJson(PendingWriteBack.first(writeBack), Optional.empty()), 0);
    }

    /**
     * Queues {@code next} to be attempted after {@code delay}.
     *
     * @throws QueueUnavailableException when it cannot be sent (the writer then has SQS deliver the original again)
     */
    public void retry(PendingWriteBack next, Duration delay) {
        holdUntil(next, clock.instant().plus(delay.isNegative() ? Duration.ZERO : delay));
    }

    /** Queues {@code pending} to be attempted at {@code notBefore}: as SQS's delay, or as far as it goes and the time in the message. */
    public void holdUntil(PendingWriteBack pending, Instant notBefore) {
        long seconds = Math.max(0, Duration.between(clock.instant(), notBefore).toMillis() + 999) / 1000;
        boolean beyondDelay = seconds > MAX_DELAY_SECONDS;
        send(WriteBackMessage.toJson(pending, beyondDelay ? Optional.of(notBefore) : Optional.empty()),
                (int) Math.min(seconds, MAX_DELAY_SECONDS));
    }

    private void send(String body, int delaySeconds) {
        try {
            client.sendMessage(request -> request.queueUrl(queueUrl).messageBody(body).delaySeconds(delaySeconds));
        } catch (SdkException e) {
            throw new QueueUnavailableException("the write-back queue could not be reached (" + e.getClass().getName() + ")");
        }
    }
}
