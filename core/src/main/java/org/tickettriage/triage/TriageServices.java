package org.tickettriage.triage;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import java.util.function.Function;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.ModelLoadException;
import org.tickettriage.model.TicketClassifier;
import org.tickettriage.rules.DroolsRouter;
import org.tickettriage.rules.Router;
import org.tickettriage.rules.routing.PolicyFiles;
import org.tickettriage.rules.routing.PolicyProblem;
import org.tickettriage.rules.routing.PolicyReader;
import org.tickettriage.rules.routing.RoutingPolicy;
import org.tickettriage.rules.routing.RoutingPolicyException;
import org.tickettriage.s3.S3Clients;
import org.tickettriage.s3.S3PolicyFiles;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Builds the {@link TriageService} once per container: reads the routing policy, loads the model (the bundled one
 * unless configured otherwise) and the Drools rule base. A model that cannot be loaded is reported here, at start-up,
 * and the service degrades to rules alone; a routing policy with errors stops the start ({@link RoutingPolicyException},
 * its message listing every error), since routing by another policy than the one configured would send tickets to the
 * wrong teams.
 *
 * <p>Settings are read from the environment, then from system properties of the same name (so that
 * {@code ./triage invoke} can pass a template's variables); an empty value counts as unset.
 */
public final class TriageServices {

    /** Directory of a model artifact to load instead of the bundled one. */
    public static final String ENV_MODEL_DIR = "TRIAGE_MODEL_DIR";
    /** A review threshold in [0, 1] that replaces the model card's. */
    public static final String ENV_REVIEW_THRESHOLD = "TRIAGE_REVIEW_THRESHOLD";
    /**
     * The routing policy: empty for the bundled one, a path (a policy folder or a lone routing CSV), or
     * {@code s3://bucket/key.csv} (a routing table alone) or {@code s3://bucket/prefix/} (a policy folder in S3).
     */
    public static final String ENV_ROUTING = "TRIAGE_ROUTING";
    /**
     * An opaque version of the routing policy (an S3 version id, a git commit), logged at start-up beside the
     * policy's location; in template.yaml, changing it publishes a new Lambda version, which reads the policy again.
     */
    public static final String ENV_ROUTING_VERSION = "TRIAGE_ROUTING_VERSION";

    private static final Logger LOG = LoggerFactory.getLogger(TriageServices.class);

    private TriageServices() {
    }

    // Initialised on first use, i.e. in the Lambda init phase (and so inside a SnapStart snapshot). A policy failure is
    // kept and rethrown as it is, so that Lambda's init error carries its message rather than an initializer error's.
    private static final class Shared {
        static final TriageService SERVICE;
        static final RoutingPolicyException FAILURE;

        static {
            TriageService service = null;
            RoutingPolicyException failure = null;
            try {
                service = fromEnvironment();
            } catch (RoutingPolicyException e) {
                failure = e;
            }
            SERVICE = service;
            FAILURE = failure;
        }
    }

    /**
     * The container-wide service, configured from the environment; built on first use.
     *
     * @throws RoutingPolicyException when {@code TRIAGE_ROUTING} names a policy that cannot be read or has errors
     */
    public static TriageService shared() {
        if (Shared.FAILURE != null) {
            throw Shared.FAILURE;
        }
        return Shared.SERVICE;
    }

    private static TriageService fromEnvironment() {
        String routing = setting(ENV_ROUTING).orElse("");
        return create(setting(ENV_MODEL_DIR).map(Path::of), thresholdSetting(), () -> routingPolicy(routing));
    }

    /**
     * A service with the model in {@code modelDir} (or the bundled model when empty) and the bundled routing policy.
     *
     * @see #create(Optional, OptionalDouble, RoutingPolicy)
     */
    public static TriageService create(Optional<Path> modelDir, OptionalDouble thresholdOverride) {
        return create(modelDir, thresholdOverride, RoutingPolicy.bundled());
    }

    /**
     * A service with the model in {@code modelDir} (or the bundled model when empty) that routes by {@code policy}.
     * Never fails on the model: without one, the service routes by rules alone and reports itself degraded.
     *
     * @param thresholdOverride a review threshold that replaces the model card's, if present
     * @param policy            a routing policy already read and checked ({@link #routingPolicy(String)})
     * @throws org.tickettriage.rules.RulesLoadException if the compiled rules are missing (a broken build)
     */
    public static TriageService create(Optional<Path> modelDir, OptionalDouble thresholdOverride, RoutingPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return create(modelDir, thresholdOverride, () -> policy);
    }

    /**
     * The routing policy a {@code TRIAGE_ROUTING} value names: blank for the bundled policy, a path for a policy
     * folder or a lone routing CSV, {@code s3://bucket/key.csv} or {@code s3://bucket/prefix/} for one in S3 (read
     * with the function's credentials; the AWS SDK is loaded for such values only).
     *
     * @throws RoutingPolicyException when the policy cannot be read or has errors; the message lists every error
     */
    public static RoutingPolicy routingPolicy(String value) {
        String location = value == null ? "" : value.strip();
        return location.isEmpty() ? RoutingPolicy.bundled() : withPolicyFiles(location, PolicyReader::read);
    }

    /**
     * Every problem of the routing policy a {@code TRIAGE_ROUTING} value names, as {@code ./triage routing check}
     * reports them, without refusing it.
     *
     * @throws RoutingPolicyException when there is no policy to read at all (no such path, an S3 folder that cannot
     *                                be listed)
     */
    public static PolicyReader.Result checkRoutingPolicy(String value) {
        String location = value == null ? "" : value.strip();
        return withPolicyFiles(location.isEmpty() ? null : location, PolicyReader::check);
    }

    /** Applies {@code reader} to the files at {@code location} (null for the bundled ones). */
    private static <T> T withPolicyFiles(String location, Function<PolicyFiles, T> reader) {
        if (location == null) {
            return reader.apply(PolicyFiles.bundled());
        }
        if (location.startsWith(S3PolicyFiles.SCHEME)) {
            return S3Policy.read(location, reader);
        }
        return reader.apply(PolicyFiles.at(Path.of(location)));
    }

    /** Kept apart so that the AWS SDK's classes load only for an {@code s3://} policy. */
    private static final class S3Policy {
        static <T> T read(String url, Function<PolicyFiles, T> reader) {
            boolean pathStyle = setting(S3Clients.ENV_PATH_STYLE).map("true"::equalsIgnoreCase).orElse(false);
            // Read once at start-up (inside a SnapStart snapshot): the client is closed with nothing left open.
            try (S3Client s3 = S3Clients.create(pathStyle)) {
                return reader.apply(S3PolicyFiles.at(s3, url));
            }
        }
    }

    private static TriageService create(Optional<Path> modelDir, OptionalDouble thresholdOverride,
                                        Supplier<RoutingPolicy> policy) {
        long started = System.nanoTime();
        // The rule base and the model share nothing and each costs a few hundred milliseconds, most of it class
        // loading: with a second core they load side by side, and with one they take as long as before. The policy
        // is read on the rules' thread too; its errors are rethrown here.
        FutureTask<TimedRouter> rules = new FutureTask<>(() -> TimedRouter.build(policy));
        Thread rulesThread = new Thread(rules, "triage-rules-loader");
        rulesThread.setDaemon(true);
        rulesThread.start();
        TicketClassifier classifier;
        try {
            classifier = modelDir.isPresent()
                    ? MaxEntTicketClassifier.load(modelDir.get())
                    : MaxEntTicketClassifier.loadBundled();
        } catch (ModelLoadException e) {
            LOG.error("No model loaded, every ticket is routed by rules alone: {}", e.getMessage());
            TriageService rulesOnly = TriageService.rulesOnly(await(rules).router(), "model not loaded: " + e.getMessage());
            logPolicy(rulesOnly, List.of());
            return rulesOnly;
        }
        long modelLoaded = System.nanoTime();
        TimedRouter router = await(rules);
        long loaded = System.nanoTime();
        TriageService service = new TriageService(classifier, router.router(), thresholdOverride);
        logPolicy(service, classifier instanceof MaxEntTicketClassifier maxEnt ? maxEnt.priorities() : List.of());
        prime(service);
        long primed = System.nanoTime();
        LOG.info("Ready in {} ms (rules {} ms and model {} {} ms side by side, first ticket {} ms); review threshold {}",
                millis(primed - started), millis(router.nanos()), classifier.modelVersion(),
                millis(modelLoaded - started), millis(primed - loaded), service.reviewThreshold());
        return service;
    }

    /**
     * Logs the policy in force and, as warnings, what an operator should fix: the policy's own warnings, the model's
     * labels no row routes, and model priorities off the policy's scale. Labels and policy lines are not customer data.
     */
    private static void logPolicy(TriageService service, List<String> modelPriorities) {
        RoutingPolicy policy = service.policy();
        LOG.info("Routing policy {} (version {}): {} routing rows, priorities {}", policy.location(),
                setting(ENV_ROUTING_VERSION).orElse("not set"), policy.table().rows().size(), policy.priorities().labels());
        for (PolicyProblem warning : policy.warnings()) {
            LOG.warn("Routing policy {}: {}", policy.location(), warning);
        }
        if (!service.unroutedLabels().isEmpty()) {
            LOG.warn("The routing policy routes the model's labels {} not at every priority: those tickets go to the"
                    + " review queue ({} lists them as unroutedLabels)", service.unroutedLabels(), "GET /health");
        }
        List<String> offScale = modelPriorities.stream().filter(p -> policy.priorities().rank(p) < 0).toList();
        if (!offScale.isEmpty()) {
            LOG.warn("The model predicts priorities {} that are not on the routing policy's scale {}: those predictions"
                    + " are ignored and the default priority applies", offScale, policy.priorities().labels());
        }
    }

    /** The router built on the loader thread, and how long the build (policy included) took. */
    private record TimedRouter(Router router, long nanos) {
        static TimedRouter build(Supplier<RoutingPolicy> policy) {
            long started = System.nanoTime();
            Router router = DroolsRouter.create(policy.get());
            return new TimedRouter(router, System.nanoTime() - started);
        }
    }

    /** The loader thread's router, or its failure rethrown here as it would have been thrown inline. */
    private static TimedRouter await(FutureTask<TimedRouter> rules) {
        boolean interrupted = false;
        try {
            while (true) {
                try {
                    return rules.get();
                } catch (InterruptedException e) {
                    interrupted = true; // start-up is not cancellable: finish it, then restore the flag
                }
            }
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            if (e.getCause() instanceof Error error) {
                throw error;
            }
            throw new IllegalStateException("building the rule base failed", e.getCause());
        } finally {
            if (interrupted) {
                Thread.currentThread().interrupt();
            }
        }
    }

    /**
     * Triages one made-up ticket so that the classes and code paths of a real request are loaded and
     * initialised during start-up (and so inside a SnapStart snapshot), not during the first request.
     */
    private static void prime(TriageService service) {
        service.triage(new Ticket("warm-up", "Warm-up ticket: the app crashes when I export my invoice",
                "Priming the classifier and the routing rules before the first request.", null, null));
    }

    private static long millis(long nanos) {
        return nanos / 1_000_000;
    }

    /**
     * A setting as every part of the function reads it: the environment variable {@code name}, else the system
     * property of the same name (how {@code ./triage invoke} passes a template's variables); blank counts as unset.
     */
    public static Optional<String> setting(String name) {
        String value = System.getenv(name);
        if (value == null || value.isBlank()) {
            value = System.getProperty(name);
        }
        return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
    }

    /** A bad threshold is a configuration mistake: reported at start-up, then the model card's is used. */
    private static OptionalDouble thresholdSetting() {
        Optional<String> raw = setting(ENV_REVIEW_THRESHOLD);
        if (raw.isEmpty()) {
            return OptionalDouble.empty();
        }
        try {
            double value = Double.parseDouble(raw.get());
            if (value >= 0.0 && value <= 1.0) {
                return OptionalDouble.of(value);
            }
        } catch (NumberFormatException e) {
            // reported below
        }
        LOG.error("{}={} is not a number in [0, 1]; using the model card's threshold", ENV_REVIEW_THRESHOLD, raw.get());
        return OptionalDouble.empty();
    }
}
