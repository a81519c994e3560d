package org.tickettriage.training.cli;

import org.tickettriage.model.ModelLoadException;
import org.tickettriage.training.bench.BenchmarkCommand;
import org.tickettriage.training.data.DatasetException;
import org.tickettriage.training.evaluate.EvaluateCommand;
import org.tickettriage.training.generate.GenerateCommand;
import org.tickettriage.training.model.ModelCommand;
import org.tickettriage.training.report.ResultsPage;
import org.tickettriage.training.train.TrainCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.util.Properties;

/** The {@code triage} training tools: the top-level command that dispatches to generate, train and evaluate. */
@Command(
        name = "triage",
        mixinStandardHelpOptions = true,
        versionProvider = TriageTools.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "Training tools of ticket-triage: synthetic datasets, training and evaluation.",
        subcommands = {GenerateCommand.class, TrainCommand.class, EvaluateCommand.class, BenchmarkCommand.class, ModelCommand.class, ResultsPage.class, CommandLine.HelpCommand.class},
        exitCodeListHeading = "%nExit codes:%n",
        exitCodeList = {
            "0:success",
            "1:failure (for example an output file that cannot be written)",
            "2:usage error (a missing, unknown or invalid option)"})
public final class TriageTools implements Runnable {

    @Spec
    private CommandSpec spec;

    /** Runs the tools and exits with their exit code. */
    public static void main(String[] args) {
        System.exit(commandLine().execute(args));
    }

    /** The command line with every subcommand and the tools' error reporting; tests call {@code execute} on it. */
    public static CommandLine commandLine() {
        return new CommandLine(new TriageTools())
                .setParameterExceptionHandler(TriageTools::reportUsageError)
                .setExecutionExceptionHandler(TriageTools::reportFailure);
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: try 'triage --help'");
    }

    /** One line saying what is wrong and where to look, instead of picocli's full usage text. */
    private static int reportUsageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(command.getColorScheme().errorText(name + ": " + e.getMessage()));
        if (!UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + name + " --help' for more information.");
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnInvalidInput();
    }

    /**
     * A {@link ToolException}, an unreadable dataset or an unreadable model is the user's to fix: one line.
     * Anything else is a bug: the stack trace helps.
     */
    private static int reportFailure(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        if (e instanceof ToolException || e instanceof DatasetException || e instanceof ModelLoadException) {
            err.println(command.getColorScheme().errorText(name + ": " + e.getMessage()));
        } else {
            err.println(command.getColorScheme().errorText(name + ": unexpected error: " + e));
            e.printStackTrace(err);
        }
        err.flush();
        return command.getCommandSpec().exitCodeOnExecutionException();
    }

    /** The tools' version, the MALLET version models are trained with, and the Java runtime. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "triage training tools " + mavenVersion("org.tickettriage", "ticket-triage-training", "(development build)"),
                "MALLET " + mavenVersion("cc.mallet", "mallet", "(unknown)"),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"
            };
        }

        /** Maven writes pom.properties into every jar; classes run from target/classes have none. */
        private static String mavenVersion(String groupId, String artifactId, String fallback) {
            String resource = "/META-INF/maven/" + groupId + "/" + artifactId + "/pom.properties";
            try (InputStream in = TriageTools.class.getResourceAsStream(resource)) {
                if (in == null) {
                    return fallback;
                }
                Properties properties = new Properties();
                properties.load(in);
                return properties.getProperty("version", fallback);
            } catch (IOException e) {
                return fallback;
            }
        }
    }
}
