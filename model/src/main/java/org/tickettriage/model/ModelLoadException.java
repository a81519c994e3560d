package org.tickettriage.model;

/** A model could not be loaded: its file is missing, of the old format, truncated, corrupt or invalid. */
public class ModelLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
