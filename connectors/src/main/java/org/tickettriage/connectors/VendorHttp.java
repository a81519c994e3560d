package org.tickettriage.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;

/**
 * The HTTP side of the connectors: one {@link HttpClient} with a connect timeout, a timeout per request, and the one
 * reading of a helpdesk's answer that every connector shares ({@link #classify}).
 */
public final class VendorHttp {

    /** Sent with every request: GitHub refuses requests without a User-Agent. */
    public static final String USER_AGENT = "ticket-triage";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final HttpClient client;
    private final Duration requestTimeout;
    private final Clock clock;

    /**
     * @param connectTimeout how long to wait for a connection
     * @param requestTimeout how long to wait for a whole answer
     */
    public VendorHttp(Duration connectTimeout, Duration requestTimeout, Clock clock) {
        this.client = HttpClient.newBuilder()
                .connectTimeout(connectTimeout)
                .followRedirects(HttpClient.Redirect.NEVER) // a redirect would carry the credentials elsewhere
                .build();
        this.requestTimeout = Objects.requireNonNull(requestTimeout, "requestTimeout");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** A request builder for {@code uri} with the timeout and the User-Agent set. */
    public HttpRequest.Builder request(URI uri) {
        return HttpRequest.newBuilder(uri).timeout(requestTimeout).header("User-Agent", USER_AGENT);
    }

    /**
     * A helpdesk's base URL as configured, checked and without a trailing slash, so that paths are appended as
     * {@code base + "/api/..."}.
     *
     * @param wanted what the URL must look like, for the error ({@code https://<subdomain>.zendesk.com})
     * @throws IllegalArgumentException when it is not an http(s) URL with a host
     */
    public static URI baseUrl(URI url, String wanted) {
        String scheme = url.getScheme() == null ? "" : url.getScheme().toLowerCase(Locale.ROOT);
        if (!scheme.equals("https") && !scheme.equals("http") || url.getHost() == null) {
            throw new IllegalArgumentException(wanted);
        }
        String text = url.toString();
        return URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text);
    }

    /**
     * Sends a request whose answer is JSON (a page of tickets): the answer read, or why there is none (the helpdesk's
     * refusal as {@link #classify} reads it, or an answer that is not JSON, retried).
     *
     * @param notJson the reason when the answer is not JSON
     */
    public JsonAnswer sendForJson(HttpRequest request, String what, String notJson) {
        Exchange read = send(request, what);
        if (!read.succeeded()) {
            return new JsonAnswer(read.response(), null, classify(read, what, null));
        }
        try {
            return new JsonAnswer(read.response(), JSON.readTree(read.response().body()), null);
        } catch (IOException e) {
            return new JsonAnswer(read.response(), null, Attempt.retry(notJson, null, null));
        }
    }

    /**
     * What {@link #sendForJson} got: the response and its JSON, or the failure (the response may then be null).
     */
    public record JsonAnswer(HttpResponse<String> response, JsonNode json, Attempt failure) {

        public boolean succeeded() {
            return failure == null;
        }
    }

    /**
     * Sends the request; the answer, or the failure as an {@link Attempt} to retry.
     *
     * @param what what the request does, for reasons: a method and a path template ({@code PUT /api/v2/tickets/{id}.json})
     */
    public Exchange send(HttpRequest request, String what) {
        try {
            return new Exchange(client.send(request, HttpResponse.BodyHandlers.ofString()), null);
        } catch (HttpTimeoutException e) {
            return new Exchange(null, "no answer within " + requestTimeout.toMillis() + " ms to " + what);
        } catch (IOException e) {
            return new Exchange(null, "network error (" + e.getClass().getSimpleName() + ") on " + what);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Exchange(null, "interrupted during " + what);
        }
    }

    /**
     * An answer, or why there was none.
     *
     * @param response the answer, or null
     * @param failure  why there was no answer (a timeout, a network error), or null
     */
    public record Exchange(HttpResponse<String> response, String failure) {

        /** Whether an answer came with a 2xx status. */
        public boolean succeeded() {
            return response != null && response.statusCode() / 100 == 2;
        }
    }

    /**
     * What the answer means, the same for every helpdesk: 2xx done; 401 unauthorized; 429, and a 403 that carries
     * {@code Retry-After} or {@code x-ratelimit-remaining: 0} (GitHub's rate limits), retried after the time given;
     * 408, 409 and 5xx retried with backoff, as are timeouts and network errors; any other status refused for good.
     * A connector handles what is special to its helpdesk (Zendesk's 409) before calling this.
     */
    public Attempt classify(Exchange exchange, String what, WriteBack writeBack) {
        if (exchange.response() == null) {
            return Attempt.retry(exchange.failure(), null, writeBack);
        }
        HttpResponse<String> response = exchange.response();
        int status = response.statusCode();
        String reason = "HTTP " + status + " on " + what;
        if (status / 100 == 2) {
            return Attempt.done(reason, writeBack);
        }
        if (status == 401) {
            return Attempt.unauthorized(reason, writeBack);
        }
        Optional<Duration> wait = rateLimitWait(response);
        if (status == 429) {
            return Attempt.retry(reason + " (rate limited)", wait.orElse(null), writeBack);
        }
        if (status == 403 && wait.isPresent()) {
            return Attempt.retry(reason + " (rate limited)", wait.get(), writeBack);
        }
        if (status == 408 || status == 409 || status / 100 == 5) {
            return Attempt.retry(reason, null, writeBack);
        }
        return Attempt.failed(reason, writeBack);
    }

    /**
     * The wait a rate-limited answer asks for: {@code Retry-After} (seconds or an HTTP date), else, when
     * {@code x-ratelimit-remaining} is 0, until {@code x-ratelimit-reset} (epoch seconds).
     */
    Optional<Duration> rateLimitWait(HttpResponse<?> response) {
        Instant now = clock.instant();
        Optional<String> retryAfter = response.headers().firstValue("retry-after").map(String::strip);
        if (retryAfter.isPresent()) {
            String value = retryAfter.get();
            try {
                return Optional.of(Duration.ofSeconds(Math.max(0, Long.parseLong(value))));
            } catch (NumberFormatException e) {
                try {
                    Instant at = ZonedDateTime.parse(value, DateTimeFormatter.RFC_1123_DATE_TIME).toInstant();
                    return Optional.of(nonNegative(Duration.between(now, at)));
                } catch (DateTimeParseException notADate) {
                    return Optional.empty();
                }
            }
        }
        Optional<String> remaining = response.headers().firstValue("x-ratelimit-remaining").map(String::strip);
        Optional<String> reset = response.headers().firstValue("x-ratelimit-reset").map(String::strip);
        if (remaining.isPresent() && remaining.get().equals("0") && reset.isPresent()) {
            try {
                Instant at = Instant.ofEpochSecond(Long.parseLong(reset.get()));
                return Optional.of(nonNegative(Duration.between(now, at)).plusSeconds(1));
            } catch (NumberFormatException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }

    private static Duration nonNegative(Duration duration) {
        return duration.isNegative() ? Duration.ZERO : duration;
    }
}
