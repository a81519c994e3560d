package org.tickettriage.rules;

/**
 * The routing rules could not be loaded: the executable model generated at build time is missing or
 * unusable. Raised once, at start-up, by {@link DroolsRouter#create()}; it means a broken build, not bad input.
 */
public class RulesLoadException extends RuntimeException {

    public RulesLoadException(String message) {
        super(message);
    }

    public RulesLoadException(String message, Throwable cause) {
        super(message, cause);
    }
}
