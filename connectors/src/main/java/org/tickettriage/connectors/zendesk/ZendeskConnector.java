package org.tickettriage.connectors.zendesk;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tickettriage.connectors.Attempt;
import org.tickettriage.connectors.Connector;
import org.tickettriage.connectors.ConnectorSecrets;
import org.tickettriage.connectors.HelpdeskTicket;
import org.tickettriage.connectors.HmacSha256;
import org.tickettriage.connectors.Inbound;
import org.tickettriage.connectors.OpenTickets;
import org.tickettriage.connectors.SecretsSource;
import org.tickettriage.connectors.Slug;
import org.tickettriage.connectors.TriageNote;
import org.tickettriage.connectors.VendorHttp;
import org.tickettriage.connectors.WebhookRequest;
import org.tickettriage.connectors.WriteBack;
import org.tickettriage.triage.Secret;
import org.tickettriage.triage.TriageResult;

/**
 * Zendesk. In: the event subscription {@code zen:event-type:ticket.created}, signed with
 * {@code X-Zendesk-Webhook-Signature} = base64(HMAC-SHA256(secret, timestamp + body)) and
 * {@code X-Zendesk-Webhook-Signature-Timestamp}, refused outside the replay window. Out: one
 * {@code PUT /api/v2/tickets/{id}.json} that adds tags ({@code additional_tags}, never {@code tags}), sets the group
 * and priority the routing policy gives, and adds one internal note, with {@code safe_update} so that an agent's
 * concurrent change is never overwritten.
 *
 * <p>No update loops: only {@code ticket.created} is triaged (our update raises change events, never a creation), and
 * a ticket that already carries a tag starting with {@value #TAG_PREFIX} is ignored.
 */
public final class ZendeskConnector implements Connector {

    /** The connector's name and route ({@code POST /webhooks/zendesk}). */
    public static final String NAME = "zendesk";
    public static final String SIGNATURE_HEADER = "X-Zendesk-Webhook-Signature";
    public static final String TIMESTAMP_HEADER = "X-Zendesk-Webhook-Signature-Timestamp";
    /** The one event type triaged. */
    public static final String TICKET_CREATED = "zen:event-type:ticket.created";
    /** Every tag this connector adds starts with this; a ticket carrying one is not triaged again. */
    public static final String TAG_PREFIX = "triage_";
    public static final String REVIEW_TAG = "triage_review";
    public static final String ESCALATED_TAG = "triage_escalated";
    /** The routing policy's output (routing.csv) with the Zendesk group id of a row's team. */
    public static final String GROUP_OUTPUT = "zendesk_group_id";
    /** The routing policy's output (priorities.csv, or a routing row) with Zendesk's priority for a priority. */
    public static final String PRIORITY_OUTPUT = "zendesk_priority";
    /** Zendesk's priorities. */
    public static final Set<String> PRIORITIES = Set.of("low", "normal", "high", "urgent");
    /** The replay window when none is configured: a signed timestamp further than this from now is refused. */
    public static final Duration DEFAULT_REPLAY_WINDOW = Duration.ofMinutes(5);
    /** The secret names ({@link SecretsSource}). */
    public static final String API_TOKEN = "TRIAGE_ZENDESK_API_TOKEN";
    public static final String WEBHOOK_SECRET = "TRIAGE_ZENDESK_WEBHOOK_SECRET";

    static final Pattern TICKET_ID = Pattern.compile("[0-9]{1,19}");
    static final Pattern ACCOUNT_ID = Pattern.compile("[0-9]{1,19}");
    static final Pattern EVENT_ID = Pattern.compile("[A-Za-z0-9._:-]{1,128}");
    static final Pattern GROUP_ID = Pattern.compile("[0-9]{1,18}"); // fits a long
    private static final ObjectMapper JSON = new ObjectMapper();

    // Names in WriteBack.reference.
    static final String REF_ID = "id";
    static final String REF_UPDATED_STAMP = "updated_stamp";
    static final String REF_GROUP = "received_group_id";
    static final String REF_PRIORITY = "received_priority";

    /**
     * How to reach the account and what to accept.
     *
     * @param url          the account's URL, {@code https://example.zendesk.com} (no path)
     * @param email        the agent whose API token writes back
     * @param accountId    when present, the only account whose events are processed
     * @param replayWindow how far a signed timestamp may be from now, either way
     */
    public record Config(URI url, String email, Optional<String> accountId, Duration replayWindow) {

        public Config {
            Objects.requireNonNull(url, "url");
            Objects.requireNonNull(email, "email");
            Objects.requireNonNull(accountId, "accountId");
            Objects.requireNonNull(replayWindow, "replayWindow");
            url = VendorHttp.baseUrl(url, "the Zendesk URL must be https://<subdomain>.zendesk.com");
            accountId.ifPresent(id -> {
                if (!ACCOUNT_ID.matcher(id).matches()) {
                    throw new IllegalArgumentException("a Zendesk account id is digits only");
                }
            });
            if (replayWindow.isNegative() || replayWindow.isZero()) {
                throw new IllegalArgumentException("the replay window must be positive");
            }
        }
    }

    private final Config config;
    private final ConnectorSecrets secrets;
    private final VendorHttp http;

    /**
     * @throws IllegalArgumentException when the secrets source lacks the API token or the webhook secret
     */
    public ZendeskConnector(Config config, SecretsSource secrets, VendorHttp http) {
        this(config, secrets, secrets.read(NAME), http);
    }

    /**
     * As {@link #ZendeskConnector(Config, SecretsSource, VendorHttp)}, starting from the connector's secrets just read from
     * {@code secrets} (a start-up that checked them does not read the store again).
     */
    public ZendeskConnector(Config config, SecretsSource secrets, Map<String, Secret> justRead, VendorHttp http) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = new ConnectorSecrets(secrets, NAME, justRead, List.of(API_TOKEN, WEBHOOK_SECRET));
        this.http = Objects.requireNonNull(http, "http");
    }

    @Override
    public String name() {
        return NAME;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // In
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public Inbound receive(WebhookRequest request, Instant now) {
        Optional<String> signature = request.header(SIGNATURE_HEADER);
        Optional<String> timestamp = request.header(TIMESTAMP_HEADER);
        if (signature.isEmpty() || timestamp.isEmpty()) {
            return new Inbound.Rejected(401, "missing_signature",
                    "Zendesk deliveries carry " + SIGNATURE_HEADER + " and " + TIMESTAMP_HEADER + ".");
        }
        byte[] expected = HmacSha256.sign(secrets.require(WEBHOOK_SECRET),
                timestamp.get().getBytes(StandardCharsets.UTF_8), request.body());
        if (!HmacSha256.same(expected, base64(signature.get()))) {
            return new Inbound.Rejected(401, "invalid_signature",
                    "The signature does not match this webhook's signing secret.");
        }
        Instant signedAt;
        try {
            signedAt = Instant.parse(timestamp.get());
        } catch (DateTimeException e) {
            return new Inbound.Rejected(401, "invalid_timestamp", TIMESTAMP_HEADER + " is not an ISO-8601 time.");
        }
        if (Duration.between(signedAt, now).abs().compareTo(config.replayWindow()) > 0) {
            return new Inbound.Rejected(401, "stale_timestamp", "The delivery was signed more than "
                    + config.replayWindow().toSeconds() + " seconds from now; replays are refused.");
        }
        JsonNode event;
        try {
            event = JSON.readTree(request.body());
        } catch (IOException e) {
            return invalid("The body is not JSON.");
        }
        if (event == null || !event.isObject()) {
            return invalid("The body is not a JSON object.");
        }
        if (!TICKET_CREATED.equals(event.path("type").asText(null))) {
            return Inbound.Ignored.because("only " + TICKET_CREATED + " events are triaged");
        }
        String account = scalar(event.get("account_id"));
        if (config.accountId().isPresent() && !config.accountId().get().equals(account)) {
            return new Inbound.Rejected(403, "account_not_allowed",
                    "Events of this Zendesk account are not processed here (TRIAGE_ZENDESK_ACCOUNT_ID).");
        }
        String eventId = scalar(event.get("id"));
        if (eventId == null || !EVENT_ID.matcher(eventId).matches()) {
            return invalid("id must be the event's id: 1 to 128 letters, digits and . _ : -.");
        }
        return ticket(event.path("detail"), "detail.", NAME + ":" + eventId);
    }

    /**
     * The ticket in {@code ticket} (an event's {@code detail}, a ticket of the search API: the same fields), or why not:
     * a ticket that already carries a {@value #TAG_PREFIX} tag is ignored.
     *
     * @param where how the payload names {@code ticket}, for messages ({@code detail.})
     */
    private static Inbound ticket(JsonNode ticket, String where, String deliveryKey) {
        String ticketId = scalar(ticket.get("id"));
        if (ticketId == null || !TICKET_ID.matcher(ticketId).matches()) {
            return new Inbound.Rejected(400, "invalid_ticket_id", where + "id must be a Zendesk ticket id: digits only.");
        }
        List<String> tags = new ArrayList<>();
        for (JsonNode tag : ticket.path("tags")) {
            if (tag.isTextual()) {
                tags.add(tag.asText());
            }
        }
        if (tags.stream().anyMatch(tag -> tag.toLowerCase(Locale.ROOT).startsWith(TAG_PREFIX))) {
            return Inbound.Ignored.because("the ticket already carries a " + TAG_PREFIX + " tag");
        }
        String updatedAt = scalar(ticket.get("updated_at"));
        Instant updated = null;
        if (updatedAt != null) {
            try {
                updated = Instant.parse(updatedAt);
            } catch (DateTimeException e) {
                return invalid(where + "updated_at is not an ISO-8601 time.");
            }
        }
        Map<String, String> reference = new HashMap<>();
        reference.put(REF_ID, ticketId);
        if (updatedAt != null) {
            reference.put(REF_UPDATED_STAMP, updatedAt);
        }
        String group = scalar(ticket.get("group_id"));
        if (group != null && GROUP_ID.matcher(group).matches()) {
            reference.put(REF_GROUP, group);
        }
        String priority = scalar(ticket.get("priority"));
        if (priority != null && PRIORITIES.contains(priority.toLowerCase(Locale.ROOT))) {
            reference.put(REF_PRIORITY, priority.toLowerCase(Locale.ROOT));
        }
        return new Inbound.Accepted(new HelpdeskTicket(NAME, deliveryKey, ticketId, reference,
                text(ticket.get("subject")), text(ticket.get("description")), scalar(ticket.get("requester_id")), tags,
                text(ticket.path("via").get("channel")), updated));
    }

    private static Inbound.Rejected invalid(String message) {
        return new Inbound.Rejected(400, "invalid_payload", message);
    }

    private static byte[] base64(String text) {
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return new byte[0];
        }
    }

    /** A string or number as text; null for anything else. */
    private static String scalar(JsonNode node) {
        if (node == null || !(node.isTextual() || node.isIntegralNumber())) {
            return null;
        }
        String text = node.asText().strip();
        return text.isEmpty() ? null : text;
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Plan
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public WriteBack plan(HelpdeskTicket ticket, TriageResult result) {
        List<String> tags = new ArrayList<>();
        tags.add(TAG_PREFIX + Slug.of(result.category(), '_'));
        if (result.needsReview()) {
            tags.add(REVIEW_TAG);
        }
        if (result.escalated()) {
            tags.add(ESCALATED_TAG);
        }
        String group = result.outputs().get(GROUP_OUTPUT);
        if (group != null && !GROUP_ID.matcher(group).matches()) {
            group = null; // checkPolicy refuses such a policy at start-up; never put it into a request
        }
        String priority = result.outputs().get(PRIORITY_OUTPUT);
        priority = priority == null ? null : priority.toLowerCase(Locale.ROOT);
        if (priority != null && !PRIORITIES.contains(priority)) {
            priority = null;
        }
        String marker = TriageNote.marker(ticket.deliveryKey());
        return new WriteBack(NAME, ticket.deliveryKey(), ticket.ticketId(), ticket.reference(), tags, group, priority,
                TriageNote.text(result, marker, false), marker);
    }

    /**
     * What in a routing policy's outputs this connector cannot write: a {@code set:zendesk_group_id} that is not a
     * number, a {@code set:zendesk_priority} that is not one of Zendesk's priorities. Empty when all is well.
     *
     * @param outputs each output map of the policy (the routing rows', the priorities'), with where it is
     */
    public static List<String> checkOutputs(Map<String, Map<String, String>> outputs) {
        List<String> problems = new ArrayList<>();
        outputs.forEach((where, values) -> {
            String group = values.get(GROUP_OUTPUT);
            if (group != null && !GROUP_ID.matcher(group).matches()) {
                problems.add(where + ": set:" + GROUP_OUTPUT + " must be a Zendesk group id (digits), was '" + group + "'");
            }
            String priority = values.get(PRIORITY_OUTPUT);
            if (priority != null && !PRIORITIES.contains(priority.toLowerCase(Locale.ROOT))) {
                problems.add(where + ": set:" + PRIORITY_OUTPUT + " must be one of low, normal, high, urgent, was '" + priority + "'");
            }
        });
        return problems;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Out
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public Attempt apply(WriteBack writeBack, boolean retry) {
        String id = writeBack.reference().get(REF_ID);
        if (id == null || !TICKET_ID.matcher(id).matches()) {
            return Attempt.failed("the write-back holds no valid Zendesk ticket id", writeBack);
        }
        if (retry && writeBack.note() != null) {
            Optional<Attempt> written = alreadyWritten(id, writeBack);
            if (written.isPresent()) {
                return written.get();
            }
        }
        String what = "PUT /api/v2/tickets/{id}.json";
        HttpRequest put = authorized(URI.create(config.url() + "/api/v2/tickets/" + id + ".json"))
                .header("Content-Type", "application/json")
                .PUT(HttpRequest.BodyPublishers.ofString(body(writeBack), StandardCharsets.UTF_8))
                .build();
        VendorHttp.Exchange exchange = http.send(put, what);
        if (exchange.response() != null && exchange.response().statusCode() == 409) {
            return afterConflict(id, writeBack);
        }
        return http.classify(exchange, what, writeBack);
    }

    /** The update's body: {@code {"ticket": {...}}}. */
    static String body(WriteBack writeBack) {
        ObjectNode ticket = JSON.createObjectNode();
        ArrayNode tags = ticket.putArray("additional_tags");
        writeBack.labels().forEach(tags::add);
        if (writeBack.group() != null) {
            ticket.put("group_id", Long.parseLong(writeBack.group()));
        }
        if (writeBack.priority() != null) {
            ticket.put("priority", writeBack.priority());
        }
        if (writeBack.note() != null) {
            ticket.putObject("comment").put("body", writeBack.note()).put("public", false);
        }
        String stamp = writeBack.reference().get(REF_UPDATED_STAMP);
        if (stamp != null) {
            ticket.put("safe_update", true);
            ticket.put("updated_stamp", stamp);
        }
        ObjectNode root = JSON.createObjectNode();
        root.set("ticket", ticket);
        return root.toString();
    }

    /**
     * After a {@code 409} (the ticket changed since the event): reads the ticket's new {@code updated_at} and retries
     * with it; when an agent meanwhile set the group or the priority, theirs stand and ours are dropped.
     */
    private Attempt afterConflict(String id, WriteBack writeBack) {
        String what = "GET /api/v2/tickets/{id}.json";
        VendorHttp.Exchange read = http.send(authorized(URI.create(config.url() + "/api/v2/tickets/" + id + ".json"))
                .GET().build(), what);
        if (!read.succeeded()) {
            return http.classify(read, what, writeBack);
        }
        JsonNode ticket;
        try {
            ticket = JSON.readTree(read.response().body()).path("ticket");
        } catch (IOException e) {
            return Attempt.retry("HTTP 409 on PUT; the ticket's read was not JSON", null, writeBack);
        }
        String stamp = scalar(ticket.get("updated_at"));
        WriteBack revised = writeBack.withReference(REF_UPDATED_STAMP, stamp);
        boolean groupChanged = !Objects.equals(scalar(ticket.get("group_id")), writeBack.reference().get(REF_GROUP));
        String priority = scalar(ticket.get("priority"));
        boolean priorityChanged = !Objects.equals(priority == null ? null : priority.toLowerCase(Locale.ROOT),
                writeBack.reference().get(REF_PRIORITY));
        if (groupChanged || priorityChanged) {
            revised = revised.withoutAssignment();
        }
        return Attempt.retry("HTTP 409 on PUT /api/v2/tickets/{id}.json (the ticket changed"
                + (groupChanged || priorityChanged ? "; an agent set its group or priority, which stand" : "") + ")", null, revised);
    }

    /** Whether an earlier attempt's note is on the ticket already (it may have been applied before a timeout). */
    private Optional<Attempt> alreadyWritten(String id, WriteBack writeBack) {
        String what = "GET /api/v2/tickets/{id}/comments.json";
        VendorHttp.Exchange read = http.send(authorized(URI.create(config.url() + "/api/v2/tickets/" + id
                + "/comments.json?sort_order=desc&per_page=100")).GET().build(), what);
        if (!read.succeeded()) {
            return Optional.of(http.classify(read, what, writeBack));
        }
        try {
            for (JsonNode comment : JSON.readTree(read.response().body()).path("comments")) {
                String body = comment.path("body").asText("") + comment.path("plain_body").asText("");
                if (body.contains(writeBack.marker())) {
                    return Optional.of(Attempt.done("note already on the ticket (an earlier attempt was applied)", writeBack));
                }
            }
        } catch (IOException e) {
            return Optional.of(Attempt.retry("the ticket's comments were not JSON", null, writeBack));
        }
        return Optional.empty();
    }

    private HttpRequest.Builder authorized(URI uri) {
        Secret token = secrets.require(API_TOKEN);
        String credentials = config.email() + "/token:" + token.reveal();
        return http.request(uri)
                .header("Authorization", "Basic " + Base64.getEncoder().encodeToString(credentials.getBytes(StandardCharsets.UTF_8)))
                .header("Accept", "application/json");
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Backfill
    // ---------------------------------------------------------------------------------------------------------------

    /** The search for a backfill: unsolved tickets, plus the terms the user gives. */
    static String backfillQuery(String terms) {
        String query = "type:ticket status<solved";
        return terms == null || terms.isBlank() ? query : query + " " + terms.strip();
    }

    /**
     * A page of unsolved tickets from the search export API ({@code GET /api/v2/search/export.json}, cursor-paged, 100
     * per page), oldest first; {@code source} is search terms added to {@code type:ticket status<solved}. A ticket's
     * delivery key is {@code zendesk:backfill-<id>-<updated_at>}: triaging a ticket again after it changed is a new
     * delivery, the same state twice is not.
     */
    @Override
    public OpenTickets openTickets(String source, URI next) {
        URI uri;
        if (next == null) {
            uri = URI.create(config.url() + "/api/v2/search/export.json?query="
                    + java.net.URLEncoder.encode(backfillQuery(source), StandardCharsets.UTF_8)
                    + "&filter%5Btype%5D=ticket&page%5Bsize%5D=100");
        } else if (!onApi(next.normalize())) {
            return OpenTickets.failed(Attempt.failed("the next page is not on " + config.url() + "/api/v2/", null));
        } else {
            uri = next;
        }
        String what = "GET /api/v2/search/export.json";
        VendorHttp.JsonAnswer read = http.sendForJson(authorized(uri).GET().build(), what, "the search answer was not JSON");
        if (!read.succeeded()) {
            return OpenTickets.failed(read.failure());
        }
        JsonNode page = read.json();
        List<HelpdeskTicket> tickets = new ArrayList<>();
        int alreadyTriaged = 0;
        for (JsonNode result : page.path("results")) {
            String id = scalar(result.get("id"));
            String stamp = scalar(result.get("updated_at"));
            String key = NAME + ":backfill-" + id + (stamp == null ? "" : "-" + stamp);
            Inbound inbound = ticket(result, "results[].", key);
            if (inbound instanceof Inbound.Accepted accepted) {
                tickets.add(accepted.ticket());
            } else if (inbound instanceof Inbound.Ignored) {
                alreadyTriaged++;
            }
        }
        URI following = null;
        if (page.path("meta").path("has_more").asBoolean(false)) {
            String link = page.path("links").path("next").asText("");
            if (link.isEmpty()) {
                return OpenTickets.failed(Attempt.failed("the search answer has more pages but no links.next", null));
            }
            try {
                following = URI.create(link).normalize();
            } catch (IllegalArgumentException e) {
                return OpenTickets.failed(Attempt.failed("the search answer's links.next is not a URI", null));
            }
        }
        return OpenTickets.page(tickets, alreadyTriaged, following);
    }

    /** Whether {@code uri} is on this account's API, where the credentials may go. */
    private boolean onApi(URI uri) {
        return uri.toString().startsWith(config.url() + "/api/v2/");
    }

    @Override
    public void refreshSecrets() {
        secrets.refresh();
    }
}
