package org.tickettriage.handler;

/**
 * Some records of an S3 event could not be read or triaged now (S3 unreachable, access denied, an
 * unexpected error). Thrown so that the invocation fails as a whole: Lambda retries the event and
 * finally hands it to the dead-letter queue, and the redelivery is idempotent (ticket id = Message-ID).
 */
public final class EmailIngestException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message names each failed record's bucket and key and the error; never message content */
    public EmailIngestException(String message, Throwable cause) {
        super(message, cause);
    }
}
