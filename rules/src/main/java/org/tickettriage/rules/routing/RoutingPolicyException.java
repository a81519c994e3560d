package org.tickettriage.rules.routing;

import java.util.List;
import java.util.stream.Collectors;

/**
 * A routing policy cannot be used: a file is missing, unreadable or has errors. Raised at start-up (and by
 * {@code ./triage routing check}); the message lists every error with its file and line, so that one run shows them all.
 */
public class RoutingPolicyException extends RuntimeException {

    private final List<PolicyProblem> problems;

    public RoutingPolicyException(String location, List<PolicyProblem> problems) {
        super(message(location, problems));
        this.problems = List.copyOf(problems);
    }

    /** Every problem found, errors and warnings. */
    public List<PolicyProblem> problems() {
        return problems;
    }

    private static String message(String location, List<PolicyProblem> problems) {
        List<PolicyProblem> errors = problems.stream().filter(PolicyProblem::isError).toList();
        return "the routing policy " + location + " has " + errors.size() + (errors.size() == 1 ? " error" : " errors")
                + ":\n" + errors.stream().map(p -> "  " + p).collect(Collectors.joining("\n"));
    }
}
