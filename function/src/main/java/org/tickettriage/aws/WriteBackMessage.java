package org.tickettriage.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import org.tickettriage.connectors.DeadLetter;
import org.tickettriage.connectors.PendingWriteBack;
import org.tickettriage.connectors.WriteBack;

/**
 * A message of the write-back queue and of its dead-letter queue (docs/HELPDESKS.md, "The write-back queue"):
 * {@code schema} 1, {@code attempts}, {@code secretsReread}, an optional {@code notBefore}, the {@code writeBack} plan,
 * and on a dead letter its {@code deadLetter} reason and time.
 *
 * @param pending   what the writer attempts
 * @param notBefore when it may be attempted, if later than SQS's longest delay allowed
 */
public record WriteBackMessage(PendingWriteBack pending, Optional<Instant> notBefore) {

    /** The only schema this writer reads. */
    public static final int SCHEMA = 1;
    private static final ObjectMapper JSON = new ObjectMapper();

    /** A message that is not a write-back this writer can read; the message names the field, never a value. */
    public static final class InvalidMessageException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        InvalidMessageException(String message) {
            super(message);
        }
    }

    /** The message for {@code pending}. */
    public static String toJson(PendingWriteBack pending, Optional<Instant> notBefore) {
        ObjectNode node = header(pending.attempts(), pending.secretsReread());
        notBefore.ifPresent(time -> node.put("notBefore", time.toString()));
        node.set("writeBack", writeBack(pending.writeBack()));
        return node.toString();
    }

    /** The dead-letter queue's message for {@code letter}: the plan, to redrive it, and why it was given up. */
    public static String toJson(DeadLetter letter) {
        ObjectNode node = header(letter.attempts(), false);
        node.set("writeBack", writeBack(letter.writeBack()));
        node.putObject("deadLetter").put("reason", letter.reason()).put("at", letter.at().toString());
        return node.toString();
    }

    /**
     * Reads a message. A redriven dead letter starts over: its count of attempts is 1 (so that the connector looks for
     * its marker before writing the note again: the attempt given up on may have reached the helpdesk) and its secrets
     * may be re-read again.
     *
     * @throws InvalidMessageException when it is not a write-back of {@link #SCHEMA}
     */
    public static WriteBackMessage fromJson(String body) {
        JsonNode node;
        try {
            node = body == null ? null : JSON.readTree(body);
        } catch (IOException e) {
            throw new InvalidMessageException("the message is not JSON");
        }
        if (node == null || !node.isObject()) {
            throw new InvalidMessageException("the message is not a JSON object");
        }
        if (node.path("schema").asInt(-1) != SCHEMA) {
            throw new InvalidMessageException("the message's schema is not " + SCHEMA);
        }
        JsonNode plan = node.path("writeBack");
        WriteBack writeBack = new WriteBack(text(plan, "connector", true), text(plan, "deliveryKey", true),
                text(plan, "ticketId", true), strings(plan.path("reference")), list(plan.path("labels")),
                text(plan, "group", false), text(plan, "priority", false), text(plan, "note", false),
                text(plan, "marker", false));
        boolean redriven = node.has("deadLetter");
        PendingWriteBack pending = redriven
                ? new PendingWriteBack(writeBack, 1, false)
                : new PendingWriteBack(writeBack, Math.max(0, node.path("attempts").asInt(0)),
                        node.path("secretsReread").asBoolean(false));
        Optional<Instant> notBefore = Optional.empty();
        if (!redriven && node.hasNonNull("notBefore")) {
            try {
                notBefore = Optional.of(Instant.parse(node.get("notBefore").asText()));
            } catch (DateTimeParseException e) {
                throw new InvalidMessageException("the message's notBefore is not an ISO-8601 instant");
            }
        }
        return new WriteBackMessage(pending, notBefore);
    }

    private static ObjectNode header(int attempts, boolean secretsReread) {
        ObjectNode node = JSON.createObjectNode();
        node.put("schema", SCHEMA).put("attempts", attempts).put("secretsReread", secretsReread);
        return node;
    }

    private static ObjectNode writeBack(WriteBack plan) {
        ObjectNode node = JSON.createObjectNode();
        node.put("connector", plan.connector()).put("deliveryKey", plan.deliveryKey()).put("ticketId", plan.ticketId());
        ObjectNode reference = node.putObject("reference");
        new TreeMap<>(plan.reference()).forEach(reference::put);
        plan.labels().forEach(node.putArray("labels")::add);
        node.put("group", plan.group()).put("priority", plan.priority()).put("note", plan.note())
                .put("marker", plan.marker());
        return node;
    }

    private static String text(JsonNode node, String field, boolean required) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            if (required) {
                throw new InvalidMessageException("the message's writeBack." + field + " is missing");
            }
            return null;
        }
        if (!value.isTextual()) {
            throw new InvalidMessageException("the message's writeBack." + field + " is not a string");
        }
        return value.asText();
    }

    private static Map<String, String> strings(JsonNode object) {
        if (!object.isObject()) {
            throw new InvalidMessageException("the message's writeBack.reference is not an object");
        }
        Map<String, String> values = new LinkedHashMap<>();
        object.properties().forEach(entry -> {
            if (!entry.getValue().isTextual()) {
                throw new InvalidMessageException("the message's writeBack.reference." + entry.getKey() + " is not a string");
            }
            values.put(entry.getKey(), entry.getValue().asText());
        });
        return values;
    }

    private static List<String> list(JsonNode array) {
        List<String> values = new ArrayList<>();
        if (array.isMissingNode() || array.isNull()) {
            return values;
        }
        if (!array.isArray()) {
            throw new InvalidMessageException("the message's writeBack.labels is not an array");
        }
        array.forEach(item -> {
            if (!item.isTextual()) {
                throw new InvalidMessageException("the message's writeBack.labels holds a non-string");
            }
            values.add(item.asText());
        });
        return values;
    }
}
