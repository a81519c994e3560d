package org.tickettriage.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;

/** Turns an event's body into a JSON object, rejecting what API Gateway lets through but we cannot read. */
final class RequestBody {

    private RequestBody() {
    }

    /**
     * The body of a POST as a JSON object.
     *
     * @param maxBytes the largest body accepted, in bytes after base64 decoding
     */
    static JsonNode jsonObject(APIGatewayV2HTTPEvent event, int maxBytes) {
        checkContentType(header(event.getHeaders(), "content-type"));
        String text = text(event, maxBytes);
        if (text.isBlank()) {
            throw new RejectedRequestException(400, "empty_body", "The request body is empty; send a JSON object.");
        }
        JsonNode node;
        try {
            node = Json.MAPPER.readTree(text);
        } catch (JsonProcessingException e) {
            // Jackson's own message may quote the body (customer text): give the position only.
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " (line " + at.getLineNr() + ", column " + at.getColumnNr() + ")";
            throw new RejectedRequestException(400, "invalid_json", "The request body is not valid JSON" + where + ".");
        }
        if (!node.isObject()) {
            throw new RejectedRequestException(400, "not_an_object", "The request body must be a JSON object.");
        }
        return node;
    }

    /**
     * A header by case-insensitive name (API Gateway lower-cases them, hand-written events may not); one
     * without a value (null in the event's JSON) counts as absent.
     */
    static String header(Map<String, String> headers, String name) {
        if (headers == null) {
            return null;
        }
        String exact = headers.get(name);
        if (exact != null) {
            return exact;
        }
        return headers.entrySet().stream()
                .filter(e -> e.getKey() != null && e.getValue() != null && e.getKey().equalsIgnoreCase(name))
                .map(Map.Entry::getValue)
                .findFirst()
                .orElse(null);
    }

    /** JSON is accepted with or without a content type, never as a form or other declared type. */
    private static void checkContentType(String contentType) {
        if (contentType == null || contentType.isBlank()) {
            return;
        }
        String mediaType = contentType.split(";", 2)[0].strip().toLowerCase(Locale.ROOT);
        if (!mediaType.equals("application/json") && !mediaType.endsWith("+json")) {
            throw new RejectedRequestException(415, "unsupported_media_type",
                    "Send the ticket as JSON with Content-Type: application/json.");
        }
    }

    private static String text(APIGatewayV2HTTPEvent event, int maxBytes) {
        String body = event.getBody();
        if (body == null) {
            return "";
        }
        if (!event.getIsBase64Encoded()) {
            if (utf8Length(body) > maxBytes) {
                throw tooLarge(maxBytes);
            }
            return body;
        }
        // Base64 is 4 characters per 3 bytes: refuse an oversized body before decoding it.
        if (body.length() / 4L * 3 > maxBytes + 3L) {
            throw tooLarge(maxBytes);
        }
        byte[] bytes;
        try {
            bytes = Base64.getDecoder().decode(body);
        } catch (IllegalArgumentException e) {
            throw new RejectedRequestException(400, "invalid_base64", "The body is marked base64-encoded but is not valid base64.");
        }
        if (bytes.length > maxBytes) {
            throw tooLarge(maxBytes);
        }
        try {
            return StandardCharsets.UTF_8.newDecoder()
                    .onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT)
                    .decode(ByteBuffer.wrap(bytes))
                    .toString();
        } catch (CharacterCodingException e) {
            throw new RejectedRequestException(400, "invalid_encoding", "The request body must be UTF-8 text.");
        }
    }

    private static RejectedRequestException tooLarge(int maxBytes) {
        return new RejectedRequestException(413, "payload_too_large",
                "The request body is larger than " + maxBytes + " bytes.");
    }

    /** UTF-8 length without encoding the whole string. */
    private static long utf8Length(String s) {
        long bytes = 0;
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c < 0x80) {
                bytes += 1;
            } else if (c < 0x800) {
                bytes += 2;
            } else if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                bytes += 4;
                i++;
            } else {
                bytes += 3;
            }
        }
        return bytes;
    }
}
