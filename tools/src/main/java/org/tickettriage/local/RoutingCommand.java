package org.tickettriage.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import org.tickettriage.model.ModelCard;
import org.tickettriage.model.ModelDirectory;
import org.tickettriage.rules.routing.ModelCheck;
import org.tickettriage.rules.routing.PolicyProblem;
import org.tickettriage.rules.routing.PolicyReader;
import org.tickettriage.rules.routing.RoutingPolicyException;
import org.tickettriage.tools.cli.ExitCodes;
import org.tickettriage.triage.TriageServices;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code routing}: tools for a support team's routing policy (docs/ROUTING.md). */
@Command(name = "routing", mixinStandardHelpOptions = true,
        description = "Works with routing policies (docs/ROUTING.md).",
        subcommands = {RoutingCommand.Check.class})
public final class RoutingCommand implements Runnable {

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(), "a subcommand is required: check");
    }

    /**
     * {@code routing check PATH [--model DIR] [--strict]}: every problem of a policy, one per line as compilers print
     * them, the files the bundled default supplied, and a summary; exit 1 on any error (or warning, with
     * {@code --strict}) and when the policy or the model cannot be found or read, 0 otherwise.
     */
    @Command(name = "check", mixinStandardHelpOptions = true,
            description = "Checks a routing policy (a folder, a routing CSV or an s3:// location) and prints every problem"
                    + " with its file and line. Exits 1 on an error, or on a warning with --strict.",
            exitCodeListHeading = ExitCodes.HEADING,
            exitCodeList = {"0:the policy has no error (and, with --strict, no warning)",
                "1:the policy has an error (or, with --strict, a warning), or the policy or the model cannot be read",
                ExitCodes.USAGE_LINE})
    public static final class Check implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", paramLabel = "PATH", description = "A policy folder, a routing CSV, or s3://bucket/key.csv"
                + " or s3://bucket/prefix/.")
        private String path;

        @Option(names = "--model", paramLabel = "DIR", description = "Also check the policy against this model's labels"
                + " (its model-card.json): labels no row routes, categories and priorities the model never predicts.")
        private Path model;

        @Option(names = "--strict", description = "Fail on warnings too.")
        private boolean strict;

        @Override
        public Integer call() {
            LocalCommands.requireRoutingPath(spec, path);
            ModelCard card = model == null ? null : card(model);
            PrintWriter out = spec.commandLine().getOut();
            PolicyReader.Result result;
            try {
                result = TriageServices.checkRoutingPolicy(path);
            } catch (RoutingPolicyException e) {
                // Nothing could be read (an S3 folder that cannot be listed): its problems are the whole report.
                result = new PolicyReader.Result(null, e.problems(), List.of());
            }
            List<PolicyProblem> problems = new ArrayList<>(result.problems());
            if (card != null && result.policy() != null) {
                problems.addAll(ModelCheck.check(result.policy(), card.categoryLabels(), card.priorityLabels()));
            }
            problems.forEach(out::println);
            out.println(result.defaulted().isEmpty() ? "No file came from the bundled default."
                    : "From the bundled default: " + String.join(", ", result.defaulted()));
            if (card != null && result.policy() == null) {
                out.println("Not checked against the model " + card.modelVersion() + ": the policy has errors.");
            }
            long errors = problems.stream().filter(PolicyProblem::isError).count();
            long warnings = problems.size() - errors;
            boolean failed = errors > 0 || (strict && warnings > 0);
            out.println("routing check " + path + (card == null ? "" : " with model " + card.modelVersion()) + ": "
                    + count(errors, "error") + ", " + count(warnings, "warning")
                    + (failed ? (errors == 0 ? " (--strict: warnings fail)" : "") + "; FAILED" : "; OK"));
            out.flush();
            return failed ? ExitCodes.FAILURE : ExitCodes.SUCCESS;
        }

        /** The model card in {@code dir}; a missing or unreadable one fails the command (exit 1). */
        private static ModelCard card(Path dir) {
            if (!Files.isDirectory(dir)) {
                throw new LocalCommandException("model directory " + dir + " not found.");
            }
            Path file = dir.resolve(ModelDirectory.CARD_FILE);
            try (InputStream in = Files.newInputStream(file)) {
                return ModelCard.read(in);
            } catch (NoSuchFileException e) {
                throw new LocalCommandException("model directory " + dir + " has no " + ModelDirectory.CARD_FILE + ".");
            } catch (IOException | RuntimeException e) {
                throw new LocalCommandException(file + " cannot be read as a model card (" + e.getClass().getSimpleName() + ").");
            }
        }

        private static String count(long n, String what) {
            return n + " " + what + (n == 1 ? "" : "s");
        }
    }
}
