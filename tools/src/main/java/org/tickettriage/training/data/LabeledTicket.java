package org.tickettriage.training.data;

/**
 * One usable row of a labelled CSV.
 *
 * @param row         the 1-based data row in the file (the header is row 0), to join results back
 * @param subject     the subject text, empty when the CSV has a single text column
 * @param description the remaining text columns, joined by a newline
 * @param label       the category label
 * @param priority    the priority label, or null when the file has none for this row
 */
public record LabeledTicket(long row, String subject, String description, String label, String priority) {

    /** The text that decides the train/test grouping: the description, or the subject when it is empty. */
    public String groupingText() {
        return description.isBlank() ? subject : description;
    }
}
