package org.tickettriage.handler;

import java.util.List;
import org.tickettriage.email.EmailOutcome;
import org.tickettriage.triage.TriageResult;

/**
 * One S3 record's result: where the raw message is stored, and what became of it (see {@link EmailOutcome}).
 * Flat, so that an EventBridge rule can match {@code detail.responsePayload.results.outcome} or
 * {@code detail.responsePayload.results.triage.team} directly.
 *
 * @param bucket      the bucket holding the raw message
 * @param key         the object key (URL-decoded)
 * @param outcome     {@code triaged}, {@code skipped} or {@code review}
 * @param reason      why skipped or sent to review; null when triaged
 * @param detail      a sentence explaining the reason
 * @param ticketId    the ticket id (the Message-ID, or a hash when it has none)
 * @param messageId   the Message-ID, or null
 * @param sender      the sender's address, or null
 * @param subject     the decoded subject, or null
 * @param date        the Date header as ISO-8601, or null
 * @param attachments how many attachments were skipped
 * @param warnings    what could not be read as sent
 * @param triage      the triage result, when there was text to triage
 */
public record EmailRecordResult(
        String bucket,
        String key,
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

    /** The result for the object {@code bucket}/{@code key}. */
    public static EmailRecordResult of(String bucket, String key, EmailOutcome email) {
        return new EmailRecordResult(bucket, key, email.outcome(), email.reason(), email.detail(), email.ticketId(),
                email.messageId(), email.sender(), email.subject(), email.date(), email.attachments(), email.warnings(),
                email.triage());
    }
}
