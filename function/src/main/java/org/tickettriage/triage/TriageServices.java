package org.tickettriage.triage;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.FutureTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tickettriage.classifier.MalletTicketClassifier;
import org.tickettriage.classifier.ModelLoadException;
import org.tickettriage.classifier.TicketClassifier;
import org.tickettriage.rules.DroolsRouter;
import org.tickettriage.rules.Router;

/**
 * Builds the {@link TriageService} once per container: loads the model (the bundled one unless
 * configured otherwise) and the Drools rule base. A model that cannot be loaded is reported here,
 * at start-up, and the service degrades to rules alone.
 *
 * <p>Settings are read from the environment, then from system properties of the same name (so that
 * {@code ./triage invoke} can pass a template's variables); an empty value counts as unset.
 */
public final class TriageServices {

    /** Directory of a model artifact to load instead of the bundled one. */
    public static final String ENV_MODEL_DIR = "TRIAGE_MODEL_DIR";
    /** A review threshold in [0, 1] that replaces the model card's. */
    public static final String ENV_REVIEW_THRESHOLD = "TRIAGE_REVIEW_THRESHOLD";

    private static final Logger LOG = LoggerFactory.getLogger(TriageServices.class);

    private TriageServices() {
    }

    // Initialised on first use, i.e. in the Lambda init phase (and so inside a SnapStart snapshot).
    private static final class Shared {
        static final TriageService SERVICE = fromEnvironment();
    }

    /** The container-wide service, configured from the environment; built on first use. */
    public static TriageService shared() {
        return Shared.SERVICE;
    }

    private static TriageService fromEnvironment() {
        return create(setting(ENV_MODEL_DIR).map(Path::of), thresholdSetting());
    }

    /**
     * A service with the model in {@code modelDir} (or the bundled model when empty). Never fails on
     * the model: without one, the service routes by rules alone and reports itself degraded.
     *
     * @param thresholdOverride a review threshold that replaces the model card's, if present
     * @throws org.tickettriage.rules.RulesLoadException if the compiled rules are missing (a broken build)
     */
    public static TriageService create(Optional<Path> modelDir, OptionalDouble thresholdOverride) {
        long started = System.nanoTime();
        // The rule base and the model share nothing and each costs a few hundred milliseconds, most of it class
        // loading: with a second core they load side by side, and with one they take as long as before.
        FutureTask<TimedRouter> rules = new FutureTask<>(TimedRouter::build);
        Thread rulesThread = new Thread(rules, "triage-rules-loader");
        rulesThread.setDaemon(true);
        rulesThread.start();
        TicketClassifier classifier;
        try {
            classifier = modelDir.isPresent()
                    ? MalletTicketClassifier.load(modelDir.get())
                    : MalletTicketClassifier.loadBundled();
        } catch (ModelLoadException e) {
            LOG.error("No model loaded, every ticket is routed by rules alone: {}", e.getMessage());
            return TriageService.rulesOnly(await(rules).router(), "model not loaded: " + e.getMessage());
        }
        long modelLoaded = System.nanoTime();
        TimedRouter router = await(rules);
        long loaded = System.nanoTime();
        TriageService service = new TriageService(classifier, router.router(), thresholdOverride);
        prime(service);
        long primed = System.nanoTime();
        LOG.info("Ready in {} ms (rules {} ms and model {} {} ms side by side, first ticket {} ms); review threshold {}",
                millis(primed - started), millis(router.nanos()), classifier.modelVersion(),
                millis(modelLoaded - started), millis(primed - loaded), service.reviewThreshold());
        return service;
    }

    /** The router built on the loader thread, and how long the build took. */
    private record TimedRouter(Router router, long nanos) {
        static TimedRouter build() {
            long started = System.nanoTime();
            Router router = DroolsRouter.create();
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
