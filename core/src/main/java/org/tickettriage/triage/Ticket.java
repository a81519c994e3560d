package org.tickettriage.triage;

import java.time.Instant;
import java.util.List;

/**
 * One incoming ticket, whatever channel it came from: its text and what is known about who sent it and how.
 * Values are as the caller gave them; {@link TriageService} checks them.
 *
 * @param ticketId     the caller's id, or null to have one assigned
 * @param subject      the subject, or null
 * @param description  the body, or null
 * @param priority     the priority the caller supplied (a label of the active priority scale), or null
 * @param timestamp    when the ticket was created, or null
 * @param requester    the requester's email address, or null; kept for connectors, never routed on or logged
 * @param organization the customer's organization, or null
 * @param tier         the customer's plan ({@code enterprise}, {@code free}, ...), or null
 * @param channel      how the ticket arrived ({@code email}, {@code web}, ...), or null
 * @param language     an ISO 639-1 code ({@code en}, {@code de}), or null
 * @param tags         the ticket's tags, or null
 */
public record Ticket(String ticketId, String subject, String description, String priority, Instant timestamp,
                     String requester, String organization, String tier, String channel, String language,
                     List<String> tags) {

    /** A ticket without attributes: its text, the caller's id and priority, and when it was created. */
    public Ticket(String ticketId, String subject, String description, String priority, Instant timestamp) {
        this(ticketId, subject, description, priority, timestamp, null, null, null, null, null, null);
    }

    /** Counts and presence only: the text, the requester and the organization are customer data. */
    @Override
    public String toString() {
        return "Ticket[ticketId " + (ticketId == null ? "absent" : "present")
                + ", subject " + length(subject) + ", description " + length(description)
                + ", priority " + (priority == null ? "absent" : "present")
                + ", requester " + (requester == null ? "absent" : "present")
                + ", organization " + (organization == null ? "absent" : "present")
                + ", tier=" + tier + ", channel=" + channel + ", language=" + language
                + ", " + (tags == null ? 0 : tags.size()) + " tags]";
    }

    private static String length(String text) {
        return text == null ? "absent" : text.length() + " chars";
    }
}
