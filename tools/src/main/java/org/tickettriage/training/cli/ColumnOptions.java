package org.tickettriage.training.cli;

import java.util.List;
import org.tickettriage.training.data.ColumnSpec;
import org.tickettriage.training.data.DatasetException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

/** The column-mapping options that {@code train} and {@code evaluate} share, as a picocli mixin. */
public final class ColumnOptions {

    @Spec(Spec.Target.MIXEE)
    private CommandSpec spec;

    @Option(names = "--text", split = ",", paramLabel = "COL", defaultValue = "Subject,Description",
            description = "Text columns; with two or more the first is the subject (default: ${DEFAULT-VALUE}).")
    private List<String> text;

    @Option(names = "--label", paramLabel = "COL", defaultValue = "Category",
            description = "Category column (default: ${DEFAULT-VALUE}).")
    private String label;

    @Option(names = "--priority-label", paramLabel = "COL",
            description = "Priority column (default: Priority when the file has it; without one there is no priority head).")
    private String priorityLabel;

    @Option(names = "--where", paramLabel = "COL=VALUE",
            description = "Use only the rows whose column COL equals VALUE, e.g. one repository of a shared file.")
    private String where;

    /**
     * The columns to read, as the options name them.
     *
     * @throws ParameterException when an option's value is not of the right form (a usage error: exit 2)
     */
    public ColumnSpec columns() {
        try {
            return new ColumnSpec(text, label,
                    priorityLabel != null ? priorityLabel : ColumnSpec.DEFAULT_PRIORITY, priorityLabel != null)
                    .where(ColumnSpec.parseWhere(where));
        } catch (DatasetException e) {
            throw new ParameterException(spec.commandLine(), e.getMessage());
        }
    }

    /** The category column. */
    public String label() {
        return label;
    }

    /** Every option's value, for a fingerprint of the training run. */
    public String describe() {
        return String.join("|", String.valueOf(text), label, String.valueOf(priorityLabel), String.valueOf(where));
    }
}
