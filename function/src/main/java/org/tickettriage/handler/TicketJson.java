package org.tickettriage.handler;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.time.temporal.TemporalAccessor;
import java.util.ArrayList;
import java.util.List;
import org.tickettriage.triage.Ticket;

/**
 * Reads one ticket from its JSON object. Checks only JSON types and spellings; what the values must
 * be (non-empty text, lengths, priorities, addresses, language codes) is {@code TriageService}'s decision, so it
 * is made once.
 */
final class TicketJson {

    private TicketJson() {
    }

    /** The ticket in {@code node}, which must be a JSON object. */
    static Ticket read(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new RejectedRequestException(400, "not_an_object", "A ticket must be a JSON object.");
        }
        return new Ticket(
                ticketId(field(node, "ticketId", "Ticket_ID")),
                text(field(node, "subject", "Subject"), "subject"),
                text(field(node, "description", "Description"), "description"),
                text(field(node, "priority", "Priority"), "priority"),
                timestamp(field(node, "timestamp", "Timestamp")),
                text(node.get("requester"), "requester"),
                text(node.get("organization"), "organization"),
                text(node.get("tier"), "tier"),
                text(node.get("channel"), "channel"),
                text(node.get("language"), "language"),
                tags(node.get("tags")));
    }

    /** An array of strings; null or absent is no tags. */
    private static List<String> tags(JsonNode value) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isArray()) {
            throw new RejectedRequestException(400, "invalid_field", "tags must be an array of strings.");
        }
        List<String> tags = new ArrayList<>(value.size());
        for (JsonNode tag : value) {
            if (!tag.isTextual()) {
                throw new RejectedRequestException(400, "invalid_field", "tags must be an array of strings.");
            }
            tags.add(tag.textValue());
        }
        return tags;
    }

    /** The value under the API spelling or the seed dataset's spelling; both at once is ambiguous. */
    private static JsonNode field(JsonNode node, String name, String seedName) {
        JsonNode value = node.get(name);
        JsonNode seedValue = node.get(seedName);
        if (value != null && seedValue != null) {
            throw new RejectedRequestException(400, "conflicting_fields",
                    "Send either " + name + " or " + seedName + ", not both.");
        }
        return value != null ? value : seedValue;
    }

    private static String text(JsonNode value, String name) {
        if (value == null || value.isNull()) {
            return null;
        }
        if (!value.isTextual()) {
            throw new RejectedRequestException(400, "invalid_field", name + " must be a string.");
        }
        return value.textValue();
    }

    /** The seed dataset's ids are integers, so a whole number is accepted as well as a string. */
    private static String ticketId(JsonNode value) {
        if (value != null && value.isIntegralNumber()) {
            return value.bigIntegerValue().toString();
        }
        if (value != null && !value.isNull() && !value.isTextual()) {
            throw new RejectedRequestException(400, "invalid_field", "ticketId must be a string or an integer.");
        }
        return value == null || value.isNull() ? null : value.textValue();
    }

    private static Instant timestamp(JsonNode value) {
        String text = text(value, "timestamp");
        if (text == null || text.isBlank()) {
            return null;
        }
        try {
            return parseTimestamp(text.strip());
        } catch (DateTimeParseException e) {
            throw new RejectedRequestException(400, "invalid_timestamp",
                    "timestamp must be an ISO-8601 date or date-time, e.g. 2024-03-01T09:30:00Z.");
        }
    }

    /**
     * ISO-8601 with or without an offset (no offset means UTC), with {@code T} or a space between date
     * and time as spreadsheets write it, or a date alone (midnight UTC).
     */
    static Instant parseTimestamp(String text) {
        if (text.length() == 10) {
            return LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant();
        }
        String iso = text.length() > 10 && text.charAt(10) == ' '
                ? text.substring(0, 10) + 'T' + text.substring(11)
                : text;
        TemporalAccessor parsed = DateTimeFormatter.ISO_DATE_TIME.parseBest(iso, OffsetDateTime::from, LocalDateTime::from);
        return parsed instanceof OffsetDateTime offset
                ? offset.toInstant()
                : ((LocalDateTime) parsed).toInstant(ZoneOffset.UTC);
    }
}
