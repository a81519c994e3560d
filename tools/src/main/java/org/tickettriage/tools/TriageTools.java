package org.tickettriage.tools;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Properties;
import java.util.function.Supplier;
import org.tickettriage.local.BackfillCommand;
import org.tickettriage.local.CommandLog;
import org.tickettriage.local.IngestEmailCommand;
import org.tickettriage.local.LocalCommandException;
import org.tickettriage.local.LocalCommands;
import org.tickettriage.local.RoutingCommand;
import org.tickettriage.model.ModelLoadException;
import org.tickettriage.rules.routing.RoutingPolicyException;
import org.tickettriage.tools.cli.ExitCodes;
import org.tickettriage.training.bench.BenchmarkCommand;
import org.tickettriage.training.cli.ToolException;
import org.tickettriage.training.data.DatasetException;
import org.tickettriage.training.evaluate.EvaluateCommand;
import org.tickettriage.training.generate.GenerateCommand;
import org.tickettriage.training.model.ModelCommand;
import org.tickettriage.training.report.ResultsPage;
import org.tickettriage.training.train.TrainCommand;
import org.tickettriage.triage.InvalidSettingsException;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IVersionProvider;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;
import picocli.CommandLine.Spec;
import picocli.CommandLine.UnmatchedArgumentException;

/**
 * {@code ./triage}: the one entry point of every command of the tools jar, the local ones that run the Lambda handlers
 * (serve, invoke, ingest-email, routing check, the hidden warm-up) and the training tools (generate, train, evaluate,
 * benchmark, model, report). One exit-code convention for all ({@link ExitCodes}): every command's help lists it.
 *
 * <p>picocli builds the model of every command it is given, by reflection, before it parses anything: some 200 ms of
 * CPU for all of them in a fresh JVM. A run that names a command gets that command alone, so that {@code serve} starts
 * as fast as when it had a jar of its own; the top-level help, {@code help} and an unknown command get them all.
 */
@Command(
        name = "triage",
        mixinStandardHelpOptions = true,
        versionProvider = TriageTools.Version.class,
        synopsisSubcommandLabel = "COMMAND",
        description = "ticket-triage on this machine: the Lambda handlers served and invoked locally, and the training tools.")
public final class TriageTools implements Runnable {

    /** Every command, in the order of the help, built only when used. */
    private static final Map<String, Supplier<Object>> COMMANDS = commands();

    @Spec
    private CommandSpec spec;

    /** Runs the command line and exits with its exit code. */
    public static void main(String[] args) {
        LocalCommands.metricsToStandardError();
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line with the given streams, as {@link #main} does; returns the exit code. */
    public static int run(PrintStream out, PrintStream err, String... args) {
        boolean oneCommand = args.length > 0 && COMMANDS.containsKey(args[0]) && !args[0].equals("help");
        CommandLine commandLine = oneCommand ? commandLine(args[0]) : commandLine();
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        return commandLine.execute(args);
    }

    /**
     * The command line with every command, the exit-code list in each one's help and the tools' error reporting; tests
     * call {@code execute} on it.
     */
    public static CommandLine commandLine() {
        return commandLine(COMMANDS.keySet().toArray(String[]::new));
    }

    /** The command line with the commands {@code names} only (see the class comment). */
    static CommandLine commandLine(String... names) {
        CommandLine commandLine = new CommandLine(new TriageTools());
        for (String name : names) {
            commandLine.addSubcommand(name, COMMANDS.get(name).get());
        }
        commandLine.setParameterExceptionHandler(TriageTools::reportUsageError)
                .setExecutionExceptionHandler(TriageTools::reportFailure);
        listExitCodes(commandLine);
        return commandLine;
    }

    private static Map<String, Supplier<Object>> commands() {
        Map<String, Supplier<Object>> commands = new LinkedHashMap<>();
        commands.put("serve", LocalCommands.Serve::new);
        commands.put("invoke", LocalCommands.Invoke::new);
        commands.put("ingest-email", IngestEmailCommand::new);
        commands.put("routing", RoutingCommand::new);
        commands.put("backfill", BackfillCommand::new);
        commands.put("warm-up", LocalCommands.WarmUp::new);
        commands.put("generate", GenerateCommand::new);
        commands.put("train", TrainCommand::new);
        commands.put("evaluate", EvaluateCommand::new);
        commands.put("benchmark", BenchmarkCommand::new);
        commands.put("model", ModelCommand::new);
        commands.put("report", ResultsPage::new);
        commands.put("help", CommandLine.HelpCommand::new);
        return commands;
    }

    @Override
    public void run() {
        throw new ParameterException(spec.commandLine(), "missing command: try 'triage --help'");
    }

    /** Puts the exit codes into the help of {@code command} and of each of its subcommands, unless it words them itself. */
    private static void listExitCodes(CommandLine command) {
        CommandLine.Model.UsageMessageSpec usage = command.getCommandSpec().usageMessage();
        if (usage.exitCodeList().isEmpty()) {
            usage.exitCodeListHeading(ExitCodes.HEADING).exitCodeList(ExitCodes.list());
        }
        command.getCommandSpec().exitCodeOnInvalidInput(ExitCodes.USAGE).exitCodeOnExecutionException(ExitCodes.FAILURE);
        command.getSubcommands().values().forEach(TriageTools::listExitCodes);
    }

    /** One line saying what is wrong and where to look, instead of picocli's full usage text; exit 2. */
    private static int reportUsageError(ParameterException e, String[] args) {
        CommandLine command = e.getCommandLine();
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        err.println(command.getColorScheme().errorText(name + ": " + e.getMessage()));
        if (!UnmatchedArgumentException.printSuggestions(e, err)) {
            err.println("Try '" + name + " --help' for more information.");
        }
        err.flush();
        return ExitCodes.USAGE;
    }

    /**
     * A failure the user can act on (a file that is missing, unreadable or invalid, a setting that stops the start): one
     * line, in the format {@code AWS_LAMBDA_LOG_FORMAT} asks for. Anything else is a bug: the stack trace helps. Exit 1
     * either way.
     */
    private static int reportFailure(Exception e, CommandLine command, ParseResult parsed) {
        PrintWriter err = command.getErr();
        String name = command.getCommandSpec().qualifiedName();
        CommandLog log = new CommandLog(err);
        if (e instanceof IOException || e instanceof UncheckedIOException) {
            // A file that cannot be read or written: the exception's type says which problem (NoSuchFileException...).
            Throwable io = e instanceof UncheckedIOException unchecked ? unchecked.getCause() : e;
            log.failure(name, io.toString());
        } else if (actionable(e)) {
            // A routing policy's or the settings' message lists every error, one per line: all a person needs to fix it.
            log.failure(name, e.getMessage());
        } else {
            log.failure(name, "unexpected error: " + e);
            e.printStackTrace(err);
        }
        err.flush();
        return ExitCodes.FAILURE;
    }

    private static boolean actionable(Exception e) {
        return e instanceof ToolException || e instanceof LocalCommandException || e instanceof DatasetException
                || e instanceof ModelLoadException || e instanceof RoutingPolicyException
                || e instanceof InvalidSettingsException;
    }

    /** The tools' version, the MALLET version models are trained with, and the Java runtime. */
    static final class Version implements IVersionProvider {
        @Override
        public String[] getVersion() {
            return new String[] {
                "ticket-triage tools " + mavenVersion("org.tickettriage", "ticket-triage-tools", "(development build)"),
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
