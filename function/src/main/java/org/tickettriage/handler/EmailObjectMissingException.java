package org.tickettriage.handler;

/**
 * The object an event names does not exist: it was deleted (or expired) before it was read. Retrying
 * cannot bring it back, so the record is reported for review instead of failing the invocation.
 */
public final class EmailObjectMissingException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    /** @param message names the bucket and key; never message content */
    public EmailObjectMissingException(String message) {
        super(message);
    }
}
