package org.tickettriage.connectors.github;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import org.tickettriage.triage.Secret;
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
import org.tickettriage.triage.TriageResult;

/**
 * GitHub Issues. In: {@code issues} events with action {@code opened} or {@code reopened}, signed with
 * {@code X-Hub-Signature-256} = {@code sha256=} + hex(HMAC-SHA256(secret, body)), one {@code X-GitHub-Delivery} id per
 * delivery (a redelivery keeps it); {@code ping} answered. Out: {@code POST /repos/{owner}/{repo}/issues/{number}/labels}
 * and, when configured, one comment.
 *
 * <p>No update loops: only {@code opened} and {@code reopened} are triaged, and what we write raises {@code labeled}
 * and {@code issue_comment} events, never those; events sent by the connector's own account are ignored too.
 */
public final class GitHubConnector implements Connector {

    /** The connector's name and route ({@code POST /webhooks/github}). */
    public static final String NAME = "github";
    public static final String SIGNATURE_HEADER = "X-Hub-Signature-256";
    public static final String EVENT_HEADER = "X-GitHub-Event";
    public static final String DELIVERY_HEADER = "X-GitHub-Delivery";
    /** The REST API version this connector speaks. */
    public static final String API_VERSION = "2022-11-28";
    /** The public API; GitHub Enterprise Server's is {@code https://HOST/api/v3}. */
    public static final URI DEFAULT_API_URL = org.tickettriage.triage.TriageSettings.DEFAULT_GITHUB_API_URL;
    /** The label prefix when none is configured: {@code triage:bug-report}, {@code triage:review}. */
    public static final String DEFAULT_LABEL_PREFIX = "triage:";
    /** A routing row's output: labels (separated by {@code |}) that replace the category's label. */
    public static final String LABELS_OUTPUT = "github_labels";
    /** A priority's output (priorities.csv, or a routing row): a label for the priority. */
    public static final String PRIORITY_LABEL_OUTPUT = "github_priority_label";
    /** The secret names ({@link SecretsSource}). */
    public static final String TOKEN = "TRIAGE_GITHUB_TOKEN";
    public static final String WEBHOOK_SECRET = "TRIAGE_GITHUB_WEBHOOK_SECRET";
    /** GitHub's longest label name. */
    static final int MAX_LABEL_CHARS = 50;

    /** An account name: letters, digits and inner hyphens, at most 39 characters (GitHub's rule). */
    public static final Pattern OWNER = Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?");
    /** A repository name: letters, digits, {@code .}, {@code _} and {@code -}, at most 100 characters; not . or .. */
    public static final Pattern REPOSITORY = Pattern.compile("(?!\\.{1,2}$)[A-Za-z0-9._-]{1,100}");
    static final Pattern NUMBER = Pattern.compile("[1-9][0-9]{0,9}");
    static final Pattern DELIVERY = Pattern.compile("[A-Za-z0-9-]{1,64}");
    static final Pattern SIGNATURE = Pattern.compile("sha256=([0-9a-fA-F]{64})");
    private static final Pattern NEXT_LINK = Pattern.compile("<([^>]+)>\\s*;\\s*rel=\"next\"");
    private static final Set<String> TRIAGED_ACTIONS = Set.of("opened", "reopened");
    private static final ObjectMapper JSON = new ObjectMapper();

    static final String REF_OWNER = "owner";
    static final String REF_REPOSITORY = "repo";
    static final String REF_NUMBER = "number";

    /**
     * Where the API is and what to accept.
     *
     * @param apiUrl       the REST API's base URL
     * @param repositories the only repositories processed ({@code owner/repo}, or {@code owner/*} for all of an
     *                     owner's), compared without regard to case; empty for any
     * @param botLogin     the login the token acts as ({@code ticket-triage[bot]}); its events are ignored
     * @param labelPrefix  the prefix of the labels this connector names ({@code triage:})
     * @param comment      whether to post one comment saying what was decided and why
     */
    public record Config(URI apiUrl, List<String> repositories, Optional<String> botLogin, String labelPrefix,
                         boolean comment) {

        public Config {
            Objects.requireNonNull(apiUrl, "apiUrl");
            apiUrl = VendorHttp.baseUrl(apiUrl, "the GitHub API URL must be an https:// URL");
            repositories = repositories.stream().map(r -> r.strip().toLowerCase(Locale.ROOT)).toList();
            for (String repository : repositories) {
                if (!isRepositoryPattern(repository)) {
                    throw new IllegalArgumentException("'" + repository + "' is not owner/repository or owner/*");
                }
            }
            Objects.requireNonNull(botLogin, "botLogin");
            Objects.requireNonNull(labelPrefix, "labelPrefix");
        }

        /** The public API, any repository, labels {@code triage:...}, no comment. */
        public static Config defaults() {
            return new Config(DEFAULT_API_URL, List.of(), Optional.empty(), DEFAULT_LABEL_PREFIX, false);
        }

        boolean allows(String owner, String repository) {
            if (repositories.isEmpty()) {
                return true;
            }
            String full = (owner + "/" + repository).toLowerCase(Locale.ROOT);
            String any = (owner + "/*").toLowerCase(Locale.ROOT);
            return repositories.contains(full) || repositories.contains(any);
        }

        private static boolean isRepositoryPattern(String value) {
            String[] parts = value.split("/", -1);
            return parts.length == 2 && OWNER.matcher(parts[0]).matches()
                    && (parts[1].equals("*") || REPOSITORY.matcher(parts[1]).matches());
        }
    }

    private final Config config;
    private final ConnectorSecrets secrets;
    private final VendorHttp http;

    /**
     * @throws IllegalArgumentException when the secrets source lacks the token or the webhook secret
     */
    public GitHubConnector(Config config, SecretsSource secrets, VendorHttp http) {
        this(config, secrets, secrets.read(NAME), http);
    }

    /**
     * As {@link #GitHubConnector(Config, SecretsSource, VendorHttp)}, starting from the connector's secrets just read from
     * {@code secrets} (a start-up that checked them does not read the store again).
     */
    public GitHubConnector(Config config, SecretsSource secrets, Map<String, Secret> justRead, VendorHttp http) {
        this.config = Objects.requireNonNull(config, "config");
        this.secrets = new ConnectorSecrets(secrets, NAME, justRead, List.of(TOKEN, WEBHOOK_SECRET));
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
        if (signature.isEmpty()) {
            return new Inbound.Rejected(401, "missing_signature", "GitHub deliveries carry " + SIGNATURE_HEADER
                    + ": set the webhook's secret.");
        }
        var hex = SIGNATURE.matcher(signature.get());
        byte[] given = hex.matches() ? HexFormat.of().parseHex(hex.group(1)) : new byte[0];
        if (!HmacSha256.same(HmacSha256.sign(secrets.require(WEBHOOK_SECRET), request.body()), given)) {
            return new Inbound.Rejected(401, "invalid_signature",
                    "The signature does not match this webhook's secret.");
        }
        Optional<String> delivery = request.header(DELIVERY_HEADER);
        if (delivery.isEmpty() || !DELIVERY.matcher(delivery.get()).matches()) {
            return new Inbound.Rejected(400, "invalid_delivery", DELIVERY_HEADER + " must be the delivery's id.");
        }
        String event = request.header(EVENT_HEADER).orElse("");
        if (event.equals("ping")) {
            return new Inbound.Ignored("pong", "ping received: the webhook reaches ticket-triage");
        }
        if (!event.equals("issues")) {
            return Inbound.Ignored.because("only issues events are triaged");
        }
        JsonNode payload;
        try {
            payload = JSON.readTree(request.body());
        } catch (IOException e) {
            return invalid("The body is not JSON.");
        }
        if (payload == null || !payload.isObject()) {
            return invalid("The body is not a JSON object.");
        }
        String action = payload.path("action").asText("");
        if (!TRIAGED_ACTIONS.contains(action)) {
            return Inbound.Ignored.because("only the actions opened and reopened are triaged");
        }
        String sender = payload.path("sender").path("login").asText("");
        if (config.botLogin().isPresent() && config.botLogin().get().equalsIgnoreCase(sender)) {
            return Inbound.Ignored.because("sent by the connector's own account");
        }
        String owner = payload.path("repository").path("owner").path("login").asText("");
        String repository = payload.path("repository").path("name").asText("");
        if (!OWNER.matcher(owner).matches() || !REPOSITORY.matcher(repository).matches()) {
            return new Inbound.Rejected(400, "invalid_repository",
                    "repository.owner.login and repository.name must be a GitHub account and repository name.");
        }
        if (!config.allows(owner, repository)) {
            return new Inbound.Rejected(403, "repository_not_allowed",
                    "Issues of this repository are not processed here (TRIAGE_GITHUB_REPOSITORIES).");
        }
        return ticket(owner, repository, payload.path("issue"), "issue.", NAME + ":" + delivery.get());
    }

    /**
     * The ticket in {@code issue} (an event's {@code issue}, an item of the issues list: the same fields) of
     * {@code owner/repository}, both already checked; a pull request, or an issue that already carries one of our
     * labels, is ignored.
     *
     * @param where how the payload names {@code issue}, for messages ({@code issue.})
     */
    private Inbound ticket(String owner, String repository, JsonNode issue, String where, String deliveryKey) {
        String number = issue.path("number").isIntegralNumber() ? issue.path("number").asText() : "";
        if (!NUMBER.matcher(number).matches()) {
            return new Inbound.Rejected(400, "invalid_issue_number", where + "number must be a positive whole number.");
        }
        if (issue.has("pull_request")) {
            return Inbound.Ignored.because("a pull request, not an issue");
        }
        List<String> labels = new ArrayList<>();
        for (JsonNode label : issue.path("labels")) {
            String name = label.path("name").asText("");
            if (!name.isBlank()) {
                labels.add(name);
            }
        }
        Instant updated = null;
        String updatedAt = issue.path("updated_at").asText(null);
        if (updatedAt != null) {
            try {
                updated = Instant.parse(updatedAt);
            } catch (DateTimeException e) {
                return invalid(where + "updated_at is not an ISO-8601 time.");
            }
        }
        String ticketId = owner + "/" + repository + "#" + number;
        return new Inbound.Accepted(new HelpdeskTicket(NAME, deliveryKey, ticketId,
                Map.of(REF_OWNER, owner, REF_REPOSITORY, repository, REF_NUMBER, number),
                text(issue.get("title")), text(issue.get("body")), text(issue.path("user").get("login")), labels,
                NAME, updated));
    }

    private static Inbound.Rejected invalid(String message) {
        return new Inbound.Rejected(400, "invalid_payload", message);
    }

    private static String text(JsonNode node) {
        return node != null && node.isTextual() ? node.asText() : null;
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Plan
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public WriteBack plan(HelpdeskTicket ticket, TriageResult result) {
        Set<String> labels = new LinkedHashSet<>();
        String configured = result.outputs().get(LABELS_OUTPUT);
        if (configured != null && !configured.isBlank()) {
            for (String label : configured.split("\\|")) {
                label(labels, label);
            }
        } else {
            label(labels, config.labelPrefix() + Slug.of(result.category(), '-'));
        }
        if (result.needsReview()) {
            label(labels, config.labelPrefix() + "review");
        }
        if (result.escalated()) {
            label(labels, config.labelPrefix() + "escalated");
        }
        label(labels, result.outputs().get(PRIORITY_LABEL_OUTPUT));
        String marker = TriageNote.marker(ticket.deliveryKey());
        return new WriteBack(NAME, ticket.deliveryKey(), ticket.ticketId(), ticket.reference(), List.copyOf(labels),
                null, null, config.comment() ? TriageNote.text(result, marker, true) : null, marker);
    }

    private static void label(Set<String> labels, String label) {
        if (label == null) {
            return;
        }
        String name = label.strip();
        if (!name.isEmpty() && name.length() <= MAX_LABEL_CHARS && name.chars().noneMatch(Character::isISOControl)) {
            labels.add(name);
        }
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Out
    // ---------------------------------------------------------------------------------------------------------------

    @Override
    public Attempt apply(WriteBack writeBack, boolean retry) {
        String owner = writeBack.reference().getOrDefault(REF_OWNER, "");
        String repository = writeBack.reference().getOrDefault(REF_REPOSITORY, "");
        String number = writeBack.reference().getOrDefault(REF_NUMBER, "");
        if (!OWNER.matcher(owner).matches() || !REPOSITORY.matcher(repository).matches()
                || !NUMBER.matcher(number).matches()) {
            return Attempt.failed("the write-back holds no valid GitHub repository and issue number", writeBack);
        }
        String issue = config.apiUrl() + "/repos/" + owner + "/" + repository + "/issues/" + number;
        if (!writeBack.labels().isEmpty()) {
            ObjectNode body = JSON.createObjectNode();
            ArrayNode labels = body.putArray("labels");
            writeBack.labels().forEach(labels::add);
            String what = "POST /repos/{owner}/{repo}/issues/{number}/labels";
            VendorHttp.Exchange added = http.send(authorized(URI.create(issue + "/labels"))
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(body.toString(), StandardCharsets.UTF_8)).build(), what);
            if (!added.succeeded()) {
                return http.classify(added, what, writeBack);
            }
        }
        if (writeBack.note() == null) {
            return Attempt.done("labels added", writeBack);
        }
        if (retry) {
            Optional<Attempt> written = alreadyCommented(issue, writeBack);
            if (written.isPresent()) {
                return written.get();
            }
        }
        String what = "POST /repos/{owner}/{repo}/issues/{number}/comments";
        ObjectNode comment = JSON.createObjectNode().put("body", writeBack.note());
        return http.classify(http.send(authorized(URI.create(issue + "/comments"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString(comment.toString(), StandardCharsets.UTF_8)).build(), what),
                what, writeBack);
    }

    /** Whether an earlier attempt's comment is on the issue already (it may have been posted before a timeout). */
    private Optional<Attempt> alreadyCommented(String issue, WriteBack writeBack) {
        String what = "GET /repos/{owner}/{repo}/issues/{number}/comments";
        VendorHttp.Exchange read = http.send(authorized(URI.create(issue + "/comments?per_page=100")).GET().build(), what);
        if (!read.succeeded()) {
            return Optional.of(http.classify(read, what, writeBack));
        }
        try {
            for (JsonNode comment : JSON.readTree(read.response().body())) {
                if (comment.path("body").asText("").contains(writeBack.marker())) {
                    return Optional.of(Attempt.done("comment already on the issue (an earlier attempt posted it)", writeBack));
                }
            }
        } catch (IOException e) {
            return Optional.of(Attempt.retry("the issue's comments were not JSON", null, writeBack));
        }
        return Optional.empty();
    }

    // ---------------------------------------------------------------------------------------------------------------
    // Backfill
    // ---------------------------------------------------------------------------------------------------------------

    /**
     * A page of the open issues of {@code source} ({@code owner/repo}, which the allow-list must allow) from
     * {@code GET /repos/{owner}/{repo}/issues?state=open}, 100 per page, oldest first, following the {@code Link}
     * header's {@code rel="next"}. Pull requests (the list holds them too) are left out; an issue that carries a label
     * with our prefix counts as already triaged. A delivery key is {@code github:backfill-<owner>/<repo>#<n>-<updated_at>}.
     */
    @Override
    public OpenTickets openTickets(String source, URI next) {
        String[] parts = source == null ? new String[0] : source.strip().split("/", -1);
        if (parts.length != 2 || !OWNER.matcher(parts[0]).matches() || !REPOSITORY.matcher(parts[1]).matches()) {
            return OpenTickets.failed(Attempt.failed("'" + source + "' is not owner/repository", null));
        }
        String owner = parts[0];
        String repository = parts[1];
        if (!config.allows(owner, repository)) {
            return OpenTickets.failed(Attempt.failed(owner + "/" + repository
                    + " is not in TRIAGE_GITHUB_REPOSITORIES", null));
        }
        URI uri;
        if (next == null) {
            uri = URI.create(config.apiUrl() + "/repos/" + owner + "/" + repository
                    + "/issues?state=open&sort=created&direction=asc&per_page=100");
        } else if (!next.normalize().toString().startsWith(config.apiUrl() + "/")) {
            return OpenTickets.failed(Attempt.failed("the next page is not on " + config.apiUrl(), null));
        } else {
            uri = next.normalize();
        }
        String what = "GET /repos/{owner}/{repo}/issues";
        VendorHttp.JsonAnswer read = http.sendForJson(authorized(uri).GET().build(), what, "the issues list was not JSON");
        if (!read.succeeded()) {
            return OpenTickets.failed(read.failure());
        }
        JsonNode page = read.json();
        List<HelpdeskTicket> tickets = new ArrayList<>();
        int alreadyTriaged = 0;
        String prefix = config.labelPrefix().toLowerCase(Locale.ROOT);
        for (JsonNode issue : page) {
            String key = NAME + ":backfill-" + owner + "/" + repository + "#" + issue.path("number").asText("")
                    + "-" + issue.path("updated_at").asText("");
            Inbound inbound = ticket(owner, repository, issue, "[].", key);
            if (inbound instanceof Inbound.Accepted accepted) {
                boolean ours = !prefix.isEmpty() && accepted.ticket().tags().stream()
                        .anyMatch(label -> label.toLowerCase(Locale.ROOT).startsWith(prefix));
                if (ours) {
                    alreadyTriaged++;
                } else {
                    tickets.add(accepted.ticket());
                }
            }
        }
        URI following = null;
        for (String link : read.response().headers().allValues("link")) {
            var matcher = NEXT_LINK.matcher(link);
            if (matcher.find()) {
                try {
                    following = URI.create(matcher.group(1));
                } catch (IllegalArgumentException e) {
                    return OpenTickets.failed(Attempt.failed("the Link header's next page is not a URI", null));
                }
            }
        }
        return OpenTickets.page(tickets, alreadyTriaged, following);
    }

    private HttpRequest.Builder authorized(URI uri) {
        return http.request(uri)
                .header("Authorization", "Bearer " + secrets.require(TOKEN).reveal())
                .header("Accept", "application/vnd.github+json")
                .header("X-GitHub-Api-Version", API_VERSION);
    }

    @Override
    public void refreshSecrets() {
        secrets.refresh();
    }
}
