package org.tickettriage.connectors;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.tickettriage.triage.EmailAddress;
import org.tickettriage.triage.Ticket;
import org.tickettriage.triage.TriageService;

/**
 * A new ticket announced by a helpdesk's webhook, in vendor-neutral form, its identifiers already checked.
 *
 * @param connector   the connector that received it ({@code zendesk}, {@code github})
 * @param deliveryKey what makes this delivery unique, prefixed with the connector: {@code zendesk:<event id>},
 *                    {@code github:<X-GitHub-Delivery>}; a redelivery has the same key
 * @param ticketId    the helpdesk's id for people and logs: {@code 35436}, {@code octo-org/app#42} (not customer data)
 * @param reference   the checked identifiers and values the write-back needs, by name (the Zendesk ticket id and
 *                    {@code updated_at}; the GitHub owner, repository and issue number): safe to put into a URL
 * @param subject     the subject or issue title, or null
 * @param body        the description or issue body, or null
 * @param requester   who opened it, as the helpdesk names them (a user id, a login, an email address), or null
 * @param tags        the ticket's tags or labels
 * @param channel     how the ticket reached the helpdesk ({@code web}, {@code email}, {@code github}), or null
 * @param updatedAt   when the ticket was last updated, or null
 */
public record HelpdeskTicket(String connector, String deliveryKey, String ticketId, Map<String, String> reference,
                             String subject, String body, String requester, List<String> tags, String channel,
                             Instant updatedAt) {

    public HelpdeskTicket {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        Objects.requireNonNull(ticketId, "ticketId");
        reference = Map.copyOf(reference);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }

    /**
     * The ticket for {@link TriageService}: text cut to the lengths it accepts (a long helpdesk ticket is triaged on
     * its beginning rather than refused), at most {@link TriageService#MAX_TAGS} tags of acceptable form, the
     * requester only when it is an email address (the only form the service takes).
     */
    public Ticket toTicket() {
        List<String> accepted = new ArrayList<>();
        for (String tag : tags) {
            String t = tag == null ? "" : tag.strip();
            if (!t.isEmpty() && t.length() <= TriageService.MAX_TAG_CHARS && t.chars().noneMatch(Character::isISOControl)
                    && accepted.size() < TriageService.MAX_TAGS) {
                accepted.add(t);
            }
        }
        String email = requester != null && EmailAddress.isPlausible(requester) ? requester : null;
        String via = channel == null || channel.length() > TriageService.MAX_CHANNEL_CHARS
                || channel.chars().anyMatch(Character::isISOControl) ? null : channel;
        return new Ticket(connector + ":" + ticketId, cut(subject, TriageService.MAX_SUBJECT_CHARS),
                cut(body, TriageService.MAX_DESCRIPTION_CHARS), null, updatedAt, email, null, null, via, null,
                accepted.isEmpty() ? null : accepted);
    }

    private static String cut(String text, int max) {
        if (text == null) {
            return null;
        }
        String stripped = text.strip();
        if (stripped.length() <= max) {
            return stripped;
        }
        int end = Character.isHighSurrogate(stripped.charAt(max - 1)) ? max - 1 : max;
        return stripped.substring(0, end);
    }

    /** Identifiers and counts only: subject, body and requester are customer data. */
    @Override
    public String toString() {
        return "HelpdeskTicket[" + connector + " " + ticketId + ", delivery " + deliveryKey + ", subject "
                + (subject == null ? "absent" : subject.length() + " chars") + ", body "
                + (body == null ? "absent" : body.length() + " chars") + ", " + tags.size() + " tags]";
    }
}
