package org.tickettriage.training.data;

import java.util.List;

/**
 * Which CSV columns hold what.
 *
 * @param textColumns      the text columns; with two or more, the first is the subject and the rest the description
 * @param labelColumn      the category label column
 * @param priorityColumn   the priority label column, or null for none
 * @param priorityRequired when false a missing priority column only means "no priority labels"
 */
public record ColumnSpec(List<String> textColumns, String labelColumn, String priorityColumn, boolean priorityRequired) {

    /** The seed schema's text columns. */
    public static final List<String> DEFAULT_TEXT = List.of("Subject", "Description");
    /** The seed schema's category column. */
    public static final String DEFAULT_LABEL = "Category";
    /** The seed schema's priority column. */
    public static final String DEFAULT_PRIORITY = "Priority";

    public ColumnSpec {
        textColumns = List.copyOf(textColumns);
        if (textColumns.isEmpty() || textColumns.stream().anyMatch(String::isBlank)) {
            throw new DatasetException("--text needs at least one non-empty column name.");
        }
        if (labelColumn == null || labelColumn.isBlank()) {
            throw new DatasetException("--label needs a column name.");
        }
    }

    /** The seed schema: Subject, Description, Category and, if present, Priority. */
    public static ColumnSpec seedSchema() {
        return new ColumnSpec(DEFAULT_TEXT, DEFAULT_LABEL, DEFAULT_PRIORITY, false);
    }
}
