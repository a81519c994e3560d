package org.tickettriage.connectors;

/**
 * Where write-backs go that will not be written: in AWS, an SQS dead-letter queue with an alarm (the function
 * implements this); in {@code ./triage serve}, {@link InMemoryDeadLetters}.
 */
public interface DeadLetterSink {

    /** Keeps {@code letter} for an operator. Implementations never log the plan's note (it quotes the ticket). */
    void accept(DeadLetter letter);
}
