package org.tickettriage.classifier;

/** The model artifact could not be read (missing, corrupt, rejected by the deserialization filter). */
public class ModelLoadException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    public ModelLoadException(String message) {
        super(message);
    }

    public ModelLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
