package org.tickettriage.local;

/** A local command was given something it cannot use (a missing file, bad JSON, an unknown function): exit code 2. */
final class LocalCommandException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    LocalCommandException(String message) {
        super(message);
    }
}
