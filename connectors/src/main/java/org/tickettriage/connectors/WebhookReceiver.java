package org.tickettriage.connectors;

import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.StreamSupport;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tickettriage.triage.InvalidTicketException;
import org.tickettriage.triage.TriageResult;
import org.tickettriage.triage.TriageService;

/**
 * The webhook routes, {@code POST /webhooks/<connector>}: verify and read the delivery (the connector), drop a
 * delivery seen before, triage the ticket, plan the write-back and queue it, and answer at once.
 *
 * <table>
 *   <caption>Answers</caption>
 *   <tr><th>status</th><th>body</th><th>when</th></tr>
 *   <tr><td>202</td><td>{@code {"status":"queued","deliveryId":...,"ticketId":...}}</td><td>triaged, write-back queued</td></tr>
 *   <tr><td>200</td><td>{@code {"status":"duplicate",...}}</td><td>the delivery was accepted before (within the time to live)</td></tr>
 *   <tr><td>200</td><td>{@code {"status":"ignored"|"pong","reason":...}}</td><td>a genuine delivery that needs no triage</td></tr>
 *   <tr><td>401</td><td>{@code {"error":"missing_signature"|"invalid_signature"|"stale_timestamp"|...}}</td><td>not signed by the helpdesk: nothing else happens</td></tr>
 *   <tr><td>400, 403, 413, 422</td><td>{@code {"error":...,"message":...}}</td><td>a payload that is not the helpdesk's documented one, an account or repository not allowed, too large, a ticket that cannot be triaged</td></tr>
 *   <tr><td>404</td><td>{@code {"error":"connector_off"}}</td><td>no such connector, or its settings are absent</td></tr>
 *   <tr><td>503</td><td>{@code {"error":"queue_unavailable"}}</td><td>the write-back could not be queued: the helpdesk retries</td></tr>
 * </table>
 *
 * Thread-safe. Logs identifiers and codes only: never a payload, a subject, a requester or a secret.
 */
public final class WebhookReceiver {

    /** The largest body read: both helpdesks' ticket events are far smaller. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** How long a delivery is remembered when none is configured: GitHub redelivers on request for 3 days. */
    public static final Duration DEFAULT_DELIVERY_TTL = Duration.ofDays(7);
    private static final Logger LOG = LoggerFactory.getLogger(WebhookReceiver.class);

    private final Map<String, Connector> connectors;
    private final TriageService triage;
    private final DeliveryStore deliveries;
    private final Duration deliveryTtl;
    private final WriteBackQueue queue;
    private final Clock clock;

    /**
     * @param connectors the connectors that are on; any other name answers 404
     */
    public WebhookReceiver(Iterable<Connector> connectors, TriageService triage, DeliveryStore deliveries,
                           Duration deliveryTtl, WriteBackQueue queue, Clock clock) {
        this.connectors = StreamSupport.stream(connectors.spliterator(), false)
                .collect(Collectors.toUnmodifiableMap(Connector::name, Function.identity()));
        this.triage = Objects.requireNonNull(triage, "triage");
        this.deliveries = Objects.requireNonNull(deliveries, "deliveries");
        this.deliveryTtl = Objects.requireNonNull(deliveryTtl, "deliveryTtl");
        this.queue = Objects.requireNonNull(queue, "queue");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The connector serving {@code name}, when it is on. */
    public Optional<Connector> connector(String name) {
        return Optional.ofNullable(connectors.get(name));
    }

    /** Answers one delivery to {@code POST /webhooks/<name>}. Never throws. */
    public WebhookResponse handle(String name, WebhookRequest request) {
        Connector connector = connectors.get(name);
        if (connector == null) {
            return WebhookResponse.error(404, "connector_off", "No helpdesk connector is configured for this route.");
        }
        if (request.length() > MAX_BODY_BYTES) {
            return WebhookResponse.error(413, "payload_too_large", "The body exceeds " + MAX_BODY_BYTES + " bytes.");
        }
        Inbound inbound;
        try {
            inbound = connector.receive(request, clock.instant());
        } catch (RuntimeException e) {
            LOG.error("webhook {}: the connector failed reading a delivery ({})", name, e.getClass().getName());
            return WebhookResponse.error(500, "internal_error", "The delivery could not be read; it was not processed.");
        }
        if (inbound instanceof Inbound.Rejected rejected) {
            LOG.info("webhook {}: refused {} {}", name, rejected.status(), rejected.code());
            return WebhookResponse.error(rejected.status(), rejected.code(), rejected.message());
        }
        if (inbound instanceof Inbound.Ignored ignored) {
            LOG.info("webhook {}: {} ({})", name, ignored.status(), ignored.reason());
            return WebhookResponse.ok(200, ignored.status(), "reason", ignored.reason());
        }
        HelpdeskTicket ticket = ((Inbound.Accepted) inbound).ticket();
        if (!deliveries.remember(ticket.deliveryKey(), deliveryTtl)) {
            LOG.info("webhook {}: delivery {} seen before; ignored", name, ticket.deliveryKey());
            return WebhookResponse.ok(200, "duplicate", "deliveryId", ticket.deliveryKey(), "ticketId", ticket.ticketId());
        }
        try {
            TriageResult result = triage.triage(ticket.toTicket());
            queue.submit(connector.plan(ticket, result));
        } catch (InvalidTicketException e) {
            LOG.info("webhook {}: ticket {} not triaged: {}", name, ticket.ticketId(), e.code());
            return WebhookResponse.error(422, e.code(), e.getMessage());
        } catch (WriteBackQueue.QueueUnavailableException e) {
            deliveries.forget(ticket.deliveryKey());
            LOG.warn("webhook {}: ticket {} not queued: {}", name, ticket.ticketId(), e.getMessage());
            return WebhookResponse.error(503, "queue_unavailable", "The write-back could not be queued; deliver again later.");
        } catch (RuntimeException e) {
            deliveries.forget(ticket.deliveryKey());
            LOG.error("webhook {}: ticket {} failed ({})", name, ticket.ticketId(), e.getClass().getName());
            return WebhookResponse.error(500, "internal_error", "The ticket could not be triaged; deliver again later.");
        }
        LOG.info("webhook {}: ticket {} triaged, write-back queued (delivery {})", name, ticket.ticketId(), ticket.deliveryKey());
        return WebhookResponse.ok(202, "queued", "deliveryId", ticket.deliveryKey(), "ticketId", ticket.ticketId());
    }
}
