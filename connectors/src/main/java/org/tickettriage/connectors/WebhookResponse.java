package org.tickettriage.connectors;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

/**
 * What a webhook route answers: a status and a small JSON body. Errors are {@code {"error": code, "message": text}}
 * as everywhere in the API; the other answers are {@code {"status": ..., ...}}.
 *
 * @param status the HTTP status
 * @param body   the JSON body
 */
public record WebhookResponse(int status, String body) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** An error answer: {@code {"error": code, "message": message}}. */
    public static WebhookResponse error(int status, String code, String message) {
        ObjectNode node = JSON.createObjectNode().put("error", code).put("message", message);
        return new WebhookResponse(status, node.toString());
    }

    /**
     * A success answer: {@code {"status": status}} plus the given names and values (pairs; null values left out).
     */
    public static WebhookResponse ok(int httpStatus, String status, String... namesAndValues) {
        ObjectNode node = JSON.createObjectNode().put("status", status);
        for (int i = 0; i + 1 < namesAndValues.length; i += 2) {
            if (namesAndValues[i + 1] != null) {
                node.put(namesAndValues[i], namesAndValues[i + 1]);
            }
        }
        return new WebhookResponse(httpStatus, node.toString());
    }
}
