package org.tickettriage.connectors;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tickettriage.triage.Secret;

/**
 * Signed webhook deliveries as the helpdesks send them, built from the payload fixtures in
 * {@code src/test/resources/payloads/} (which follow the vendors' documented examples).
 */
public final class Deliveries {

    public static final String ZENDESK_SECRET = "dGhpc19zZWNyZXRfaXNfZm9yX3Rlc3Rpbmdfb25seQ==";
    public static final String GITHUB_SECRET = "It's a Secret to Everybody";
    public static final String ZENDESK_TOKEN = "zendesk-api-token-for-tests";
    public static final String GITHUB_TOKEN = "github_pat_for_tests";

    private static final ObjectMapper JSON = new ObjectMapper();

    private Deliveries() {
    }

    /** A payload fixture's bytes. */
    public static byte[] payload(String name) {
        try (InputStream in = Deliveries.class.getResourceAsStream("/payloads/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no payload fixture " + name);
            }
            return in.readAllBytes();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /**
     * The payload with values replaced: {@code path} is dotted ({@code detail.id}); a value is a String, Number,
     * Boolean, or a JsonNode.
     */
    public static byte[] with(byte[] payload, Object... pathsAndValues) {
        try {
            ObjectNode root = (ObjectNode) JSON.readTree(payload);
            for (int i = 0; i < pathsAndValues.length; i += 2) {
                String[] path = ((String) pathsAndValues[i]).split("\\.");
                ObjectNode node = root;
                for (int j = 0; j < path.length - 1; j++) {
                    node = (ObjectNode) node.get(path[j]);
                }
                node.set(path[path.length - 1], JSON.valueToTree(pathsAndValues[i + 1]));
            }
            return JSON.writeValueAsBytes(root);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The JSON tree of a body. */
    public static JsonNode tree(String body) {
        try {
            return JSON.readTree(body);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A Zendesk delivery of {@code body} signed with {@code secret} at {@code signedAt}. */
    public static WebhookRequest zendesk(String secret, Instant signedAt, byte[] body) {
        String timestamp = signedAt.toString();
        byte[] signature = HmacSha256.sign(Secret.of(secret), timestamp.getBytes(StandardCharsets.UTF_8), body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "Zendesk Webhook");
        headers.put("X-Zendesk-Webhook-Id", "01GK8E6BKWMJZD2T8Y5AXJQMG5");
        headers.put("X-Zendesk-Webhook-Signature", Base64.getEncoder().encodeToString(signature));
        headers.put("X-Zendesk-Webhook-Signature-Timestamp", timestamp);
        return new WebhookRequest(headers, body);
    }

    /** A GitHub delivery of {@code body} for {@code event}, signed with {@code secret}. */
    public static WebhookRequest github(String secret, String event, String delivery, byte[] body) {
        byte[] signature = HmacSha256.sign(Secret.of(secret), body);
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("User-Agent", "GitHub-Hookshot/044aadd");
        headers.put("X-GitHub-Event", event);
        headers.put("X-GitHub-Delivery", delivery);
        headers.put("X-GitHub-Hook-ID", "109948940");
        headers.put("X-Hub-Signature-256", "sha256=" + HexFormat.of().formatHex(signature));
        return new WebhookRequest(headers, body);
    }

    /** The request with one header replaced, or removed when {@code value} is null. */
    public static WebhookRequest withHeader(WebhookRequest request, String name, String value) {
        Map<String, String> changed = new HashMap<>(request.headers());
        changed.remove(name.toLowerCase(java.util.Locale.ROOT));
        if (value != null) {
            changed.put(name, value);
        }
        return new WebhookRequest(changed, request.body());
    }

    /** A secrets source holding both connectors' test secrets. */
    public static SecretsSource secrets() {
        return connector -> Map.of(
                "TRIAGE_ZENDESK_API_TOKEN", Secret.of(ZENDESK_TOKEN),
                "TRIAGE_ZENDESK_WEBHOOK_SECRET", Secret.of(ZENDESK_SECRET),
                "TRIAGE_GITHUB_TOKEN", Secret.of(GITHUB_TOKEN),
                "TRIAGE_GITHUB_WEBHOOK_SECRET", Secret.of(GITHUB_SECRET));
    }
}
