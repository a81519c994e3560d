package org.tickettriage.connectors;

import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What to write into the helpdesk for one triaged ticket: a plan that holds no credential, so that it can wait in a
 * queue (in AWS, an SQS message) until a writer applies it with {@link Connector#apply}.
 *
 * @param connector   the connector that planned it and applies it
 * @param deliveryKey the webhook delivery it answers ({@link HelpdeskTicket#deliveryKey()})
 * @param ticketId    the helpdesk's ticket id for people and logs ({@code 35436}, {@code octo-org/app#42})
 * @param reference   the checked identifiers and values the write needs ({@link HelpdeskTicket#reference()}), plus
 *                    what the connector keeps for a retry (Zendesk's {@code updated_stamp})
 * @param labels      tags (Zendesk's {@code additional_tags}) or labels (GitHub) to add; never replaces existing ones
 * @param group       the helpdesk group to assign (a Zendesk group id), or null to leave it
 * @param priority    the helpdesk's own priority value (Zendesk: {@code low}, {@code normal}, {@code high},
 *                    {@code urgent}), or null to leave it
 * @param note        the internal note or comment saying what was decided and why, ending in {@code marker}, or null
 * @param marker      the text that identifies this delivery's note, looked for before a retried note is posted
 */
public record WriteBack(String connector, String deliveryKey, String ticketId, Map<String, String> reference,
                        List<String> labels, String group, String priority, String note, String marker) {

    public WriteBack {
        Objects.requireNonNull(connector, "connector");
        Objects.requireNonNull(deliveryKey, "deliveryKey");
        Objects.requireNonNull(ticketId, "ticketId");
        reference = Map.copyOf(reference);
        labels = List.copyOf(labels);
    }

    /** This plan with {@code name} in the reference set to {@code value}, or removed when {@code value} is null. */
    public WriteBack withReference(String name, String value) {
        Map<String, String> changed = new HashMap<>(reference);
        if (value == null) {
            changed.remove(name);
        } else {
            changed.put(name, value);
        }
        return new WriteBack(connector, deliveryKey, ticketId, changed, labels, group, priority, note, marker);
    }

    /** This plan without the group and priority (an agent set them meanwhile: theirs stand). */
    public WriteBack withoutAssignment() {
        return new WriteBack(connector, deliveryKey, ticketId, reference, labels, null, null, note, marker);
    }

    /** Identifiers and what is set; the note may quote the ticket's words and is left out. */
    @Override
    public String toString() {
        return "WriteBack[" + connector + " " + ticketId + ", delivery " + deliveryKey + ", labels " + labels
                + ", group " + group + ", priority " + priority + ", note " + (note == null ? "none" : note.length() + " chars") + "]";
    }
}
