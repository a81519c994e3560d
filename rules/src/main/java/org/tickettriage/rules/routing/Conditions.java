package org.tickettriage.rules.routing;

import java.util.Map;
import java.util.stream.Collectors;
import org.tickettriage.rules.TicketAttributes;

/**
 * The attribute conditions of one policy row: attribute name → the lower-cased value it must equal (for
 * {@code tags}: a tag the ticket must have). Attributes the row leaves at {@code *} are absent.
 */
public record Conditions(Map<String, String> required) {

    /** No condition: matches every ticket. */
    public static final Conditions ANY = new Conditions(Map.of());

    public Conditions {
        required = Map.copyOf(required);
    }

    /** Whether {@code attributes} meets every condition. */
    public boolean matches(TicketAttributes attributes) {
        if (required.isEmpty()) {
            return true;
        }
        for (Map.Entry<String, String> condition : required.entrySet()) {
            boolean met = condition.getKey().equals("tags")
                    ? attributes.hasTag(condition.getValue())
                    : condition.getValue().equals(attributes.value(condition.getKey()));
            if (!met) {
                return false;
            }
        }
        return true;
    }

    /** Whether every ticket that meets {@code other} meets these conditions too. */
    boolean covers(Conditions other) {
        for (Map.Entry<String, String> condition : required.entrySet()) {
            if (!condition.getValue().equals(other.required.get(condition.getKey()))) {
                return false;
            }
        }
        return true;
    }

    /** Whether there is no condition. */
    public boolean isEmpty() {
        return required.isEmpty();
    }

    @Override
    public String toString() {
        return required.entrySet().stream().sorted(Map.Entry.comparingByKey())
                .map(e -> e.getKey() + "=" + e.getValue()).collect(Collectors.joining(", "));
    }
}
