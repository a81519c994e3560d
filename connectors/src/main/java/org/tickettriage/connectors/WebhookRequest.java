package org.tickettriage.connectors;

import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * A webhook delivery as it arrived: its headers and the raw body, byte for byte (a signature covers those bytes, not
 * a re-encoding of them). Whoever serves HTTP builds it: the local server, the Lambda handler.
 */
public final class WebhookRequest {

    private final Map<String, String> headers;
    private final byte[] body;

    /**
     * @param headers the request's headers; names compare without regard to case (repeated headers joined with
     *                commas, as API Gateway does)
     * @param body    the raw body, empty when there was none
     */
    public WebhookRequest(Map<String, String> headers, byte[] body) {
        Map<String, String> lower = new LinkedHashMap<>();
        Objects.requireNonNull(headers, "headers").forEach((name, value) -> {
            if (name != null && value != null) {
                lower.merge(name.toLowerCase(Locale.ROOT), value, (a, b) -> a + "," + b);
            }
        });
        this.headers = Map.copyOf(lower);
        this.body = Objects.requireNonNull(body, "body").clone();
    }

    /** The header's value, stripped; empty when absent or blank. */
    public Optional<String> header(String name) {
        String value = headers.get(name.toLowerCase(Locale.ROOT));
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** The headers, names lower-cased. */
    public Map<String, String> headers() {
        return headers;
    }

    /** The raw body (a copy). */
    public byte[] body() {
        return body.clone();
    }

    /** The body's length in bytes. */
    public int length() {
        return body.length;
    }

    /** Header names and the body's length only: the body is customer data. */
    @Override
    public String toString() {
        return "WebhookRequest[headers " + headers.keySet() + ", body " + body.length + " bytes]";
    }
}
