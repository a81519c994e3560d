package org.tickettriage.email;

import java.util.Locale;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Recognises mail that no person wrote to support: auto-replies, bounces, bulk mail, and what SES's
 * scan flagged. Headers decide first (RFC 3834 {@code Auto-Submitted}, the {@code X-Autoreply} family,
 * {@code Precedence}, delivery reports, the null return path); the subject is a last resort for
 * clients that set none of them.
 */
final class AutomatedMail {

    /**
     * Why a message is not a ticket, or needs a person first.
     *
     * @param reason a stable code: {@code auto_reply}, {@code auto_generated}, {@code bounce}, {@code bulk},
     *               {@code virus}, {@code spam_suspected}
     * @param detail a sentence naming the header or pattern that decided (never the customer's text)
     * @param skip   true when the message is not triaged at all; false when it is triaged but sent to review
     */
    record Verdict(String reason, String detail, boolean skip) {
    }

    private static final Pattern DAEMON = Pattern.compile("^(mailer-daemon|postmaster|mail-daemon|mailerdaemon)@.*",
            Pattern.CASE_INSENSITIVE);
    private static final Pattern AUTO_REPLY_SUBJECT = Pattern.compile(
            "^(automatic reply|auto[- ]?reply|autoreply|auto[- ]?response|out of (the )?office( reply| autoreply)?|"
                    + "abwesenheitsnotiz|automatische antwort|réponse automatique|respuesta automática|risposta automatica)"
                    + "\\s*:.*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);
    private static final Pattern BOUNCE_SUBJECT = Pattern.compile(
            "^(undeliverable|undelivered mail returned to sender|delivery status notification \\(failure\\)|"
                    + "mail delivery failed|returned mail|delivery failure|failure notice|unzustellbar)\\b.*",
            Pattern.CASE_INSENSITIVE | Pattern.UNICODE_CASE);

    private AutomatedMail() {
    }

    /** The verdict on {@code email}, or empty when a person wrote it. */
    static Optional<Verdict> check(ParsedEmail email) {
        String virus = lower(email.header("X-SES-Virus-Verdict"));
        if (virus.equals("fail")) {
            return skip("virus", "SES's scan found a virus (X-SES-Virus-Verdict: FAIL); the message is kept in the bucket.");
        }
        String autoSubmitted = lower(email.header("Auto-Submitted"));
        if (!autoSubmitted.isEmpty() && !autoSubmitted.startsWith("no")) {
            return autoSubmitted.startsWith("auto-replied")
                    ? skip("auto_reply", "Auto-Submitted: auto-replied (RFC 3834).")
                    : skip("auto_generated", "Auto-Submitted: " + token(autoSubmitted) + " (RFC 3834).");
        }
        for (String header : new String[] {"X-Autoreply", "X-Autorespond", "X-Autoresponder", "X-Auto-Reply"}) {
            if (email.header(header) != null) {
                return skip("auto_reply", "The " + header + " header marks an auto-reply.");
            }
        }
        String contentType = lower(email.header("Content-Type"));
        if (contentType.startsWith("multipart/report") && contentType.contains("delivery-status")) {
            return skip("bounce", "A delivery status report (multipart/report; report-type=delivery-status).");
        }
        if (contentType.startsWith("multipart/report") && contentType.contains("disposition-notification")) {
            return skip("auto_generated", "A read receipt (multipart/report; report-type=disposition-notification).");
        }
        if (email.header("X-Failed-Recipients") != null) {
            return skip("bounce", "The X-Failed-Recipients header marks a bounce.");
        }
        if (email.sender() != null && DAEMON.matcher(email.sender()).matches()) {
            return skip("bounce", "Sent by a mail server's daemon address (" + localPart(email.sender()) + ").");
        }
        String returnPath = email.header("Return-Path");
        if (returnPath != null && returnPath.replaceAll("\\s", "").equals("<>")) {
            return skip("bounce", "Sent with the null return path (Return-Path: <>), as bounces and notifications are.");
        }
        String precedence = lower(email.header("Precedence"));
        switch (token(precedence)) {
            case "bulk", "junk", "list" -> {
                return skip("bulk", "Precedence: " + token(precedence) + " marks bulk or list mail.");
            }
            case "auto_reply" -> {
                return skip("auto_reply", "Precedence: auto_reply.");
            }
            default -> {
                // not bulk
            }
        }
        if (AUTO_REPLY_SUBJECT.matcher(email.subject()).matches()) {
            return skip("auto_reply", "The subject starts like an auto-reply's.");
        }
        if (BOUNCE_SUBJECT.matcher(email.subject()).matches()) {
            return skip("bounce", "The subject starts like a bounce's.");
        }
        if (lower(email.header("X-SES-Spam-Verdict")).equals("fail")) {
            // A spam verdict can be wrong about a customer: a person looks rather than the message being dropped.
            return Optional.of(new Verdict("spam_suspected", "SES's scan judged the message spam (X-SES-Spam-Verdict: FAIL).",
                    false));
        }
        return Optional.empty();
    }

    private static Optional<Verdict> skip(String reason, String detail) {
        return Optional.of(new Verdict(reason, detail, true));
    }

    private static String lower(String value) {
        return value == null ? "" : value.strip().toLowerCase(Locale.ROOT);
    }

    /** The header's keyword without parameters or comments, e.g. {@code bulk} from {@code bulk (mailer)}. */
    /**
     * The header's keyword for a detail: an RFC 3834 keyword (ASCII letters, digits and '-', at most 40), never other
     * text, since a detail must not quote the message (a header can carry any words).
     */
    private static String token(String value) {
        String token = value.split("[;(\\s]", 2)[0];
        return token.matches("[a-z0-9-]{1,40}") ? token : "a value other than \"no\"";
    }

    private static String localPart(String address) {
        int at = address.indexOf('@');
        return (at < 0 ? address : address.substring(0, at)).toLowerCase(Locale.ROOT);
    }
}
