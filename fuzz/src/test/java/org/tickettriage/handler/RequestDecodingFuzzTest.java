package org.tickettriage.handler;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.code_intelligence.jazzer.junit.DictionaryEntries;
import com.code_intelligence.jazzer.junit.FuzzTest;
import com.code_intelligence.jazzer.mutation.annotation.InRange;
import com.code_intelligence.jazzer.mutation.annotation.NotNull;
import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import java.util.stream.StreamSupport;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.tickettriage.triage.Ticket;

/**
 * Request decoding for {@code POST /classify} ({@link RequestBody#jsonObject}, then {@link TicketJson#read})
 * under any body, base64 flag, content type and size limit: either the ticket the JSON spells, or a
 * {@link RejectedRequestException} with a 4xx and a documented code. Anything else thrown, an
 * {@link OutOfMemoryError} included, is a finding.
 */
class RequestDecodingFuzzTest {

    /** What decoding may reject a request with (docs/API.md, Errors). */
    private static final Set<String> DECODING_CODES = Set.of("unsupported_media_type", "payload_too_large",
            "invalid_base64", "invalid_encoding", "empty_body", "invalid_json", "not_an_object", "conflicting_fields",
            "invalid_field", "invalid_timestamp");

    /**
     * @param contentType the content-type header, or null for none
     * @param headerCase  true to send the header as {@code Content-Type} rather than API Gateway's lower case
     * @param body        the body's bytes, or null for no body
     * @param maxBytes    the size limit; 0 for the handler's own ({@link ClassifyHttpHandler#MAX_BODY_BYTES})
     */
    @MethodSource("requests")
    @DictionaryEntries({"\"subject\"", "\"Subject\"", "\"description\"", "\"Description\"", "\"ticketId\"",
            "\"Ticket_ID\"", "\"priority\"", "\"Priority\"", "\"timestamp\"", "\"Timestamp\"", "null", "true", "false",
            "\"High\"", "2024-03-01", "T09:30:00", "Z", "+01:00", "\\u0000", "\\ud83d\\ude00", "1e309",
            "application/json", "+json", "; charset=utf-8", "\"requester\"", "\"organization\"", "\"tier\"",
            "\"channel\"", "\"language\"", "\"tags\"", "[]", "@example.com"})
    @FuzzTest
    void bodyBecomesTheTicketItSpellsOrA4xx(String contentType, boolean headerCase, @NotNull BodyEncoding encoding,
                                           byte[] body, @InRange(min = 0, max = 512) int maxBytes) {
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        if (contentType != null) {
            event.setHeaders(Map.of(headerCase ? "Content-Type" : "content-type", contentType));
        }
        encoding.apply(event, body);
        int limit = maxBytes == 0 ? ClassifyHttpHandler.MAX_BODY_BYTES : maxBytes;

        JsonNode node;
        Ticket ticket;
        try {
            node = RequestBody.jsonObject(event, limit);
            ticket = TicketJson.read(node);
        } catch (RejectedRequestException e) {
            assertThat(e.status()).isBetween(400, 499);
            assertThat(e.code()).isIn(DECODING_CODES);
            assertThat(e.getMessage()).isNotBlank();
            return;
        }
        assertThat(decodedLength(event)).isLessThanOrEqualTo(limit);
        assertThat(ticket.ticketId()).isEqualTo(spelled(node, "ticketId", "Ticket_ID"));
        assertThat(ticket.subject()).isEqualTo(spelled(node, "subject", "Subject"));
        assertThat(ticket.description()).isEqualTo(spelled(node, "description", "Description"));
        assertThat(ticket.priority()).isEqualTo(spelled(node, "priority", "Priority"));
        String timestamp = spelled(node, "timestamp", "Timestamp");
        assertThat(ticket.timestamp() != null).isEqualTo(timestamp != null && !timestamp.isBlank());
        for (String attribute : List.of("requester", "organization", "tier", "channel", "language")) {
            assertThat(attributeOf(ticket, attribute)).as(attribute).isEqualTo(spelled(node, attribute, attribute));
        }
        JsonNode tags = node.get("tags");
        if (tags == null || tags.isNull()) {
            assertThat(ticket.tags()).isNull();
        } else {
            assertThat(ticket.tags()).containsExactlyElementsOf(() -> StreamSupport.stream(tags.spliterator(), false)
                    .map(JsonNode::textValue).iterator());
        }
    }

    private static String attributeOf(Ticket ticket, String name) {
        return switch (name) {
            case "requester" -> ticket.requester();
            case "organization" -> ticket.organization();
            case "tier" -> ticket.tier();
            case "channel" -> ticket.channel();
            default -> ticket.language();
        };
    }

    /** The body's size in bytes as the limit counts it: after base64 decoding, as UTF-8. */
    private static int decodedLength(APIGatewayV2HTTPEvent event) {
        String body = event.getBody() == null ? "" : event.getBody();
        return event.getIsBase64Encoded()
                ? Base64.getDecoder().decode(body).length
                : body.getBytes(StandardCharsets.UTF_8).length;
    }

    /** A field's value as text under either spelling (a whole-number id as its digits), or null. */
    private static String spelled(JsonNode node, String name, String seedName) {
        JsonNode value = node.has(name) ? node.get(name) : node.get(seedName);
        return value == null || value.isNull() ? null : value.asText();
    }

    static Stream<Arguments> requests() {
        String ticket = "{\"ticketId\": \"T-1001\", \"subject\": \"App crashes when exporting\", "
                + "\"description\": \"Every export to PDF crashes.\", \"priority\": \"High\", \"timestamp\": \"2024-03-12T19:03:00Z\"}";
        String attributes = "{\"subject\": \"Refund\", \"requester\": \"maria@example.com\", \"organization\": \"ACME\", "
                + "\"tier\": \"enterprise\", \"channel\": \"web\", \"language\": \"de\", \"tags\": [\"vip\", \"billing\"]}";
        String seedSpelling = "{\"Ticket_ID\": 12, \"Subject\": \"Refund\", \"Description\": \"Charged twice.\", "
                + "\"Priority\": \"low\", \"Timestamp\": \"2024-03-01 09:30:00\"}";
        return Stream.of(
                Arguments.of("application/json", false, BodyEncoding.TEXT, utf8(ticket), 0),
                Arguments.of("application/json; charset=utf-8", true, BodyEncoding.BASE64, utf8(ticket), 0),
                Arguments.of(null, false, BodyEncoding.TEXT, utf8(seedSpelling), 0),
                Arguments.of("application/json", false, BodyEncoding.TEXT, utf8(attributes), 0),
                Arguments.of("application/json", false, BodyEncoding.TEXT, utf8("{\"subject\": \"x\", \"tags\": [\"a\", 1]}"), 0),
                Arguments.of("application/vnd.api+json", false, BodyEncoding.TEXT,
                        utf8("{\"subject\": \"Login\", \"timestamp\": \"2024-03-01\"}"), 0),
                Arguments.of("application/json", false, BodyEncoding.TEXT,
                        utf8("{\"subject\": \"a\", \"Subject\": \"b\"}"), 0),
                Arguments.of("application/json", false, BodyEncoding.TEXT,
                        utf8("{\"subject\": \"Export\", \"timestamp\": \"2024-03-12T19:03:00+01:00[Europe/Paris]\"}"), 0),
                Arguments.of("text/plain", false, BodyEncoding.TEXT, utf8(ticket), 0),
                Arguments.of("application/json", false, BodyEncoding.TEXT, utf8(ticket), 64),
                Arguments.of("application/json", false, BodyEncoding.FLAGGED_BASE64_BUT_TEXT, utf8(ticket), 0),
                Arguments.of("application/json", false, BodyEncoding.BASE64, new byte[] {'{', (byte) 0xC3, '}'}, 0),
                Arguments.of("application/json", false, BodyEncoding.TEXT, utf8("[1, 2]"), 0),
                Arguments.of("application/json", false, BodyEncoding.TEXT, utf8("{\"subject\": "), 0),
                Arguments.of("application/json", false, BodyEncoding.TEXT, null, 0));
    }

    private static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
