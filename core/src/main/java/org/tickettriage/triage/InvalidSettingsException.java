package org.tickettriage.triage;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Settings with values that stop the start ({@link TriageSettings#requireValid()}): the message names each variable and
 * what is wrong with it, one per line. In Lambda it is the init error; the local commands exit 1 with it.
 */
public class InvalidSettingsException extends RuntimeException {

    private static final long serialVersionUID = 1L;

    private final transient List<TriageSettings.Problem> problems;

    /** The settings' {@code problems} that stop the start (at least one). */
    public InvalidSettingsException(List<TriageSettings.Problem> problems) {
        super(message(problems));
        this.problems = List.copyOf(problems);
    }

    /** Each invalid value, with its variable. */
    public List<TriageSettings.Problem> problems() {
        return problems;
    }

    private static String message(List<TriageSettings.Problem> problems) {
        return "invalid configuration: " + problems.stream().map(TriageSettings.Problem::message)
                .collect(Collectors.joining("\n  ", problems.size() == 1 ? "" : "\n  ", ""));
    }
}
