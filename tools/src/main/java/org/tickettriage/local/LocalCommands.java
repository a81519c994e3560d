package org.tickettriage.local;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.net.BindException;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import org.tickettriage.connectors.setup.InProcessWebhooks;
import org.tickettriage.handler.ClassifyHttpHandler;
import org.tickettriage.handler.TriageMetrics;
import org.tickettriage.s3.S3PolicyFiles;
import org.tickettriage.triage.Health;
import org.tickettriage.triage.TriageService;
import org.tickettriage.triage.TriageServices;
import org.tickettriage.triage.TriageSettings;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;

/**
 * The commands that run the Lambda handlers on this machine, subcommands of {@code ./triage}
 * ({@link org.tickettriage.tools.TriageTools}): {@code serve} the HTTP API locally, {@code invoke} a handler with an
 * event file, and the hidden {@code warm-up} that {@code ./triage} records its AppCDS archive with; beside them
 * {@link IngestEmailCommand} and {@link RoutingCommand}.
 */
public final class LocalCommands {

    private LocalCommands() {
    }

    /**
     * Standard output carries what a command prints as its result (invoke's response): metrics records go to standard
     * error with the log lines, unless {@code TRIAGE_METRICS} says otherwise. Call before anything reads the settings.
     */
    public static void metricsToStandardError() {
        String name = TriageSettings.METRICS;
        if (isBlank(System.getenv(name)) && isBlank(System.getProperty(name))) {
            System.setProperty(name, "stderr");
        }
    }

    private static boolean isBlank(String value) {
        return value == null || value.isBlank();
    }

    /**
     * The service of the process's settings ({@link TriageServices#shared()}: the bundled model and
     * {@code TRIAGE_ROUTING}'s policy unless configured otherwise), or, when {@code model} or {@code routing} is given,
     * one with the settings' values replaced by theirs: the model in {@code model}, the routing policy {@code routing}
     * (a path or an {@code s3://} location).
     *
     * @throws org.tickettriage.rules.routing.RoutingPolicyException  when the policy cannot be read or has errors
     * @throws org.tickettriage.triage.InvalidSettingsException       when a setting's value stops the start
     * @throws LocalCommandException                                  when the model directory or the policy does not
     *                                                                exist
     * @throws CommandLine.ParameterException                         when {@code routing} is blank
     */
    static TriageService service(CommandSpec spec, Path model, String routing) {
        TriageSettings settings = TriageSettings.process().requireValid();
        if (model == null && routing == null) {
            return TriageServices.shared();
        }
        if (model != null) {
            if (!Files.isDirectory(model)) {
                throw new LocalCommandException("model directory " + model + " not found.");
            }
            settings = settings.withModelDir(model);
        }
        if (routing != null) {
            requireRoutingPath(spec, routing);
            settings = settings.withRouting(routing);
        }
        return TriageServices.create(settings);
    }

    /**
     * Refuses a {@code --routing} value that is blank (a usage error) or neither an {@code s3://} location nor an
     * existing file or folder (a missing input: {@link LocalCommandException}).
     */
    static void requireRoutingPath(CommandSpec spec, String routing) {
        if (routing.isBlank()) {
            throw new CommandLine.ParameterException(spec.commandLine(),
                    "--routing needs a policy folder, a routing CSV or an s3:// location.");
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

    /**
     * {@code serve}: the HTTP API and the web page on 127.0.0.1, and the helpdesk webhook routes with their writer when
     * a connector is configured (connectors/README.md).
     */
    @Command(name = "serve", mixinStandardHelpOptions = true,
            description = "Serves the HTTP API and the web page on 127.0.0.1 through the Lambda handler, and POST "
                    + "/webhooks/zendesk and /webhooks/github with their write-back when TRIAGE_ZENDESK_* or "
                    + "TRIAGE_GITHUB_* are set.")
    public static final class Serve implements Callable<Integer> {

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
                throw new CommandLine.ParameterException(spec.commandLine(), "--port must be between 0 and 65535.");
            }
            TriageService service = service(spec, model, routing);
            InProcessWebhooks webhooks = InProcessWebhooks.start(TriageSettings.process().requireValid(), service);
            LocalServer server;
            try {
                TriageMetrics metrics = TriageMetrics.shared();
                metrics.prime();
                server = LocalServer.start(new ClassifyHttpHandler(service, metrics), webhooks::handle, webhooks::status, port);
            } catch (BindException e) {
                webhooks.close();
                throw new LocalCommandException("port " + port + " is in use; choose another with --port.");
            }
            Health health = service.health();
            spec.commandLine().getOut().println("ticket-triage serving " + server.url() + " ("
                    + (health.modelLoaded() ? "model " + health.modelVersion() + " loaded" : "no model: " + health.detail() + "; rules only")
                    + ", routing policy " + health.routingPolicy() + ", webhooks: "
                    + (webhooks.connectors().isEmpty() ? "none configured" : String.join(", ", webhooks.connectors()))
                    + "); Ctrl-C stops it");
            CountDownLatch stopped = new CountDownLatch(1);
            Runtime.getRuntime().addShutdownHook(new Thread(() -> {
                server.close();
                webhooks.close();
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
    public static final class WarmUp implements Callable<Integer> {

        private static final String TICKET = "{\"subject\":\"Warm-up: the app crashes when I export my invoice\","
                + "\"description\":\"Recording the classes a first request loads.\"}";

        @CommandLine.Spec
        private CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            TriageService service = service(spec, null, null);
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
    public static final class Invoke implements Callable<Integer> {

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
                requireRoutingPath(spec, routing);
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
