package org.tickettriage.tools.cli;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The exit codes of every {@code ./triage} command, one convention for all (docs/ARCHITECTURE.md, "Command line"):
 * {@value #SUCCESS} success, {@value #FAILURE} failure, {@value #USAGE} usage error. A bad input file is a failure, not
 * a usage error: the command line was right, the file it names was not (missing, unreadable or invalid).
 */
public final class ExitCodes {

    /** The command did what it was asked. */
    public static final int SUCCESS = 0;
    /**
     * The command failed: a file it names is missing, unreadable or invalid (a dataset, a model, a routing policy, an
     * event or email file), a check found errors, an output cannot be written, or a setting stops the start.
     */
    public static final int FAILURE = 1;
    /** The command line is wrong: an unknown, missing or invalid option or parameter (picocli's ParameterException). */
    public static final int USAGE = 2;

    /** The heading of the list in each command's {@code --help}. */
    public static final String HEADING = "%nExit codes:%n";
    /** The list's line for {@link #SUCCESS}, as picocli's {@code exitCodeList} takes it. */
    public static final String SUCCESS_LINE = "0:success";
    /** The list's line for {@link #FAILURE}. */
    public static final String FAILURE_LINE = "1:failure, a bad input file included (missing, unreadable or invalid)";
    /** The list's line for {@link #USAGE}. */
    public static final String USAGE_LINE = "2:usage error: an unknown, missing or invalid option or parameter";

    private ExitCodes() {
    }

    /** The list every command's help shows unless the command words it more precisely. */
    public static Map<String, String> list() {
        Map<String, String> list = new LinkedHashMap<>();
        for (String line : new String[] {SUCCESS_LINE, FAILURE_LINE, USAGE_LINE}) {
            int colon = line.indexOf(':');
            list.put(line.substring(0, colon), line.substring(colon + 1));
        }
        return list;
    }
}
