package org.tickettriage.connectors;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Applies queued write-backs and decides what follows each attempt: done, again after a wait, or the dead-letter sink.
 * The queue keeps the waiting ({@link InProcessWriteBackQueue} here; in AWS, SQS with a visibility timeout); this
 * class keeps no state, so any number of workers may share it.
 */
public final class WriteBackWriter {

    private static final Logger LOG = LoggerFactory.getLogger(WriteBackWriter.class);

    private final Map<String, Connector> connectors;
    private final RetryPolicy policy;
    private final DeadLetterSink deadLetters;
    private final Clock clock;

    public WriteBackWriter(Iterable<Connector> connectors, RetryPolicy policy, DeadLetterSink deadLetters, Clock clock) {
        this.connectors = java.util.stream.StreamSupport.stream(connectors.spliterator(), false)
                .collect(Collectors.toUnmodifiableMap(Connector::name, Function.identity()));
        this.policy = Objects.requireNonNull(policy, "policy");
        this.deadLetters = Objects.requireNonNull(deadLetters, "deadLetters");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** What follows an attempt. */
    public sealed interface Step {

        /** Written; nothing follows. */
        record Done(String reason) implements Step {
        }

        /** To be tried again, as {@code next}, after {@code delay}. */
        record Retry(PendingWriteBack next, Duration delay, String reason) implements Step {
        }

        /** Given up on: the letter is in the dead-letter sink already. */
        record DeadLettered(DeadLetter letter) implements Step {
        }
    }

    /** Makes one attempt at {@code pending} and says what follows; never throws. */
    public Step attempt(PendingWriteBack pending) {
        WriteBack writeBack = pending.writeBack();
        int attempts = pending.attempts() + 1;
        Connector connector = connectors.get(writeBack.connector());
        if (connector == null) {
            return deadLetter(writeBack, attempts, "the " + writeBack.connector() + " connector is off");
        }
        Attempt attempt;
        try {
            attempt = connector.apply(writeBack, pending.attempts() > 0);
        } catch (RuntimeException e) {
            // A connector maps every answer itself; an exception is a bug. Its message may quote the plan: type only.
            attempt = Attempt.retry("the connector failed (" + e.getClass().getName() + ")", null, writeBack);
        }
        WriteBack next = attempt.revised() == null ? writeBack : attempt.revised();
        switch (attempt.outcome()) {
            case DONE -> {
                LOG.info("write-back done: {} ticket {}, delivery {}, attempt {}: {}", writeBack.connector(),
                        writeBack.ticketId(), writeBack.deliveryKey(), attempts, attempt.reason());
                return new Step.Done(attempt.reason());
            }
            case UNAUTHORIZED -> {
                if (pending.secretsReread()) {
                    return deadLetter(next, attempts, attempt.reason() + ", again after the secrets were re-read");
                }
                try {
                    connector.refreshSecrets();
                } catch (SecretsSource.SecretsUnavailableException e) {
                    return deadLetter(next, attempts, attempt.reason() + "; the secrets could not be re-read: " + e.getMessage());
                }
                LOG.info("write-back unauthorized: {} ticket {}: secrets re-read, trying again", writeBack.connector(),
                        writeBack.ticketId());
                return new Step.Retry(new PendingWriteBack(next, attempts, true), Duration.ZERO, attempt.reason());
            }
            case FAILED -> {
                return deadLetter(next, attempts, attempt.reason());
            }
            case RETRY -> {
                if (attempts >= policy.maxAttempts()) {
                    return deadLetter(next, attempts, "gave up after " + attempts + " attempts: " + attempt.reason());
                }
                Duration delay = policy.delay(attempts, attempt.retryAfter());
                LOG.info("write-back retry: {} ticket {}, attempt {} of {}: {}; next in {} ms", writeBack.connector(),
                        writeBack.ticketId(), attempts, policy.maxAttempts(), attempt.reason(), delay.toMillis());
                return new Step.Retry(new PendingWriteBack(next, attempts, pending.secretsReread()), delay, attempt.reason());
            }
            default -> throw new IllegalStateException("unknown outcome " + attempt.outcome());
        }
    }

    private Step deadLetter(WriteBack writeBack, int attempts, String reason) {
        DeadLetter letter = new DeadLetter(writeBack, attempts, reason, clock.instant());
        deadLetters.accept(letter);
        return new Step.DeadLettered(letter);
    }
}
