package org.tickettriage.connectors;

/** What a connector made of one webhook delivery, before anything was triaged or queued. */
public sealed interface Inbound {

    /** A new ticket to triage: the signature held and the payload is one the connector triages. */
    record Accepted(HelpdeskTicket ticket) implements Inbound {
    }

    /**
     * A genuine delivery that needs no triage (another event type or action, our own write-back, a ping): answered
     * {@code 200} so that the helpdesk does not retry it.
     *
     * @param status {@code ignored} or {@code pong}
     * @param reason why, for the answer and the log (no customer data)
     */
    record Ignored(String status, String reason) implements Inbound {

        /** A delivery that needs no triage, for {@code reason}. */
        public static Ignored because(String reason) {
            return new Ignored("ignored", reason);
        }
    }

    /**
     * A delivery refused: a missing or wrong signature ({@code 401}), a stale timestamp ({@code 401}), a payload that
     * is not what the helpdesk documents ({@code 400}), one from an account or repository not allowed ({@code 403}).
     *
     * @param status  the HTTP status
     * @param code    the stable error code
     * @param message a sentence for the sender, never quoting the payload
     */
    record Rejected(int status, String code, String message) implements Inbound {
    }
}
