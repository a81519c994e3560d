package org.tickettriage.connectors;

import java.time.Instant;
import java.util.Objects;

/**
 * A write-back given up on, and why: what an operator needs to act (the helpdesk, the ticket, the delivery, the last
 * answer), and the plan itself to replay it.
 *
 * @param writeBack the plan as the last attempt left it (its note is customer-derived: never logged)
 * @param attempts  the attempts made
 * @param reason    why it was given up: the last answer or failure, never a body or a secret
 * @param at        when
 */
public record DeadLetter(WriteBack writeBack, int attempts, String reason, Instant at) {

    public DeadLetter {
        Objects.requireNonNull(writeBack, "writeBack");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(at, "at");
    }

    /** The line an operator reads: identifiers, attempts and reason, nothing of the ticket's text. */
    @Override
    public String toString() {
        return "dead letter: " + writeBack.connector() + " ticket " + writeBack.ticketId() + ", delivery "
                + writeBack.deliveryKey() + ", " + attempts + " attempt(s), " + reason;
    }
}
