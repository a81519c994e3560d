package org.tickettriage.training.generate;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A ticket priority of the seed schema, from least to most severe. */
public enum Priority {
    LOW("Low"),
    MEDIUM("Medium"),
    HIGH("High"),
    CRITICAL("Critical");

    private final String label;

    Priority(String label) {
        this.label = label;
    }

    /** The label as written in the {@code Priority} column. */
    public String label() {
        return label;
    }

    /**
     * The priority with this label (case-insensitive).
     *
     * @throws IllegalArgumentException naming the valid labels when none matches
     */
    public static Priority fromLabel(String label) {
        String wanted = label == null ? "" : label.strip();
        return Arrays.stream(values())
                .filter(p -> p.label.equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown priority '" + label + "' (expected one of: "
                        + Arrays.stream(values()).map(Priority::label).collect(Collectors.joining(", ")) + ")"));
    }
}
