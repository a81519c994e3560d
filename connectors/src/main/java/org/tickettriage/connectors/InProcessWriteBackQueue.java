package org.tickettriage.connectors;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.DelayQueue;
import java.util.concurrent.Delayed;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The queue of {@code ./triage serve}: write-backs wait in memory and one worker thread applies them through a
 * {@link WriteBackWriter}, a retried one waiting its delay without holding up the others. Not durable: write-backs
 * still waiting when the process stops are lost (their count is logged), and the helpdesk does not send them again.
 * The Lambda deployment uses SQS instead.
 */
public final class InProcessWriteBackQueue implements WriteBackQueue, AutoCloseable {

    /** Write-backs waiting at once before {@link #submit} refuses more (the webhook is then answered 503). */
    public static final int DEFAULT_CAPACITY = 10_000;
    private static final Logger LOG = LoggerFactory.getLogger(InProcessWriteBackQueue.class);

    private final DelayQueue<Entry> queue = new DelayQueue<>();
    private final WriteBackWriter writer;
    private final int capacity;
    private final Thread worker;
    private final AtomicInteger waiting = new AtomicInteger();
    private final AtomicLong written = new AtomicLong();
    private final AtomicLong deadLettered = new AtomicLong();
    private final AtomicLong sequence = new AtomicLong();
    private volatile boolean open = true;

    /** Starts the worker thread. */
    public InProcessWriteBackQueue(WriteBackWriter writer, int capacity) {
        this.writer = Objects.requireNonNull(writer, "writer");
        this.capacity = capacity;
        this.worker = new Thread(this::work, "write-back-worker");
        worker.setDaemon(true);
        worker.start();
    }

    @Override
    public void submit(WriteBack writeBack) {
        if (!open) {
            throw new QueueUnavailableException("the write-back queue is closed");
        }
        if (waiting.incrementAndGet() > capacity) {
            waiting.decrementAndGet();
            throw new QueueUnavailableException("the write-back queue holds " + capacity + " write-backs already");
        }
        queue.add(new Entry(PendingWriteBack.first(writeBack), System.nanoTime(), sequence.getAndIncrement()));
    }

    /** Write-backs queued or being applied. */
    public int waiting() {
        return waiting.get();
    }

    /** Write-backs written since the start. */
    public long written() {
        return written.get();
    }

    /** Write-backs dead-lettered since the start. */
    public long deadLettered() {
        return deadLettered.get();
    }

    /** Waits until nothing is queued or being applied, at most {@code timeout}; true when idle. */
    public boolean awaitIdle(Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (waiting.get() > 0) {
            if (System.nanoTime() > deadline) {
                return false;
            }
            Thread.sleep(5);
        }
        return true;
    }

    /** Stops the worker; what still waits is dropped, and its count logged. */
    @Override
    public void close() {
        open = false;
        worker.interrupt();
        try {
            worker.join(5_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        int lost = waiting.get();
        if (lost > 0) {
            LOG.warn("{} write-back(s) still waiting were dropped: the in-process queue is not durable", lost);
        }
    }

    private void work() {
        while (open) {
            Entry entry;
            try {
                entry = queue.take();
            } catch (InterruptedException e) {
                return;
            }
            WriteBackWriter.Step step = writer.attempt(entry.pending());
            if (step instanceof WriteBackWriter.Step.Retry retry) {
                queue.add(new Entry(retry.next(), System.nanoTime() + retry.delay().toNanos(), sequence.getAndIncrement()));
                continue;
            }
            if (step instanceof WriteBackWriter.Step.Done) {
                written.incrementAndGet();
            } else {
                deadLettered.incrementAndGet();
            }
            waiting.decrementAndGet();
        }
    }

    /** A write-back due at {@code dueNanos} ({@link System#nanoTime()}); ties in submission order. */
    private record Entry(PendingWriteBack pending, long dueNanos, long order) implements Delayed {

        @Override
        public long getDelay(TimeUnit unit) {
            return unit.convert(dueNanos - System.nanoTime(), TimeUnit.NANOSECONDS);
        }

        @Override
        public int compareTo(Delayed other) {
            Entry that = (Entry) other;
            int byDue = Long.compare(dueNanos, that.dueNanos);
            return byDue != 0 ? byDue : Long.compare(order, that.order);
        }
    }
}
