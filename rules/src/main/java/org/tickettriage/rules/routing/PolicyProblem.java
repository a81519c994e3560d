package org.tickettriage.rules.routing;

/**
 * One thing wrong with a routing policy, where it is.
 *
 * @param severity an error stops the policy from loading; a warning is reported and the policy loads
 * @param file     the policy file ({@code routing.csv}), or null for the policy as a whole
 * @param line     the line in that file, from 1, or 0 when the problem is not on one line
 * @param message  what is wrong and, where it helps, how to fix it
 */
public record PolicyProblem(Severity severity, String file, int line, String message) {

    /** How bad a problem is. */
    public enum Severity { ERROR, WARNING }

    /** An error in {@code file} at {@code line} (0: not on one line). */
    public static PolicyProblem error(String file, int line, String message) {
        return new PolicyProblem(Severity.ERROR, file, line, message);
    }

    /** A warning in {@code file} at {@code line} (0: not on one line). */
    public static PolicyProblem warning(String file, int line, String message) {
        return new PolicyProblem(Severity.WARNING, file, line, message);
    }

    /** Whether this is an error. */
    public boolean isError() {
        return severity == Severity.ERROR;
    }

    /** As compilers print problems: {@code routing.csv:7: error: ...}. */
    @Override
    public String toString() {
        String where = file == null ? "policy" : line > 0 ? file + ":" + line : file;
        return where + ": " + severity.name().toLowerCase(java.util.Locale.ROOT) + ": " + message;
    }
}
