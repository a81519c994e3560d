package org.tickettriage.email;

import java.util.List;
import org.tickettriage.triage.TriageResult;

/**
 * What became of one email: triaged as a ticket, skipped (no person wrote it), or sent to review.
 * Serialized as is into the Lambda result and by {@code ./triage ingest-email --json}.
 *
 * @param outcome     {@code triaged}, {@code skipped} or {@code review}
 * @param reason      why it was skipped or sent to review, a stable code (see {@code docs/EMAIL.md}); null when triaged
 * @param detail      a sentence explaining the reason; never quotes the message
 * @param ticketId    the ticket id: the Message-ID, or a SHA-256 of the message when it has none; null when unread
 * @param messageId   the Message-ID without angle brackets, or null
 * @param sender      the sender's address, or null
 * @param subject     the decoded subject (cut at the ticket limit), or null
 * @param date        the Date header as ISO-8601, or null
 * @param attachments how many attachments were skipped
 * @param warnings    what could not be read as sent; empty when nothing
 * @param triage      the triage result; present when triaged, and for review when there was text to triage
 */
public record EmailOutcome(
        String outcome,
        String reason,
        String detail,
        String ticketId,
        String messageId,
        String sender,
        String subject,
        String date,
        int attachments,
        List<String> warnings,
        TriageResult triage) {

    /** The message was triaged as a ticket. */
    public static final String TRIAGED = "triaged";
    /** No person wrote the message (auto-reply, bounce, bulk, virus): it is not a ticket. */
    public static final String SKIPPED = "skipped";
    /** A person must look first (malformed, empty, suspected spam, object gone); triage is attached when possible. */
    public static final String REVIEW = "review";

    /** Review without any message content, e.g. when the stored object no longer exists. */
    public static EmailOutcome reviewWithoutMessage(String reason, String detail) {
        return new EmailOutcome(REVIEW, reason, detail, null, null, null, null, null, 0, List.of(), null);
    }
}
