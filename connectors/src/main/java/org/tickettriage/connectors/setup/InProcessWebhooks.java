package org.tickettriage.connectors.setup;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import org.tickettriage.connectors.Connector;
import org.tickettriage.connectors.DeadLetter;
import org.tickettriage.connectors.InMemoryDeadLetters;
import org.tickettriage.connectors.InMemoryDeliveryStore;
import org.tickettriage.connectors.InProcessWriteBackQueue;
import org.tickettriage.connectors.RetryPolicy;
import org.tickettriage.connectors.SecretsSource;
import org.tickettriage.connectors.VendorHttp;
import org.tickettriage.connectors.WebhookReceiver;
import org.tickettriage.connectors.WebhookRequest;
import org.tickettriage.connectors.WebhookResponse;
import org.tickettriage.connectors.WriteBackWriter;
import org.tickettriage.triage.TriageService;
import org.tickettriage.triage.TriageSettings;

/**
 * The webhook routes and the writer beside them in one process, as {@code ./triage serve} runs them: the connectors the
 * settings turn on, an in-memory delivery store, the in-process queue and its worker, and the in-memory dead letters.
 * Nothing here survives a restart (connectors/README.md). Close it to stop the worker.
 */
public final class InProcessWebhooks implements AutoCloseable {

    /** Connect timeout of the helpdesks' APIs. */
    public static final Duration CONNECT_TIMEOUT = Duration.ofSeconds(5);
    /** Longest wait for a helpdesk's answer to one request. */
    public static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(10);
    /** How many of the latest dead letters {@link #status()} lists. */
    public static final int STATUS_DEAD_LETTERS = 20;
    private static final ObjectMapper STATUS_JSON = new ObjectMapper();

    private final List<Connector> connectors;
    private final WebhookReceiver receiver;
    private final InProcessWriteBackQueue queue;
    private final InMemoryDeadLetters deadLetters;

    private InProcessWebhooks(List<Connector> connectors, WebhookReceiver receiver, InProcessWriteBackQueue queue,
                              InMemoryDeadLetters deadLetters) {
        this.connectors = connectors;
        this.receiver = receiver;
        this.queue = queue;
        this.deadLetters = deadLetters;
    }

    /**
     * Starts the writer for the connectors {@code settings} turn on, triaging with {@code triage}.
     *
     * @throws org.tickettriage.triage.InvalidSettingsException when a connector is on but lacks what it needs
     */
    public static InProcessWebhooks start(TriageSettings settings, TriageService triage) {
        return start(settings, triage, new SettingsSecrets(settings), RetryPolicy.DEFAULT,
                new VendorHttp(CONNECT_TIMEOUT, REQUEST_TIMEOUT, Clock.systemUTC()));
    }

    /** As {@link #start(TriageSettings, TriageService)} with the secrets, retries and HTTP given (tests). */
    public static InProcessWebhooks start(TriageSettings settings, TriageService triage, SecretsSource secrets,
                                          RetryPolicy retries, VendorHttp http) {
        Objects.requireNonNull(triage, "triage");
        List<Connector> connectors = HelpdeskConnectors.create(settings, secrets, http, triage.policy());
        InMemoryDeadLetters deadLetters = new InMemoryDeadLetters();
        InProcessWriteBackQueue queue = new InProcessWriteBackQueue(
                new WriteBackWriter(connectors, retries, deadLetters, Clock.systemUTC()), InProcessWriteBackQueue.DEFAULT_CAPACITY);
        WebhookReceiver receiver = new WebhookReceiver(connectors, triage,
                new InMemoryDeliveryStore(Clock.systemUTC(), InMemoryDeliveryStore.DEFAULT_CAPACITY),
                WebhookReceiver.DEFAULT_DELIVERY_TTL, queue, Clock.systemUTC());
        return new InProcessWebhooks(connectors, receiver, queue, deadLetters);
    }

    /** The names of the connectors that are on. */
    public List<String> connectors() {
        return connectors.stream().map(Connector::name).toList();
    }

    /** Answers one delivery to {@code POST /webhooks/<connector>}. */
    public WebhookResponse handle(String connector, WebhookRequest request) {
        return receiver.handle(connector, request);
    }

    public InProcessWriteBackQueue queue() {
        return queue;
    }

    public InMemoryDeadLetters deadLetters() {
        return deadLetters;
    }

    /**
     * The writer's state as JSON, for {@code GET /webhooks} of {@code ./triage serve}: the connectors that are on, the
     * write-backs waiting, written and dead-lettered since the start, and the latest dead letters (newest first) with
     * their identifiers and reasons only: no ticket text, no note.
     */
    public String status() {
        ObjectNode root = STATUS_JSON.createObjectNode();
        connectors().forEach(root.putArray("connectors")::add);
        root.put("durable", false);
        root.put("waiting", queue.waiting());
        root.put("written", queue.written());
        root.put("deadLettered", deadLetters.count());
        ArrayNode latest = root.putArray("deadLetters");
        List<DeadLetter> letters = deadLetters.letters();
        for (int i = letters.size() - 1; i >= 0 && latest.size() < STATUS_DEAD_LETTERS; i--) {
            DeadLetter letter = letters.get(i);
            latest.addObject().put("connector", letter.writeBack().connector())
                    .put("ticketId", letter.writeBack().ticketId())
                    .put("deliveryId", letter.writeBack().deliveryKey())
                    .put("attempts", letter.attempts())
                    .put("reason", letter.reason())
                    .put("at", letter.at().toString());
        }
        return root.toString();
    }

    @Override
    public void close() {
        queue.close();
    }
}
