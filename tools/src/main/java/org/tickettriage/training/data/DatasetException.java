package org.tickettriage.training.data;

/** A dataset cannot be used as given (missing file or column, malformed CSV); the message says how to fix it. */
public class DatasetException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public DatasetException(String message) {
        super(message);
    }

    public DatasetException(String message, Throwable cause) {
        super(message, cause);
    }
}
