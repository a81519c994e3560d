package org.tickettriage.triage;

import java.time.Instant;

/**
 * One incoming ticket, whatever channel it came from.
 *
 * @param ticketId    the caller's id, or null to have one assigned
 * @param subject     the subject, or null
 * @param description the body, or null
 * @param priority    the priority the caller supplied (Low, Medium, High, Critical), or null
 * @param timestamp   when the ticket was created, or null
 */
public record Ticket(String ticketId, String subject, String description, String priority, Instant timestamp) {
}
