package org.tickettriage.training.data;

import java.util.List;
import java.util.Objects;

/**
 * The usable rows of one CSV and what reading it found.
 *
 * @param source             the file's name, as given
 * @param sha256             the SHA-256 of the file's bytes, hex
 * @param columns            the columns the rows were read with
 * @param hasPriority        whether the file has the priority column
 * @param tickets            the usable rows, in file order
 * @param blankRowsSkipped   rows without any text, skipped
 * @param unlabeledSkipped   rows with text but no label, skipped
 * @param duplicateRows      rows whose text and label repeat an earlier row (kept)
 * @param conflictingRows    rows whose text repeats an earlier row with another label (kept)
 */
public record Dataset(String source, String sha256, ColumnSpec columns, boolean hasPriority,
                      List<LabeledTicket> tickets, int blankRowsSkipped, int unlabeledSkipped,
                      int duplicateRows, int conflictingRows) {

    public Dataset {
        Objects.requireNonNull(source, "source");
        tickets = List.copyOf(tickets);
    }

    /** A one-paragraph account of what was read, for stderr. */
    public String summary() {
        StringBuilder s = new StringBuilder()
                .append(source).append(": ").append(tickets.size()).append(" usable rows");
        if (columns.whereColumn() != null) {
            s.append(" with ").append(columns.whereColumn()).append(" = '").append(columns.whereValue()).append('\'');
        }
        if (blankRowsSkipped > 0) {
            s.append(", ").append(blankRowsSkipped).append(" rows without text skipped");
        }
        if (unlabeledSkipped > 0) {
            s.append(", ").append(unlabeledSkipped).append(" rows without a ")
                    .append(columns.labelColumn()).append(" skipped");
        }
        if (duplicateRows > 0) {
            s.append(", ").append(duplicateRows).append(" duplicate rows (same text and label; kept, and never split "
                    + "between train and test)");
        }
        if (conflictingRows > 0) {
            s.append(", ").append(conflictingRows).append(" rows repeating an earlier row's text with a different label");
        }
        return s.toString();
    }
}
