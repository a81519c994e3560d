package org.tickettriage.aws;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tickettriage.connectors.DeadLetter;
import org.tickettriage.connectors.DeadLetterSink;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The write-back dead-letter queue on SQS (its alarm is in template.yaml): each letter is the queue's message with its
 * {@code deadLetter} reason, so that a redrive replays it. An SDK failure propagates: the writer's handler then has SQS
 * deliver the original message again rather than lose it.
 */
public final class SqsDeadLetterSink implements DeadLetterSink {

    private static final Logger LOG = LoggerFactory.getLogger(SqsDeadLetterSink.class);

    private final SqsClient client;
    private final String queueUrl;

    public SqsDeadLetterSink(SqsClient client, String queueUrl) {
        this.client = Objects.requireNonNull(client, "client");
        this.queueUrl = Objects.requireNonNull(queueUrl, "queueUrl");
    }

    @Override
    public void accept(DeadLetter letter) {
        client.sendMessage(request -> request.queueUrl(queueUrl).messageBody(WriteBackMessage.toJson(letter)));
        // The letter's own line: identifiers, attempts and reason, never the note.
        LOG.warn("write-back {}", letter);
    }
}
