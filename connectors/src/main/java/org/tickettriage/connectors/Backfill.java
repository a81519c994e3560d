package org.tickettriage.connectors;

import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tickettriage.triage.InvalidTicketException;
import org.tickettriage.triage.TriageResult;
import org.tickettriage.triage.TriageService;

/**
 * Triages a helpdesk's existing open tickets through the same path as its webhooks: list them page by page
 * ({@link Connector#openTickets}), triage each with the same {@link TriageService} and routing policy, plan the
 * write-back ({@link Connector#plan}), and either apply it with the same {@link WriteBackWriter} (its retries waited out
 * here, in turn) or, in a dry run, only report the plan. Each ticket ends in one {@link Row}.
 *
 * <p>Running it again is safe: a ticket written back carries our tags or labels and is then listed as already
 * triaged, and a retried note or comment is found by its marker. Not thread-safe: one run at a time.
 */
public final class Backfill {

    private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);

    /** What happened to one ticket. */
    public enum Action {
        /** Dry run: this would be written. */
        PLANNED,
        /** Written back. */
        WRITTEN,
        /** The write-back failed for good or ran out of attempts: in the dead-letter sink, with the reason. */
        DEAD_LETTERED,
        /** The service refused the ticket (no text): nothing written. */
        NOT_TRIAGED;

        /** The action as the CSV writes it: {@code planned}, {@code dead_lettered}. */
        public String label() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }
    }

    /**
     * One ticket's outcome.
     *
     * @param ticket    the ticket as listed
     * @param action    what happened
     * @param result    the triage, or null when {@link Action#NOT_TRIAGED}
     * @param writeBack what was (or would be) written, or null when not triaged
     * @param detail    the write's last reason, the dead letter's reason, or the refusal's code; no customer data
     */
    public record Row(HelpdeskTicket ticket, Action action, TriageResult result, WriteBack writeBack, String detail) {
    }

    /**
     * The counts of a run.
     *
     * @param listed         open tickets listed, already triaged ones included
     * @param alreadyTriaged listed tickets left alone because they carry our tag or label
     * @param stoppedEarly   true when the limit stopped the run before the last page
     */
    public record Summary(int listed, int alreadyTriaged, int planned, int written, int deadLettered, int notTriaged,
                          boolean stoppedEarly) {
    }

    /** Thrown when a page of tickets could not be listed; the rows before it were processed. */
    public static final class ListingFailedException extends RuntimeException {

        public ListingFailedException(String message) {
            super(message);
        }
    }

    /** Waits between attempts; tests pass one that records instead. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private final Connector connector;
    private final TriageService triage;
    private final WriteBackWriter writer;
    private final RetryPolicy listingRetries;
    private final Sleeper sleeper;

    /**
     * @param writer         applies the write-backs (not used in a dry run)
     * @param listingRetries how often a page is asked for again after a retryable answer
     */
    public Backfill(Connector connector, TriageService triage, WriteBackWriter writer, RetryPolicy listingRetries,
                    Sleeper sleeper) {
        this.connector = Objects.requireNonNull(connector, "connector");
        this.triage = Objects.requireNonNull(triage, "triage");
        this.writer = Objects.requireNonNull(writer, "writer");
        this.listingRetries = Objects.requireNonNull(listingRetries, "listingRetries");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /**
     * Runs the backfill over {@code sources} in turn ({@link Connector#openTickets}'s {@code source}).
     *
     * @param limit  the most tickets to triage (already triaged ones not counted); 0 for all
     * @param dryRun plan only: nothing is written to the helpdesk
     * @param rows   receives each ticket's row as soon as it is done (a CSV line, a progress step)
     * @throws ListingFailedException when a page could not be listed after its retries
     * @throws InterruptedException   when interrupted while waiting to retry
     */
    public Summary run(List<String> sources, int limit, boolean dryRun, Consumer<Row> rows) throws InterruptedException {
        int listed = 0;
        int alreadyTriaged = 0;
        int[] counts = new int[Action.values().length];
        int triaged = 0;
        for (String source : sources) {
            URI next = null;
            do {
                OpenTickets page = page(source, next);
                listed += page.tickets().size() + page.alreadyTriaged();
                alreadyTriaged += page.alreadyTriaged();
                for (HelpdeskTicket ticket : page.tickets()) {
                    if (limit > 0 && triaged >= limit) {
                        return summary(listed, alreadyTriaged, counts, true);
                    }
                    triaged++;
                    Row row = one(ticket, dryRun);
                    counts[row.action().ordinal()]++;
                    rows.accept(row);
                }
                next = page.next();
                if (next != null && limit > 0 && triaged >= limit) {
                    return summary(listed, alreadyTriaged, counts, true);
                }
            } while (next != null);
        }
        return summary(listed, alreadyTriaged, counts, false);
    }

    private static Summary summary(int listed, int alreadyTriaged, int[] counts, boolean stoppedEarly) {
        return new Summary(listed, alreadyTriaged, counts[Action.PLANNED.ordinal()], counts[Action.WRITTEN.ordinal()],
                counts[Action.DEAD_LETTERED.ordinal()], counts[Action.NOT_TRIAGED.ordinal()], stoppedEarly);
    }

    /** A page, asked for again after a retryable answer (and once more after the secrets were re-read on a 401). */
    private OpenTickets page(String source, URI next) throws InterruptedException {
        boolean reread = false;
        for (int attempts = 1; ; attempts++) {
            OpenTickets page = connector.openTickets(source, next);
            Attempt failure = page.failure();
            if (failure == null) {
                return page;
            }
            switch (failure.outcome()) {
                case UNAUTHORIZED -> {
                    if (reread) {
                        throw new ListingFailedException(failure.reason() + ", again after the secrets were re-read");
                    }
                    connector.refreshSecrets();
                    reread = true;
                }
                case RETRY -> {
                    if (attempts >= listingRetries.maxAttempts()) {
                        throw new ListingFailedException("gave up after " + attempts + " attempts: " + failure.reason());
                    }
                    Duration delay = listingRetries.delay(attempts, failure.retryAfter());
                    LOG.info("backfill {}: listing attempt {}: {}; next in {} ms", connector.name(), attempts,
                            failure.reason(), delay.toMillis());
                    sleeper.sleep(delay);
                }
                default -> throw new ListingFailedException(failure.reason());
            }
        }
    }

    private Row one(HelpdeskTicket ticket, boolean dryRun) throws InterruptedException {
        TriageResult result;
        try {
            result = triage.triage(ticket.toTicket());
        } catch (InvalidTicketException e) {
            return new Row(ticket, Action.NOT_TRIAGED, null, null, e.code());
        }
        WriteBack plan = connector.plan(ticket, result);
        if (dryRun) {
            return new Row(ticket, Action.PLANNED, result, plan, "");
        }
        PendingWriteBack pending = PendingWriteBack.first(plan);
        while (true) {
            WriteBackWriter.Step step = writer.attempt(pending);
            if (step instanceof WriteBackWriter.Step.Done done) {
                return new Row(ticket, Action.WRITTEN, result, pending.writeBack(), done.reason());
            }
            if (step instanceof WriteBackWriter.Step.DeadLettered dead) {
                return new Row(ticket, Action.DEAD_LETTERED, result, dead.letter().writeBack(), dead.letter().reason());
            }
            WriteBackWriter.Step.Retry retry = (WriteBackWriter.Step.Retry) step;
            sleeper.sleep(retry.delay());
            pending = retry.next();
        }
    }
}
