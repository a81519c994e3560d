package org.tickettriage.connectors;

/**
 * Where the receiver hands a planned write-back to the writer, so that the webhook is answered at once: in AWS an SQS
 * queue between the receiver and the writer function, with its dead-letter queue (the function implements this); in
 * {@code ./triage serve}, {@link InProcessWriteBackQueue}.
 */
public interface WriteBackQueue {

    /**
     * Queues {@code writeBack} for its first attempt. Returns once it is queued (durably, where the implementation is).
     *
     * @throws QueueUnavailableException when it cannot be queued: the webhook is then answered 503 and the helpdesk
     *                                   delivers it again
     */
    void submit(WriteBack writeBack);

    /** The write-back could not be queued; the message names the queue and the failure's type only. */
    final class QueueUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public QueueUnavailableException(String message) {
            super(message);
        }
    }
}
