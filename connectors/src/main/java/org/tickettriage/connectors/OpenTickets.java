package org.tickettriage.connectors;

import java.net.URI;
import java.util.List;
import java.util.Objects;

/**
 * One page of a helpdesk's open tickets, as {@link Connector#openTickets} lists them for a {@link Backfill}.
 *
 * @param tickets        the tickets on the page that still need triage, their identifiers checked
 * @param alreadyTriaged the tickets on the page that carry a tag or label of ours already (left alone)
 * @param next           the next page, on the helpdesk's own API (checked: never another host), or null after the last
 * @param failure        when the page could not be read: the helpdesk's answer classified ({@link Attempt#revised()}
 *                       is null); the other fields are then empty
 */
public record OpenTickets(List<HelpdeskTicket> tickets, int alreadyTriaged, URI next, Attempt failure) {

    public OpenTickets {
        tickets = List.copyOf(tickets);
    }

    /** A page read. */
    public static OpenTickets page(List<HelpdeskTicket> tickets, int alreadyTriaged, URI next) {
        return new OpenTickets(tickets, alreadyTriaged, next, null);
    }

    /** A page that could not be read, and why. */
    public static OpenTickets failed(Attempt failure) {
        return new OpenTickets(List.of(), 0, null, Objects.requireNonNull(failure, "failure"));
    }
}
