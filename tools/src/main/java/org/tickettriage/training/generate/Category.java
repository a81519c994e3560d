package org.tickettriage.training.generate;

import java.util.Arrays;
import java.util.stream.Collectors;

/** A ticket category of the seed schema, with the exact label written to the dataset. */
public enum Category {
    BUG_REPORT("Bug Report"),
    FEATURE_REQUEST("Feature Request"),
    TECHNICAL_ISSUE("Technical Issue"),
    BILLING_INQUIRY("Billing Inquiry"),
    ACCOUNT_MANAGEMENT("Account Management");

    private final String label;

    Category(String label) {
        this.label = label;
    }

    /** The label as written in the {@code Category} column. */
    public String label() {
        return label;
    }

    /**
     * The category with this label (case-insensitive, surrounding spaces ignored).
     *
     * @throws IllegalArgumentException naming the valid labels when none matches
     */
    public static Category fromLabel(String label) {
        String wanted = label == null ? "" : label.strip();
        return Arrays.stream(values())
                .filter(c -> c.label.equalsIgnoreCase(wanted))
                .findFirst()
                .orElseThrow(() -> new IllegalArgumentException("unknown category '" + label + "' (expected one of: "
                        + Arrays.stream(values()).map(Category::label).collect(Collectors.joining(", ")) + ")"));
    }
}
