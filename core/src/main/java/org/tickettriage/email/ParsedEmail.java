package org.tickettriage.email;

import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What {@link EmailParser} read from one raw message, before any triage decision.
 *
 * @param headers       the top-level header fields, by lower-case name, values unfolded (encoded-words left as sent)
 * @param messageId     the Message-ID without its angle brackets, or null
 * @param sender        the From address (else Sender, else Return-Path), or null
 * @param date          the Date header, or null when absent or unreadable
 * @param subject       the subject, encoded-words decoded, or empty
 * @param text          the customer's new text: best body part, quotes and signature removed, forwarded messages appended
 * @param attachments   how many parts were skipped as attachments (inline images included)
 * @param forwarded     how many forwarded messages ({@code message/rfc822}) were read
 * @param contentSha256 the SHA-256 of the message (up to the parser's size cap), hex: a stable id for a message without a Message-ID
 * @param warnings      what could not be read as sent (broken structure, unknown charset, invalid bytes, cuts)
 * @param malformed     why the MIME structure could not be read whole, or null when it could
 */
public record ParsedEmail(
        Map<String, List<String>> headers,
        String messageId,
        String sender,
        Instant date,
        String subject,
        String text,
        int attachments,
        int forwarded,
        String contentSha256,
        List<String> warnings,
        String malformed) {

    /** The first value of header {@code name} (any case), or null. */
    public String header(String name) {
        List<String> values = headers.get(name.toLowerCase(Locale.ROOT));
        return values == null || values.isEmpty() ? null : values.get(0);
    }
}
