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
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
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

    private static final Logger LOG = LoggerFactory.getLogger(ClassifyHttpHandler.class);

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

    /** The Lambda entry point: the container-wide service, built once, and the JSON path primed. */
    public ClassifyHttpHandler() {
        this(TriageServices.shared());
        prime();
    }

    /** A handler over {@code service} (tests, the local server). */
    public ClassifyHttpHandler(TriageService service) {
        this.service = Objects.requireNonNull(service, "service");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        String requestId = requestId(event, context);
        String method = method(event);
        String path = path(event);
        APIGatewayV2HTTPResponse response;
        try {
            response = route(event, method, path, requestId);
        } catch (RuntimeException e) {
            response = error(ApiError.from(e, requestId));
        }
        // Method, path and status only: the body is customer data.
        LOG.info("{} {} -> {} in {} ms [{}]", method, path, response.getStatusCode(),
                (System.nanoTime() - started) / 1_000_000, requestId);
        return response;
    }

    /**
     * Answers one made-up {@code POST /classify}, unlogged, so that reading a request and writing a result as JSON
     * (Jackson's mapper and the result's serializer, some 40 ms on a cold JVM) happen in the Lambda init phase, and
     * so inside a SnapStart snapshot, instead of in the first request. A failure here only costs that head start.
     *
     * @return the status of the made-up request (500 when it failed)
     */
    int prime() {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setHeaders(Map.of("content-type", "application/json"));
        event.setBody("{\"subject\":\"Warm-up ticket: the app crashes when I export my invoice\","
                + "\"description\":\"Priming the JSON reading and writing before the first request.\"}");
        try {
            return route(event, "POST", "/classify", "priming").getStatusCode();
        } catch (RuntimeException e) {
            LOG.warn("Priming the HTTP handler failed ({}); the first request will be slower", e.getClass().getName());
            return 500;
        }
    }

    private APIGatewayV2HTTPResponse route(APIGatewayV2HTTPEvent event, String method, String path, String requestId) {
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
                return json(200, service.triage(TicketJson.read(RequestBody.jsonObject(event, MAX_BODY_BYTES))));
            }
            case "/classify/batch" -> {
                allow(method, "POST");
                return json(200, batch(RequestBody.jsonObject(event, MAX_BATCH_BODY_BYTES), requestId));
            }
            default -> throw new RejectedRequestException(404, "not_found",
                    "No route " + path + "; try POST /classify, POST /classify/batch, GET /health or GET /.");
        }
    }

    /** Every item is triaged on its own: one bad ticket becomes an error entry, not a failed batch. */
    private Map<String, List<Object>> batch(JsonNode body, String requestId) {
        JsonNode tickets = body.get("tickets");
        if (tickets == null || !tickets.isArray() || tickets.isEmpty()) {
            throw new RejectedRequestException(400, "invalid_batch",
                    "The body must be {\"tickets\": [...]} with at least one ticket.");
        }
        if (tickets.size() > MAX_BATCH_TICKETS) {
            throw new RejectedRequestException(413, "batch_too_large",
                    "A batch holds at most " + MAX_BATCH_TICKETS + " tickets; this one has " + tickets.size() + ".");
        }
        List<Object> results = new ArrayList<>(tickets.size());
        for (int i = 0; i < tickets.size(); i++) {
            try {
                results.add(service.triage(TicketJson.read(tickets.get(i))));
            } catch (RuntimeException e) {
                ApiError error = ApiError.from(e, requestId + " item " + i);
                results.add(new BatchItemError(i, error.error(), error.message()));
            }
        }
        return Map.of("results", results);
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
