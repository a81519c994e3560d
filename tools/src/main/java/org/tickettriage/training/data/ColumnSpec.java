package org.tickettriage.training.data;

import java.util.List;
import java.util.Map;

/**
 * Which CSV columns hold what.
 *
 * @param textColumns      the text columns; with two or more, the first is the subject and the rest the description
 * @param labelColumn      the category label column
 * @param priorityColumn   the priority label column, or null for none
 * @param priorityRequired when false a missing priority column only means "no priority labels"
 * @param whereColumn      only rows whose value in this column equals {@code whereValue} are read; null for all rows
 * @param whereValue       that value
 */
public record ColumnSpec(List<String> textColumns, String labelColumn, String priorityColumn, boolean priorityRequired,
                         String whereColumn, String whereValue) {

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
        if ((whereColumn == null) != (whereValue == null)) {
            throw new DatasetException("--where needs both a column and a value: COL=VALUE.");
        }
    }

    /** Columns for every row. */
    public ColumnSpec(List<String> textColumns, String labelColumn, String priorityColumn, boolean priorityRequired) {
        this(textColumns, labelColumn, priorityColumn, priorityRequired, null, null);
    }

    /** These columns, reading only the rows {@code filter} selects (column to value), or every row when null. */
    public ColumnSpec where(Map.Entry<String, String> filter) {
        return filter == null ? new ColumnSpec(textColumns, labelColumn, priorityColumn, priorityRequired)
                : new ColumnSpec(textColumns, labelColumn, priorityColumn, priorityRequired, filter.getKey(), filter.getValue());
    }

    /**
     * Reads {@code --where COL=VALUE}; null stays null.
     *
     * @throws DatasetException when there is no {@code =} or no column name
     */
    public static Map.Entry<String, String> parseWhere(String where) {
        if (where == null) {
            return null;
        }
        int eq = where.indexOf('=');
        if (eq <= 0) {
            throw new DatasetException("--where needs COL=VALUE, e.g. repo=facebook/react; got '" + where + "'.");
        }
        return Map.entry(where.substring(0, eq).strip(), where.substring(eq + 1).strip());
    }

    /** The seed schema: Subject, Description, Category and, if present, Priority. */
    public static ColumnSpec seedSchema() {
        return new ColumnSpec(DEFAULT_TEXT, DEFAULT_LABEL, DEFAULT_PRIORITY, false);
    }
}
