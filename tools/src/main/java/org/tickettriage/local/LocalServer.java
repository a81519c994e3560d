package org.tickettriage.local;

import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tickettriage.connectors.WebhookRequest;
import org.tickettriage.connectors.WebhookResponse;

/**
 * An HTTP server on the loopback interface that turns each request into the API Gateway HTTP API
 * (payload format 2.0) event that the deployed function would receive, and writes back the handler's
 * response: the same handler code answers locally and in Lambda. The webhook routes ({@code POST /webhooks/<connector>})
 * go to the connectors' receiver with the raw body, byte for byte, since the signatures cover those bytes.
 */
public final class LocalServer implements AutoCloseable {

    /** The JDK server's switch for TCP_NODELAY on the connections it accepts. */
    static final String NODELAY_PROPERTY = "sun.net.httpserver.nodelay";

    static {
        // Without TCP_NODELAY, every response on a kept-alive connection stalls about 40 ms: the JDK server writes
        // the headers and then the body, and Nagle's algorithm holds the body until the client acknowledges the
        // headers, which it delays by up to 40 ms (23 requests/s per connection, measured; docs/PERFORMANCE.md).
        // The JDK reads this property once, when its server classes initialise (sun.net.httpserver.ServerConfig),
        // so it is set here, before this class creates its first server; an explicit -D setting is left alone.
        if (System.getProperty(NODELAY_PROPERTY) == null) {
            System.setProperty(NODELAY_PROPERTY, "true");
        }
    }

    /** Bodies beyond this are cut here and rejected by the handler's own size check (413). */
    static final int MAX_REQUEST_BYTES = 6 * 1024 * 1024;
    /**
     * Handler threads. The JDK server reads every connection on one dispatcher thread and hands each request to
     * these, so they need not match the connections: 64 kept-alive connections on 2 cores were served best by 4,
     * with 2 about 10% slower and 8 about 25% slower (docs/PERFORMANCE.md, "HTTP server under load").
     */
    private static final int THREADS = 4;
    /**
     * Connections the kernel may queue before the dispatcher accepts them. The JDK's default, 50, is less than one
     * burst of 64 clients connecting at once; a connection beyond the queue can have its SYN dropped and retried a
     * second later. The kernel caps it at net.core.somaxconn.
     */
    private static final int BACKLOG = 1024;
    private static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.ENGLISH).withZone(ZoneOffset.UTC);
    private static final Logger LOG = LoggerFactory.getLogger(LocalServer.class);
    /** The prefix of the webhook routes: {@code /webhooks/zendesk}, {@code /webhooks/github}. */
    static final String WEBHOOKS = "/webhooks/";
    /** The in-process writer's state: {@code GET /webhooks}. */
    static final String STATUS = "/webhooks";

    private final HttpServer server;
    private final ExecutorService executor;
    private final RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler;
    private final BiFunction<String, WebhookRequest, WebhookResponse> webhooks;
    private final Supplier<String> webhookStatus;

    private LocalServer(HttpServer server, ExecutorService executor,
                        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                        BiFunction<String, WebhookRequest, WebhookResponse> webhooks, Supplier<String> webhookStatus) {
        this.server = server;
        this.executor = executor;
        this.handler = handler;
        this.webhooks = webhooks;
        this.webhookStatus = webhookStatus;
    }

    /**
     * Starts serving {@code handler} on 127.0.0.1.
     *
     * @param port the port, or 0 for any free one (see {@link #port()})
     */
    public static LocalServer start(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler, int port)
            throws IOException {
        return start(handler, null, port);
    }

    /**
     * Starts serving {@code handler} on 127.0.0.1, and the webhook routes through {@code webhooks} (connector name and
     * delivery in, answer out), when given.
     *
     * @param port the port, or 0 for any free one (see {@link #port()})
     */
    public static LocalServer start(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                    BiFunction<String, WebhookRequest, WebhookResponse> webhooks, int port)
            throws IOException {
        return start(handler, webhooks, null, port);
    }

    /**
     * As {@link #start(RequestHandler, BiFunction, int)}, and {@code GET /webhooks} answers {@code webhookStatus}'s JSON
     * (the in-process writer's counts and latest dead letters), when given.
     */
    public static LocalServer start(RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> handler,
                                    BiFunction<String, WebhookRequest, WebhookResponse> webhooks,
                                    Supplier<String> webhookStatus, int port) throws IOException {
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), port), BACKLOG);
        AtomicInteger threads = new AtomicInteger();
        ExecutorService executor = Executors.newFixedThreadPool(THREADS, task -> {
            Thread thread = new Thread(task, "local-http-" + threads.incrementAndGet());
            thread.setDaemon(true);
            return thread;
        });
        LocalServer local = new LocalServer(server, executor, handler, webhooks, webhookStatus);
        server.createContext("/", local::exchange);
        server.setExecutor(executor);
        server.start();
        return local;
    }

    /** The port the server listens on. */
    public int port() {
        return server.getAddress().getPort();
    }

    /** The server's base URL, ending in {@code /}. */
    public URI url() {
        return URI.create("http://127.0.0.1:" + port() + "/");
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdown();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void exchange(HttpExchange exchange) throws IOException {
        if (webhookStatus != null && exchange.getRequestURI().getRawPath().equals(STATUS)) {
            status(exchange);
            return;
        }
        if (webhooks != null && exchange.getRequestURI().getRawPath().startsWith(WEBHOOKS)) {
            webhook(exchange);
            return;
        }
        try (exchange) {
            APIGatewayV2HTTPResponse response = handler.handleRequest(event(exchange), null);
            write(exchange, response);
        } catch (RuntimeException e) {
            // The handler maps every failure itself; reaching here is a bug in this server.
            LOG.error("local server failed on {} {}: {}", exchange.getRequestMethod(),
                    exchange.getRequestURI().getRawPath(), e.getClass().getName());
            exchange.sendResponseHeaders(502, -1);
        }
    }

    /** {@code GET /webhooks}: the in-process writer's state. */
    private void status(HttpExchange exchange) throws IOException {
        try (exchange) {
            WebhookResponse response;
            if (!exchange.getRequestMethod().equalsIgnoreCase("GET")) {
                exchange.getResponseHeaders().set("allow", "GET");
                response = WebhookResponse.error(405, "method_not_allowed", "GET /webhooks only.");
            } else {
                response = new WebhookResponse(200, webhookStatus.get());
            }
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/json");
            exchange.getResponseHeaders().set("cache-control", "no-store");
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (RuntimeException e) {
            LOG.error("local server failed on the webhook status: {}", e.getClass().getName());
            exchange.sendResponseHeaders(502, -1);
        }
    }

    /** {@code POST /webhooks/<connector>}: the raw body and the headers to the receiver, its JSON answer back. */
    private void webhook(HttpExchange exchange) throws IOException {
        try (exchange) {
            String name = exchange.getRequestURI().getRawPath().substring(WEBHOOKS.length());
            WebhookResponse response;
            if (!exchange.getRequestMethod().equalsIgnoreCase("POST")) {
                exchange.getResponseHeaders().set("allow", "POST");
                response = WebhookResponse.error(405, "method_not_allowed", "Webhook routes take POST only.");
            } else if (name.isEmpty() || name.contains("/")) {
                response = WebhookResponse.error(404, "connector_off", "No helpdesk connector is configured for this route.");
            } else {
                Map<String, String> headers = new LinkedHashMap<>();
                exchange.getRequestHeaders().forEach((header, values) -> headers.put(header, String.join(",", values)));
                response = webhooks.apply(name, new WebhookRequest(headers, readBounded(exchange.getRequestBody())));
            }
            byte[] body = response.body().getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("content-type", "application/json");
            if (closeRequested(exchange)) {
                exchange.getResponseHeaders().set("connection", "close");
            }
            exchange.sendResponseHeaders(response.status(), body.length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        } catch (RuntimeException e) {
            // The receiver answers every delivery itself; reaching here is a bug in this server.
            LOG.error("local server failed on a webhook: {}", e.getClass().getName());
            exchange.sendResponseHeaders(502, -1);
        }
    }

    /** The event API Gateway would send for this request (payload format 2.0, the {@code $default} stage). */
    static APIGatewayV2HTTPEvent event(HttpExchange exchange) throws IOException {
        URI uri = exchange.getRequestURI();
        Instant now = Instant.now();
        Map<String, String> headers = new LinkedHashMap<>();
        List<String> cookies = new ArrayList<>();
        exchange.getRequestHeaders().forEach((name, values) -> {
            String key = name.toLowerCase(Locale.ROOT);
            if (key.equals("cookie")) {
                values.forEach(v -> cookies.addAll(List.of(v.split(";\\s*"))));
            } else {
                // API Gateway joins repeated headers with commas.
                headers.merge(key, String.join(",", values), (a, b) -> a + "," + b);
            }
        });
        byte[] body = readBounded(exchange.getRequestBody());
        boolean text = isText(headers.get("content-type"));

        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(exchange.getRequestMethod().toUpperCase(Locale.ROOT));
        http.setPath(uri.getRawPath());
        http.setProtocol(exchange.getProtocol());
        http.setSourceIp(exchange.getRemoteAddress().getAddress().getHostAddress());
        http.setUserAgent(headers.get("user-agent"));

        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setAccountId("123456789012");
        context.setApiId("local");
        context.setDomainName(headers.getOrDefault("host", "127.0.0.1"));
        context.setDomainPrefix("local");
        context.setHttp(http);
        context.setRequestId(requestId());
        context.setRouteKey("$default");
        context.setStage("$default");
        context.setTime(REQUEST_TIME.format(now));
        context.setTimeEpoch(now.toEpochMilli());

        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("$default");
        event.setRawPath(uri.getRawPath());
        event.setRawQueryString(uri.getRawQuery() == null ? "" : uri.getRawQuery());
        event.setQueryStringParameters(query(uri.getRawQuery()));
        event.setCookies(cookies.isEmpty() ? null : cookies);
        event.setHeaders(headers);
        event.setRequestContext(context);
        if (body.length > 0) {
            event.setBody(text ? new String(body, StandardCharsets.UTF_8) : Base64.getEncoder().encodeToString(body));
            event.setIsBase64Encoded(!text);
        }
        return event;
    }

    /**
     * A random (version 4) UUID for the request's id, drawn from the thread's own generator: an id only needs to be
     * unique, and {@link UUID#randomUUID()} draws from one {@code SecureRandom} that every handler thread locks.
     */
    static String requestId() {
        ThreadLocalRandom random = ThreadLocalRandom.current();
        long high = random.nextLong() & ~0xF000L | 0x4000L;
        long low = random.nextLong() & 0x3FFF_FFFF_FFFF_FFFFL | 0x8000_0000_0000_0000L;
        return new UUID(high, low).toString();
    }

    /**
     * Reads at most one byte beyond the limit: enough for the handler to see the body is too large,
     * without holding an unbounded upload in memory.
     */
    private static byte[] readBounded(InputStream in) throws IOException {
        return in.readNBytes(MAX_REQUEST_BYTES + 1);
    }

    /** API Gateway passes text as is and base64-encodes everything else. */
    private static boolean isText(String contentType) {
        if (contentType == null) {
            return true;
        }
        String type = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        return type.startsWith("text/") || type.equals("application/json") || type.endsWith("+json")
                || type.equals("application/xml") || type.equals("application/x-www-form-urlencoded")
                || type.equals("application/javascript");
    }

    private static Map<String, String> query(String rawQuery) {
        if (rawQuery == null || rawQuery.isEmpty()) {
            return null;
        }
        Map<String, String> parameters = new LinkedHashMap<>();
        for (String pair : rawQuery.split("&")) {
            if (pair.isEmpty()) {
                continue;
            }
            String[] parts = pair.split("=", 2);
            String name = URLDecoder.decode(parts[0], StandardCharsets.UTF_8);
            String value = parts.length > 1 ? URLDecoder.decode(parts[1], StandardCharsets.UTF_8) : "";
            parameters.merge(name, value, (a, b) -> a + "," + b);
        }
        return parameters;
    }

    private static void write(HttpExchange exchange, APIGatewayV2HTTPResponse response) throws IOException {
        if (response.getHeaders() != null) {
            response.getHeaders().forEach((name, value) -> exchange.getResponseHeaders().set(name, value));
        }
        if (response.getMultiValueHeaders() != null) {
            response.getMultiValueHeaders().forEach((name, values) -> exchange.getResponseHeaders().put(name, values));
        }
        if (response.getCookies() != null) {
            response.getCookies().forEach(cookie -> exchange.getResponseHeaders().add("set-cookie", cookie));
        }
        String body = response.getBody();
        byte[] bytes = body == null ? new byte[0]
                : response.getIsBase64Encoded() ? Base64.getDecoder().decode(body) : body.getBytes(StandardCharsets.UTF_8);
        // The JDK server closes the connection after this response but, in Java 17, does not say so; a client that
        // is not told (wrk, for one) writes its next request into the closed connection and has to retry.
        if (closeRequested(exchange)) {
            exchange.getResponseHeaders().set("connection", "close");
        }
        boolean noBody = bytes.length == 0 || exchange.getRequestMethod().equalsIgnoreCase("HEAD");
        exchange.sendResponseHeaders(response.getStatusCode(), noBody ? -1 : bytes.length);
        if (!noBody) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes);
            }
        }
    }

    /** True when the request carries the {@code close} connection option (RFC 9112, section 9.6). */
    private static boolean closeRequested(HttpExchange exchange) {
        for (String value : exchange.getRequestHeaders().getOrDefault("connection", List.of())) {
            for (String option : value.split(",")) {
                if (option.strip().equalsIgnoreCase("close")) {
                    return true;
                }
            }
        }
        return false;
    }
}
