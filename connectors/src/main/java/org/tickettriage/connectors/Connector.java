package org.tickettriage.connectors;

import java.time.Instant;
import org.tickettriage.triage.TriageResult;

/**
 * One helpdesk: how its webhooks are verified and read, what is written back for a triaged ticket, and how. The
 * pipeline around it ({@link WebhookReceiver}, {@link WriteBackWriter}) is the same for every helpdesk; adding one is
 * a class implementing this and its tests (connectors/README.md).
 *
 * <p>Implementations are thread-safe: one instance serves every request and the writer.
 */
public interface Connector {

    /** The connector's name, lower case: its route is {@code POST /webhooks/<name>} and its keys start with it. */
    String name();

    /**
     * Verifies the delivery's signature over the raw body first, in constant time, and only then reads the payload.
     * Never throws for bad input: a refused delivery is {@link Inbound.Rejected}, and nothing else happens for it.
     *
     * @param now the time to judge a signed timestamp against
     */
    Inbound receive(WebhookRequest request, Instant now);

    /** What to write back for {@code ticket}, which this connector accepted, triaged as {@code result}. No I/O. */
    WriteBack plan(HelpdeskTicket ticket, TriageResult result);

    /**
     * One attempt to write {@code writeBack} into the helpdesk; the helpdesk's answer classified. Never throws for a
     * helpdesk's answer or a network failure.
     *
     * @param retry true when an earlier attempt may have been applied (the connector then looks for its marker before
     *              posting the note again)
     */
    Attempt apply(WriteBack writeBack, boolean retry);

    /**
     * One page of the open tickets of {@code source} for a backfill (no triage, no write): the first page when
     * {@code next} is null, else the page {@code next} names (a URI from an earlier page). Never throws for a
     * helpdesk's answer or a network failure: {@link OpenTickets#failure()} says what happened.
     *
     * @param source what to list, as the connector reads it: Zendesk search terms added to {@code status<solved}
     *               (blank for none); GitHub {@code owner/repo}
     */
    OpenTickets openTickets(String source, java.net.URI next);

    /** Reads the connector's secrets again, after the helpdesk answered {@code 401} (they may have been rotated). */
    void refreshSecrets();
}
