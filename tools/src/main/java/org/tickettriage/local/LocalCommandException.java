package org.tickettriage.local;

/**
 * A local command was given something it cannot use (a missing file, bad JSON, an unknown function): reported as one
 * line without a stack trace, exit code 1.
 */
public final class LocalCommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LocalCommandException(String message) {
        super(message);
    }
}
