package org.tickettriage.training.generate;

import java.time.Instant;

/**
 * One generated ticket: the seed-schema columns plus what the generator knows and the dataset does not say.
 *
 * @param ticketId     the {@code Ticket_ID}, from 1
 * @param subject      the subject line
 * @param description  the body, possibly several lines
 * @param category     the label written to the dataset (after label noise)
 * @param priority     the priority written to the dataset
 * @param timestamp    when the ticket was created, to the minute
 * @param trueCategory the category the text was composed for; differs from {@code category} when the label was flipped
 * @param kind         how the text was composed
 */
public record SyntheticTicket(
        long ticketId,
        String subject,
        String description,
        Category category,
        Priority priority,
        Instant timestamp,
        Category trueCategory,
        Kind kind) {

    /** How a ticket's problem statement was chosen. */
    public enum Kind {
        /** From its own category's problems. */
        TYPICAL,
        /** From a scenario shared by several categories (an error on the billing page, ...). */
        CONFUSABLE,
        /** From the pool of vague, category-free statements ("It doesn't work."). */
        VAGUE
    }

    /** Whether label noise replaced the true category. */
    public boolean labelFlipped() {
        return category != trueCategory;
    }
}
