package org.tickettriage.email;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.tickettriage.triage.EmailAddress;
import org.tickettriage.triage.InvalidTicketException;
import org.tickettriage.triage.Ticket;
import org.tickettriage.triage.TriageResult;
import org.tickettriage.triage.TriageService;

/**
 * One raw email to an {@link EmailOutcome}: parses it, leaves out what no person wrote, turns the rest
 * into a {@link Ticket} (Message-ID as ticket id, Date as timestamp, the sender as requester, channel
 * {@code email}) and triages it. Deterministic: the
 * same bytes always give the same outcome, so a redelivered message is recognised by its ticket id.
 * Shared by the Lambda handler and {@code ./triage ingest-email}; thread-safe.
 */
public final class EmailTriage {

    /** Prefix of a ticket id made from a hash, for messages without a usable Message-ID. */
    public static final String HASH_ID_PREFIX = "sha256:";
    private static final int HASH_ID_HEX_CHARS = 40;
    /** The {@code channel} attribute of every ticket made from an email, as routing conditions test it. */
    public static final String CHANNEL = "email";

    private final TriageService service;
    private final EmailParser parser;

    /** Triage with {@code service}, parsing with the default limits. */
    public EmailTriage(TriageService service) {
        this(service, new EmailParser());
    }

    /** Triage with {@code service}, parsing with {@code parser}. */
    public EmailTriage(TriageService service, EmailParser parser) {
        this.service = Objects.requireNonNull(service, "service");
        this.parser = Objects.requireNonNull(parser, "parser");
    }

    /**
     * Parses and triages one raw message. Never fails on the message's content.
     *
     * @throws IOException when {@code raw} itself cannot be read (the caller may retry)
     */
    public EmailOutcome process(InputStream raw) throws IOException {
        return decide(parser.parse(raw));
    }

    /** The outcome for an already parsed message. */
    EmailOutcome decide(ParsedEmail email) {
        String ticketId = ticketId(email);
        List<String> warnings = new ArrayList<>(email.warnings());
        String subject = cut(email.subject().strip(), TriageService.MAX_SUBJECT_CHARS, "subject", warnings);
        String text = cut(email.text().strip(), TriageService.MAX_DESCRIPTION_CHARS, "text", warnings);
        String date = email.date() == null ? null : email.date().toString();

        Optional<AutomatedMail.Verdict> verdict = AutomatedMail.check(email);
        if (verdict.isPresent() && verdict.get().skip()) {
            return new EmailOutcome(EmailOutcome.SKIPPED, verdict.get().reason(), verdict.get().detail(), ticketId,
                    email.messageId(), email.sender(), subject, date, email.attachments(), List.copyOf(warnings), null);
        }
        if (subject.isEmpty() && text.isEmpty()) {
            String reason = email.malformed() != null ? "malformed" : "empty";
            String detail = email.malformed() != null ? email.malformed()
                    : "The message has neither a subject nor any text of its own (only quotes, a signature or attachments).";
            return new EmailOutcome(EmailOutcome.REVIEW, reason, detail, ticketId, email.messageId(), email.sender(),
                    subject, date, email.attachments(), List.copyOf(warnings), null);
        }
        TriageResult result;
        try {
            result = service.triage(ticket(ticketId, subject, text, email));
        } catch (InvalidTicketException e) {
            return new EmailOutcome(EmailOutcome.REVIEW, e.code(), e.getMessage(), ticketId, email.messageId(),
                    email.sender(), subject, date, email.attachments(), List.copyOf(warnings), null);
        }
        String outcome = EmailOutcome.TRIAGED;
        String reason = null;
        String detail = null;
        if (verdict.isPresent()) {
            outcome = EmailOutcome.REVIEW;
            reason = verdict.get().reason();
            detail = verdict.get().detail();
        } else if (email.malformed() != null) {
            outcome = EmailOutcome.REVIEW;
            reason = "malformed";
            detail = email.malformed() + " The triage of what could be read is attached.";
        }
        return new EmailOutcome(outcome, reason, detail, ticketId, email.messageId(), email.sender(), subject, date,
                email.attachments(), List.copyOf(warnings), result);
    }

    /** The ticket made from a message: its text, Message-ID and Date, the sender as requester, channel email. */
    static Ticket ticket(String ticketId, String subject, String text, ParsedEmail email) {
        return new Ticket(ticketId, subject, text, null, email.date(), requester(email), null, null, CHANNEL, null, null);
    }

    /**
     * The sender's address as the ticket's requester, when it is one plausible address; an odd From header must not
     * keep a customer's message from being triaged, so it is left out instead.
     */
    private static String requester(ParsedEmail email) {
        String sender = email.sender() == null ? null : email.sender().strip();
        return EmailAddress.isPlausible(sender) ? sender : null;
    }

    /**
     * The Message-ID when it is a usable ticket id, else a SHA-256 of it (too long, control characters)
     * or of the message's bytes (no Message-ID): either way the same message always gets the same id.
     */
    static String ticketId(ParsedEmail email) {
        String messageId = email.messageId();
        if (messageId == null) {
            return HASH_ID_PREFIX + email.contentSha256().substring(0, HASH_ID_HEX_CHARS);
        }
        if (messageId.length() <= TriageService.MAX_TICKET_ID_CHARS && messageId.chars().noneMatch(Character::isISOControl)) {
            return messageId;
        }
        return HASH_ID_PREFIX + sha256(messageId).substring(0, HASH_ID_HEX_CHARS);
    }

    private static String cut(String text, int max, String what, List<String> warnings) {
        if (text.length() <= max) {
            return text;
        }
        int end = Character.isHighSurrogate(text.charAt(max - 1)) ? max - 1 : max;
        warnings.add("The " + what + " has " + text.length() + " characters; the first " + end + " were triaged.");
        return text.substring(0, end).strip();
    }

    private static String sha256(String text) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
