package org.tickettriage.connectors;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Dead letters kept in this process (lost when it stops): the latest {@value #KEPT}, the count of all, and one warning
 * line each, with identifiers and the reason only. Thread-safe.
 */
public final class InMemoryDeadLetters implements DeadLetterSink {

    /** How many letters are kept; older ones are dropped (and still counted). */
    public static final int KEPT = 1_000;
    private static final Logger LOG = LoggerFactory.getLogger(InMemoryDeadLetters.class);

    private final Deque<DeadLetter> letters = new ArrayDeque<>();
    private long count;

    @Override
    public void accept(DeadLetter letter) {
        LOG.warn("write-back {}", letter);
        synchronized (letters) {
            if (letters.size() == KEPT) {
                letters.removeFirst();
            }
            letters.addLast(letter);
            count++;
        }
    }

    /** The letters kept, oldest first. */
    public List<DeadLetter> letters() {
        synchronized (letters) {
            return List.copyOf(letters);
        }
    }

    /** How many letters there were since the start. */
    public long count() {
        synchronized (letters) {
            return count;
        }
    }
}
