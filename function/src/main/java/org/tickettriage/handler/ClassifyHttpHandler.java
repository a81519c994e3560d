package org.tickettriage.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;
import org.tickettriage.triage.Ticket;
import org.tickettriage.triage.TriageResult;
import org.tickettriage.triage.TriageService;
import org.tickettriage.triage.TriageServices;

/**
 * The HTTP API (API Gateway HTTP API, payload format 2.0): {@code POST /classify},
 * {@code POST /classify/batch}, {@code GET /health} and the web page at {@code GET /}.
 * Decodes the event, calls {@link TriageService}, encodes the result; nothing else.
 */
public final class ClassifyHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    /** Largest {@code POST /classify} body, in bytes: a maximal ticket even with every character escaped. */
    public static final int MAX_BODY_BYTES = 1024 * 1024;
    /** Largest {@code POST /classify/batch} body, in bytes: Lambda's own synchronous payload limit. */
    public static final int MAX_BATCH_BODY_BYTES = 6 * 1024 * 1024;
    /** Most tickets in one batch; more is a 413 so one request cannot hold a container for long. */
    public static final int MAX_BATCH_TICKETS = 100;

    private static final Logger LOG = LogManager.getLogger(ClassifyHttpHandler.class);

    private static final Map<String, String> JSON_HEADERS = Map.of(
            "content-type", "application/json; charset=utf-8",
            "cache-control", "no-store",
            "x-content-type-options", "nosniff");
    // The page's script and style are inline and it talks only to its own origin.
    private static final Map<String, String> PAGE_HEADERS = Map.of(
            "content-type", "text/html; charset=utf-8",
            "cache-control", "no-cache",
            "x-content-type-options", "nosniff",
            "content-security-policy", "default-src 'none'; script-src 'unsafe-inline'; style-src 'unsafe-inline'; "
                    + "connect-src 'self'; img-src data:; base-uri 'none'; form-action 'none'; frame-ancestors 'none'");
    // Read at class initialisation, so it is part of a SnapStart snapshot and never read per request.
    private static final String PAGE = readPage("/web/index.html");

    private final TriageService service;
    private final TriageMetrics metrics;

    /** The Lambda entry point: the container-wide service and metrics, built once, and the JSON path primed. */
    public ClassifyHttpHandler() {
        this(TriageServices.shared(), TriageMetrics.shared());
        prime();
        metrics.prime();
    }

    /** A handler over {@code service} that records no metrics (tests). */
    public ClassifyHttpHandler(TriageService service) {
        this(service, TriageMetrics.off());
    }

    /** A handler over {@code service} that records to {@code metrics} (the local server, tests). */
    public ClassifyHttpHandler(TriageService service, TriageMetrics metrics) {
        this.service = Objects.requireNonNull(service, "service");
        this.metrics = Objects.requireNonNull(metrics, "metrics");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        String requestId = requestId(event, context);
        String method = method(event);
        String path = path(event);
        RequestLog log = new RequestLog(routeName(method, path));
        TriageMetrics.Invocation recording = metrics.start();
        ThreadContext.put(LogFields.REQUEST_ID, requestId);
        try {
            APIGatewayV2HTTPResponse response;
            try {
                response = route(event, method, path, requestId, recording, log);
            } catch (RuntimeException e) {
                ApiError error = ApiError.from(e, requestId);
                log.error = error.error();
                response = error(error);
            }
            recording.flush();
            log.write(response.getStatusCode(), System.nanoTime() - started, service.health().modelVersion());
            return response;
        } finally {
            ThreadContext.remove(LogFields.REQUEST_ID);
        }
    }

    /**
     * Answers one made-up {@code POST /classify}, unlogged and unmeasured, so that reading a request and writing a result
     * as JSON (Jackson's mapper and the result's serializer, some 40 ms on a cold JVM) happen in the Lambda init phase,
     * and so inside a SnapStart snapshot, instead of in the first request. A failure here only costs that head start.
     *
     * @return the status of the made-up request (500 when it failed)
     */
    int prime() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setHeaders(Map.of("content-type", "application/json"));
        // Shaped like a real request: a ticket id (none is drawn at random) and a timestamp, whose parsing is primed too.
        event.setBody("{\"ticketId\":\"warm-up\",\"timestamp\":\"2024-03-12T19:03:00Z\","
                + "\"subject\":\"Warm-up ticket: the app crashes when I export my invoice\","
                + "\"description\":\"Priming the JSON reading and writing before the first request.\"}");
        try {
            return route(event, "POST", "/classify", "priming", TriageMetrics.off().start(), RequestLog.QUIET)
                    .getStatusCode();
        } catch (RuntimeException e) {
            LOG.warn("Priming the HTTP handler failed ({}); the first request will be slower", e.getClass().getName());
            return 500;
        }
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event, String method, String path, String requestId,
                                           TriageMetrics.Invocation recording, RequestLog log) {
        if (event == null) {
            throw new RejectedRequestException(400, "invalid_event", "The event is not an HTTP API request.");
        }
        switch (path) {
            case "/" -> {
                allow(method, "GET");
                return response(200, PAGE_HEADERS, PAGE);
            }
            case "/health" -> {
                allow(method, "GET");
                return json(200, service.health());
            }
            case "/classify" -> {
                allow(method, "POST");
                TriageResult result = triage(TicketJson.read(RequestBody.jsonObject(event, MAX_BODY_BYTES)), recording, log);
                log.single(result);
                return json(200, result);
            }
            case "/classify/batch" -> {
                allow(method, "POST");
                return json(200, batch(RequestBody.jsonObject(event, MAX_BATCH_BODY_BYTES), requestId, recording, log));
            }
            default -> throw new RejectedRequestException(404, "not_found",
                    "No route " + path + "; try POST /classify, POST /classify/batch, GET /health or GET /.");
        }
    }

    /** Triages one ticket and records it; a ticket that cannot be triaged records nothing. */
    private TriageResult triage(Ticket ticket, TriageMetrics.Invocation recording, RequestLog log) {
        long started = System.nanoTime();
        TriageResult result = service.triage(ticket);
        long took = System.nanoTime() - started;
        boolean degraded = !service.health().modelLoaded();
        recording.ticket(result, took, degraded, service.categories());
        if (!log.quiet() && LOG.isDebugEnabled()) {
            LOG.debug(new LogLine("Ticket triaged")
                    .with(LogFields.CATEGORY, result.category())
                    .with(LogFields.CONFIDENCE, result.confidence())
                    .with(LogFields.DECIDED_BY, result.decidedBy())
                    .with(LogFields.PRIORITY, result.priority())
                    .with(LogFields.LANGUAGE, result.language())
                    .with(LogFields.QUEUE, result.queue())
                    .with(LogFields.REASON_CODES, LogLine.reasonCodes(result))
                    .with(LogFields.LATENCY_US, took / 1_000));
        }
        return result;
    }

    /** Every item is triaged on its own: one bad ticket becomes an error entry, not a failed batch. */
    private Map<String, List<Object>> batch(JsonNode body, String requestId, TriageMetrics.Invocation recording,
                                            RequestLog log) {
        JsonNode tickets = body.get("tickets");
        if (tickets == null || !tickets.isArray() || tickets.isEmpty()) {
            throw new RejectedRequestException(400, "invalid_batch",
                    "The body must be {\"tickets\": [...]} with at least one ticket.");
        }
        if (tickets.size() > MAX_BATCH_TICKETS) {
            throw new RejectedRequestException(413, "batch_too_large",
                    "A batch holds at most " + MAX_BATCH_TICKETS + " tickets; this one has " + tickets.size() + ".");
        }
        recording.batch(tickets.size());
        List<Object> results = new ArrayList<>(tickets.size());
        for (int i = 0; i < tickets.size(); i++) {
            try {
                TriageResult result = triage(TicketJson.read(tickets.get(i)), recording, log);
                log.batchItem(result);
                results.add(result);
            } catch (RuntimeException e) {
                ApiError error = ApiError.from(e, requestId + " item " + i);
                log.batchItem(null);
                results.add(new BatchItemError(i, error.error(), error.message()));
            }
        }
        return Map.of("results", results);
    }

    /** The route as operators filter on it: a known path with its method, never an arbitrary path a caller sent. */
    private static String routeName(String method, String path) {
        return switch (path) {
            case "/", "/health", "/classify", "/classify/batch" -> method + " " + path;
            default -> method + " (no route)";
        };
    }

    /** The fields of the one line logged per request: where it went and what was decided, never the ticket. */
    private static final class RequestLog {
        /** Logs nothing: the priming request at start-up. */
        static final RequestLog QUIET = new RequestLog(null);

        private final String route;
        private String error;
        private TriageResult single;
        private int batchSize;
        private int batchFailed;
        private int batchReview;

        RequestLog(String route) {
            this.route = route;
        }

        boolean quiet() {
            return route == null;
        }

        void single(TriageResult result) {
            single = result;
        }

        void batchItem(TriageResult result) {
            batchSize++;
            if (result == null) {
                batchFailed++;
            } else if (result.needsReview()) {
                batchReview++;
            }
        }

        void write(int status, long nanos, String modelVersion) {
            Level level = status >= 500 ? Level.ERROR : Level.INFO;
            if (quiet() || !LOG.isEnabled(level)) {
                return;
            }
            LogLine line = new LogLine(route + " -> " + status)
                    .with(LogFields.ROUTE, route)
                    .with(LogFields.STATUS, status)
                    .with(LogFields.LATENCY_MS, LogLine.millis(nanos))
                    .with(LogFields.MODEL_VERSION, modelVersion);
            if (error != null) {
                line.with(LogFields.ERROR, error);
            }
            if (single != null) {
                line.with(LogFields.DECIDED_BY, single.decidedBy())
                        .with(LogFields.CATEGORY, single.category())
                        .with(LogFields.PRIORITY, single.priority())
                        .with(LogFields.LANGUAGE, single.language())
                        .with(LogFields.NEEDS_REVIEW, single.needsReview())
                        .with(LogFields.ESCALATED, single.escalated())
                        .with(LogFields.REASON_CODES, LogLine.reasonCodes(single));
            }
            if (batchSize > 0) {
                line.with(LogFields.BATCH_SIZE, batchSize)
                        .with(LogFields.BATCH_REVIEW, batchReview)
                        .with(LogFields.BATCH_FAILED, batchFailed);
            }
            LOG.log(level, line);
        }
    }

    /**
     * A batch entry that could not be triaged.
     *
     * @param index   the ticket's position in the request
     * @param error   the machine-readable code, as in a single request's error
     * @param message a sentence for the caller
     */
    record BatchItemError(int index, String error, String message) {
    }

    private static void allow(String method, String allowed) {
        if (!allowed.equals(method)) {
            throw new RejectedRequestException(405, "method_not_allowed",
                    "Use " + allowed + " for this path.", Map.of("allow", allowed));
        }
    }

    private static APIGatewayV2HTTPResponse json(int status, Object body) {
        return response(status, JSON_HEADERS, Json.write(body));
    }

    private static APIGatewayV2HTTPResponse error(ApiError error) {
        Map<String, String> headers = new LinkedHashMap<>(JSON_HEADERS);
        headers.putAll(error.headers());
        return response(error.status(), headers, Json.write(error));
    }

    private static APIGatewayV2HTTPResponse response(int status, Map<String, String> headers, String body) {
        APIGatewayV2HTTPResponse response = new APIGatewayV2HTTPResponse();
        response.setStatusCode(status);
        response.setHeaders(new LinkedHashMap<>(headers));
        response.setBody(body);
        response.setIsBase64Encoded(false);
        return response;
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        String method = null;
        if (event != null && event.getRequestContext() != null && event.getRequestContext().getHttp() != null) {
            method = event.getRequestContext().getHttp().getMethod();
        }
        return method == null ? "GET" : method.toUpperCase(Locale.ROOT);
    }

    /** The route path: rawPath without a named stage's prefix and without a trailing slash. */
    static String path(APIGatewayV2HTTPEvent event) {
        if (event == null) {
            return "/";
        }
        String path = event.getRawPath();
        if ((path == null || path.isEmpty()) && event.getRequestContext() != null
                && event.getRequestContext().getHttp() != null) {
            path = event.getRequestContext().getHttp().getPath();
        }
        if (path == null || path.isEmpty()) {
            return "/";
        }
        String stage = event.getRequestContext() == null ? null : event.getRequestContext().getStage();
        if (stage != null && !stage.equals("$default") && path.startsWith("/" + stage + "/")) {
            path = path.substring(stage.length() + 1);
        }
        return path.length() > 1 && path.endsWith("/") ? path.substring(0, path.length() - 1) : path;
    }

    private static String requestId(APIGatewayV2HTTPEvent event, Context context) {
        if (event != null && event.getRequestContext() != null && event.getRequestContext().getRequestId() != null) {
            return event.getRequestContext().getRequestId();
        }
        if (context != null && context.getAwsRequestId() != null) {
            return context.getAwsRequestId();
        }
        return UUID.randomUUID().toString();
    }

    private static String readPage(String resource) {
        try (InputStream in = ClassifyHttpHandler.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException("the web page " + resource + " is missing from the jar");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read the web page " + resource, e);
        }
    }
}
