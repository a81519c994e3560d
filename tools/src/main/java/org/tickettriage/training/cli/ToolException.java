package org.tickettriage.training.cli;

/**
 * A failure the user can act on (an output that cannot be written, an input that cannot be read): reported as one
 * line without a stack trace, exit code 1. Bad options are picocli's {@code ParameterException} instead (exit 2).
 */
public class ToolException extends RuntimeException {

    /** A failure described by {@code message}, which should name the file or value at fault. */
    public ToolException(String message) {
        super(message);
    }

    /** A failure described by {@code message}, caused by {@code cause} (kept for debugging, not printed). */
    public ToolException(String message, Throwable cause) {
        super(message, cause);
    }
}
