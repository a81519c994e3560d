package org.tickettriage.connectors;

import java.time.Duration;
import java.util.Objects;

/**
 * How one attempt to apply a {@link WriteBack} ended, as the helpdesk answered it.
 *
 * @param outcome    what it means for the write-back
 * @param retryAfter for {@link Outcome#RETRY}: the wait the helpdesk asked for ({@code Retry-After}, GitHub's
 *                   rate-limit reset), or null for the writer's own backoff
 * @param reason     what happened, for the log and the dead letter: a status, a method and a path template, an
 *                   exception type; never a response body, a credential or ticket text
 * @param revised    the plan to retry with, when the connector changed it (Zendesk's new {@code updated_stamp}
 *                   after a {@code 409}); else the same plan
 */
public record Attempt(Outcome outcome, Duration retryAfter, String reason, WriteBack revised) {

    /** What an attempt means for the write-back. */
    public enum Outcome {
        /** Written (or found already written by an earlier attempt). */
        DONE,
        /** Worth trying again: a 5xx, a timeout, a network error, a 429 or rate limit, a Zendesk 409. */
        RETRY,
        /** The helpdesk refused the credentials: re-read the secrets once, then give up. */
        UNAUTHORIZED,
        /** Refused for good (another 4xx): not retried, reported. */
        FAILED
    }

    public Attempt {
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(reason, "reason");
    }

    public static Attempt done(String reason, WriteBack writeBack) {
        return new Attempt(Outcome.DONE, null, reason, writeBack);
    }

    public static Attempt retry(String reason, Duration after, WriteBack writeBack) {
        return new Attempt(Outcome.RETRY, after, reason, writeBack);
    }

    public static Attempt unauthorized(String reason, WriteBack writeBack) {
        return new Attempt(Outcome.UNAUTHORIZED, null, reason, writeBack);
    }

    public static Attempt failed(String reason, WriteBack writeBack) {
        return new Attempt(Outcome.FAILED, null, reason, writeBack);
    }
}
