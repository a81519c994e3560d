package org.tickettriage.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tickettriage.handler.ClassifyHttpHandler;
import org.tickettriage.handler.TriageMetrics;
import org.tickettriage.rules.routing.RoutingPolicy;
import org.tickettriage.rules.routing.RoutingPolicyException;
import org.tickettriage.s3.S3PolicyFiles;
import org.tickettriage.triage.Health;
import org.tickettriage.triage.TriageService;
import org.tickettriage.triage.TriageServices;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * The function jar's command line: {@code serve} the HTTP API locally, {@code invoke} a handler with an
 * event file, {@code ingest-email} raw email files through the email handler's parsing and triage, or
 * {@code routing check} a routing policy.
 */
@Command(name = "triage", mixinStandardHelpOptions = true,
        description = "Runs the ticket-triage Lambda handlers on this machine.",
        subcommands = {LocalMain.Serve.class, LocalMain.Invoke.class, IngestEmailCommand.class, RoutingCommand.class,
            LocalMain.WarmUp.class})
public final class LocalMain implements Runnable {

    /** Exit code for input the command cannot use: a missing file, bad JSON, an unknown function. */
    static final int BAD_INPUT = 2;
    /** Exit code of a command that failed: a routing policy with errors, a handler that threw. */
    static final int FAILED = 1;

    @CommandLine.Spec
    private CommandLine.Model.CommandSpec spec;

    /** Runs the command line and exits with its status. */
    public static void main(String[] args) {
        // Standard output carries what a command prints as its result (invoke's response): metrics records go to
        // standard error with the log lines, unless TRIAGE_METRICS says otherwise.
        if (System.getenv(TriageMetrics.ENV_OUTPUT) == null && System.getProperty(TriageMetrics.ENV_OUTPUT) == null) {
            System.setProperty(TriageMetrics.ENV_OUTPUT, "stderr");
        }
        System.exit(run(System.out, System.err, args));
    }

    /** Runs the command line with the given streams; returns the exit code. */
    static int run(PrintStream out, PrintStream err, String... args) {
        CommandLine commandLine = new CommandLine(new LocalMain());
        commandLine.setOut(new PrintWriter(out, true, StandardCharsets.UTF_8));
        commandLine.setErr(new PrintWriter(err, true, StandardCharsets.UTF_8));
        commandLine.setExecutionExceptionHandler((failure, command, parsed) -> {
            // A message, never a stack trace: these commands are run by people.
            CommandLog log = new CommandLog(command.getErr());
            if (failure instanceof LocalCommandException) {
                log.error(failure.getMessage());
                return BAD_INPUT;
            }
            if (failure instanceof RoutingPolicyException) {
                // The message lists every error of the policy, one per line: all a person needs to fix it.
                log.error(failure.getMessage());
                return FAILED;
            }
            log.error(failure.getClass().getName() + ": " + failure.getMessage());
            return FAILED;
        });
        return commandLine.execute(args);
    }

    /**
     * The service of the environment ({@link TriageServices#shared()}: the bundled model and {@code TRIAGE_ROUTING}'s
     * policy unless configured otherwise), or one with the model in {@code model} and the routing policy
     * {@code routing} (a path or an {@code s3://} location) where given; {@code TRIAGE_REVIEW_THRESHOLD} applies either
     * way.
     *
     * @throws org.tickettriage.rules.routing.RoutingPolicyException when the policy cannot be read or has errors
     */
    static TriageService service(Path model, String routing) {
        if (model == null && routing == null) {
            return TriageServices.shared();
        }
        if (model != null && !Files.isDirectory(model)) {
            throw new LocalCommandException("model directory " + model + " not found.");
        }
        RoutingPolicy policy = routing != null ? routingPolicy(routing)
                : TriageServices.routingPolicy(TriageServices.setting(TriageServices.ENV_ROUTING).orElse(""));
        return TriageServices.create(Optional.ofNullable(model), thresholdFromEnvironment(), policy);
    }

    /** The policy a {@code --routing} option names; a path that does not exist is a usage error. */
    static RoutingPolicy routingPolicy(String routing) {
        requireRoutingPath(routing);
        return TriageServices.routingPolicy(routing);
    }

    /** Refuses a {@code --routing} value that is neither an {@code s3://} location nor an existing file or folder. */
    static void requireRoutingPath(String routing) {
        if (routing.isBlank()) {
            throw new LocalCommandException("--routing needs a policy folder, a routing CSV or an s3:// location.");
        }
        if (routing.startsWith(S3PolicyFiles.SCHEME)) {
            return;
        }
        boolean exists;
        try {
            exists = Files.exists(Path.of(routing));
        } catch (InvalidPathException e) {
            exists = false;
        }
        if (!exists) {
            throw new LocalCommandException("routing policy " + routing + " not found: give a policy folder or a routing CSV.");
        }
    }

    private static OptionalDouble thresholdFromEnvironment() {
        String value = System.getenv(TriageServices.ENV_REVIEW_THRESHOLD);
        if (value == null || value.isBlank()) {
            return OptionalDouble.empty();
        }
        try {
            return OptionalDouble.of(Double.parseDouble(value.strip()));
        } catch (NumberFormatException e) {
            throw new LocalCommandException(TriageServices.ENV_REVIEW_THRESHOLD + " must be a number in [0, 1].");
        }
    }

    @Override
    public void run() {
        throw new CommandLine.ParameterException(spec.commandLine(),
                "a command is required: serve, invoke, ingest-email or routing");
    }

    /** {@code serve}: the HTTP API and the web page on 127.0.0.1. */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serves the HTTP API and the web page on 127.0.0.1 through the Lambda handler.")
    static final class Serve implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = "--port", defaultValue = "3000", description = "TCP port (default: ${DEFAULT-VALUE}).")
        private int port;

        @Option(names = "--model", paramLabel = "DIR", description = "A model directory to load instead of the bundled model.")
        private Path model;

        @Option(names = "--routing", paramLabel = "PATH", description = "A routing policy (a folder, a routing CSV or an"
                + " s3:// location) instead of TRIAGE_ROUTING's or the bundled one.")
        private String routing;

        @Override
        public Integer call() throws IOException, InterruptedException {
            if (port < 0 || port > 65_535) {
                throw new LocalCommandException("--port must be between 0 and 65535.");
            }
            TriageService service = service(model, routing);
            LocalServer server;
            try {
                TriageMetrics metrics = TriageMetrics.shared();
                metrics.prime();
                server = LocalServer.start(new ClassifyHttpHandler(service, metrics), port);
            } catch (BindException e) {
                throw new LocalCommandException("port " + port + " is in use; choose another with --port.");
            }
            Health health = service.health();
            spec.commandLine().getOut().println("ticket-triage serving " + server.url() + " ("
                    + (health.modelLoaded() ? "model " + health.modelVersion() + " loaded" : "no model: " + health.detail() + "; rules only")
                    + ", routing policy " + health.routingPolicy() + "); Ctrl-C stops it");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                stopped.countDown();
            }));
            stopped.await();
            return 0;
        }
    }

    /**
     * {@code warm-up} (hidden): what {@code serve} does up to its first answers, then exits. {@code ./triage} runs it
     * once per build under {@code -XX:ArchiveClassesAtExit} to record the classes of an AppCDS archive, so it must
     * touch the same code paths as a served request: start-up, the local server, and each route once.
     */
    @Command(name = "warm-up", hidden = true,
            description = "Starts what serve starts, answers one request of each route, and exits (records an AppCDS archive).")
    static final class WarmUp implements Callable<Integer> {

        private static final String TICKET = "{\"subject\":\"Warm-up: the app crashes when I export my invoice\","
                + "\"description\":\"Recording the classes a first request loads.\"}";

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            TriageService service = service(null, null);
            try (LocalServer server = LocalServer.start(new ClassifyHttpHandler(service, TriageMetrics.shared()), 0)) {
                URI base = server.url();
                int[] statuses = {
                    request(base.resolve("classify"), "POST", TICKET),
                    request(base.resolve("classify/batch"), "POST", "{\"tickets\":[" + TICKET + "]}"),
                    request(base.resolve("health"), "GET", null),
                    request(base, "GET", null)};
                for (int status : statuses) {
                    if (status != 200) {
                        spec.commandLine().getErr().println("warm-up: a request was answered " + status);
                        return 1;
                    }
                }
            }
            return 0;
        }

        private static int request(URI uri, String method, String body) throws IOException {
            HttpURLConnection connection = (HttpURLConnection) uri.toURL().openConnection();
            try {
                connection.setRequestMethod(method);
                if (body != null) {
                    connection.setDoOutput(true);
                    connection.setRequestProperty("content-type", "application/json");
                    try (OutputStream out = connection.getOutputStream()) {
                        out.write(body.getBytes(StandardCharsets.UTF_8));
                    }
                }
                int status = connection.getResponseCode();
                try (InputStream in = status < 400 ? connection.getInputStream() : connection.getErrorStream()) {
                    if (in != null) {
                        in.readAllBytes();
                    }
                }
                return status;
            } finally {
                connection.disconnect();
            }
        }
    }

    /** {@code invoke}: one event through a handler named in the template, like {@code sam local invoke -e}. */
    @Command(name = "invoke", mixinStandardHelpOptions = true,
            description = "Runs one event file through a function of template.yaml and prints the response.")
    static final class Invoke implements Callable<Integer> {

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Option(names = {"--event", "-e"}, required = true, paramLabel = "FILE.json", description = "The event file.")
        private Path event;

        @Option(names = "--function", paramLabel = "NAME",
                description = "The function's logical id; optional when the template has one HTTP function.")
        private String function;

        @Option(names = {"--template", "-t"}, defaultValue = "template.yaml", paramLabel = "FILE",
                description = "The SAM template (default: ${DEFAULT-VALUE}).")
        private Path template;

        @Option(names = "--routing", paramLabel = "PATH", description = "A routing policy (a folder, a routing CSV or an"
                + " s3:// location) instead of the template's TRIAGE_ROUTING.")
        private String routing;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            PrintWriter log = spec.commandLine().getErr();
            if (routing != null) {
                requireRoutingPath(routing);
            }
            try {
                return new LocalInvoker(out, log).invoke(template, Optional.ofNullable(function), event,
                        Optional.ofNullable(routing));
            } finally {
                out.flush();
                log.flush();
            }
        }
    }
}
