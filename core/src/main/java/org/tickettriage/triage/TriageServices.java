package org.tickettriage.triage;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.ServiceLoader;
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

/**
 * Builds the {@link TriageService} once per container: reads the routing policy, loads the model (the bundled one
 * unless configured otherwise) and the Drools rule base. A model that cannot be loaded is reported here, at start-up,
 * and the service degrades to rules alone; a routing policy with errors stops the start ({@link RoutingPolicyException},
 * its message listing every error), since routing by another policy than the one configured would send tickets to the
 * wrong teams.
 *
 * <p>What to load comes from {@link TriageSettings}: the model directory, the review threshold and the routing policy's
 * location ({@code s3://} ones through a {@link PolicyStore}).
 */
public final class TriageServices {

    private static final Logger LOG = LoggerFactory.getLogger(TriageServices.class);

    private TriageServices() {
    }

    // Initialised on first use, i.e. in the Lambda init phase (and so inside a SnapStart snapshot). A settings or policy
    // failure is kept and rethrown as it is, so that Lambda's init error carries its message rather than an initializer
    // error's.
    private static final class Shared {
        static final TriageService SERVICE;
        static final RuntimeException FAILURE;

        static {
            TriageService service = null;
            RuntimeException failure = null;
            try {
                service = create(TriageSettings.process().requireValid());
            } catch (RoutingPolicyException | InvalidSettingsException e) {
                failure = e;
            }
            SERVICE = service;
            FAILURE = failure;
        }
    }

    /**
     * The container-wide service, configured by the process's settings ({@link TriageSettings#process()}); built on
     * first use.
     *
     * @throws InvalidSettingsException when a setting's value stops the start
     * @throws RoutingPolicyException   when {@code TRIAGE_ROUTING} names a policy that cannot be read or has errors
     */
    public static TriageService shared() {
        if (Shared.FAILURE != null) {
            throw Shared.FAILURE;
        }
        return Shared.SERVICE;
    }

    /**
     * A service as {@code settings} configure it: their model directory (or the bundled model), review threshold and
     * routing policy. Logs the settings' warnings first. Never fails on the model (see
     * {@link #create(Optional, OptionalDouble, RoutingPolicy)}).
     *
     * @throws RoutingPolicyException when the routing policy cannot be read or has errors
     */
    public static TriageService create(TriageSettings settings) {
        for (TriageSettings.Problem warning : settings.warnings()) {
            LOG.warn("{}", warning.message());
        }
        return create(settings.modelDir(), settings.reviewThreshold(), settings.routingVersion(),
                () -> routingPolicy(settings.routing().orElse(""), settings), settings.languages());
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
        return create(modelDir, thresholdOverride, Optional.empty(), () -> policy, LanguageDetector.DEFAULT_LANGUAGES);
    }

    /**
     * The routing policy a {@code TRIAGE_ROUTING} value names, with the process's settings for its store
     * ({@link #routingPolicy(String, TriageSettings)}).
     *
     * @throws InvalidSettingsException when a setting's value stops the start
     */
    public static RoutingPolicy routingPolicy(String value) {
        return routingPolicy(value, TriageSettings.process().requireValid());
    }

    /**
     * The routing policy a {@code TRIAGE_ROUTING} value names: blank for the bundled policy, a path for a policy
     * folder or a lone routing CSV, or a location with a {@link PolicyStore}'s scheme, such as
     * {@code s3://bucket/key.csv} or {@code s3://bucket/prefix/} (read by the function's S3 store with its
     * credentials; the store and its libraries are loaded for such values only).
     *
     * @param settings the settings the store reads its own from (S3 addressing)
     * @throws RoutingPolicyException when the policy cannot be read or has errors; the message lists every error
     */
    public static RoutingPolicy routingPolicy(String value, TriageSettings settings) {
        String location = value == null ? "" : value.strip();
        return location.isEmpty() ? RoutingPolicy.bundled() : withPolicyFiles(location, settings, PolicyReader::read);
    }

    /**
     * Every problem of the routing policy a {@code TRIAGE_ROUTING} value names, as {@code ./triage routing check}
     * reports them, without refusing it.
     *
     * @throws RoutingPolicyException   when there is no policy to read at all (no such path, an S3 folder that cannot
     *                                  be listed, a scheme no store reads)
     * @throws InvalidSettingsException when a setting's value stops the start
     */
    public static PolicyReader.Result checkRoutingPolicy(String value) {
        return checkRoutingPolicy(value, TriageSettings.process().requireValid());
    }

    /** As {@link #checkRoutingPolicy(String)}, with {@code settings} for the policy's store. */
    public static PolicyReader.Result checkRoutingPolicy(String value, TriageSettings settings) {
        String location = value == null ? "" : value.strip();
        return withPolicyFiles(location.isEmpty() ? null : location, settings, PolicyReader::check);
    }

    /** Applies {@code reader} to the files at {@code location} (null for the bundled ones). */
    private static <T> T withPolicyFiles(String location, TriageSettings settings, Function<PolicyFiles, T> reader) {
        if (location == null) {
            return reader.apply(PolicyFiles.bundled());
        }
        String scheme = scheme(location);
        if (scheme != null) {
            return store(location, scheme).read(location, settings, reader);
        }
        return reader.apply(PolicyFiles.at(Path.of(location)));
    }

    /** The {@code name://} that starts {@code location}, or null for a path. */
    private static String scheme(String location) {
        int separator = location.indexOf("://");
        if (separator <= 0) {
            return null;
        }
        for (int i = 0; i < separator; i++) {
            char c = location.charAt(i);
            if (!(c >= 'a' && c <= 'z' || i > 0 && (c >= '0' && c <= '9' || c == '+' || c == '-' || c == '.'))) {
                return null;
            }
        }
        return location.substring(0, separator + 3);
    }

    /** The installed store that reads {@code scheme} locations. */
    private static PolicyStore store(String location, String scheme) {
        for (PolicyStore store : ServiceLoader.load(PolicyStore.class, TriageServices.class.getClassLoader())) {
            if (store.scheme().equals(scheme)) {
                return store;
            }
        }
        throw new RoutingPolicyException(location, List.of(PolicyProblem.error(null, 0,
                "no policy store reads " + scheme + " locations here (the function's jar reads s3://); give a path or"
                        + " an s3:// location")));
    }

    private static TriageService create(Optional<Path> modelDir, OptionalDouble thresholdOverride,
                                        Optional<String> routingVersion, Supplier<RoutingPolicy> policy,
                                        List<String> languageSet) {
        long started = System.nanoTime();
        // The language model (about 0.4 s of CPU) loads beside the rules and the classifier.
        FutureTask<LanguageDetector> languages = new FutureTask<>(() -> languageDetector(languageSet));
        Thread languageThread = new Thread(languages, "triage-language-loader");
        languageThread.setDaemon(true);
        languageThread.start();
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
            TriageService rulesOnly = TriageService.rulesOnly(await(rules).router(), "model not loaded: " + e.getMessage(),
                    await(languages));
            logPolicy(rulesOnly, routingVersion, List.of());
            return rulesOnly;
        }
        long modelLoaded = System.nanoTime();
        TimedRouter router = await(rules);
        long loaded = System.nanoTime();
        LanguageDetector detector = await(languages);
        TriageService service = new TriageService(classifier, router.router(), thresholdOverride, detector);
        LOG.info("Language detection: {}", detector.on() ? String.join(", ", detector.languages()) : "off");
        logPolicy(service, routingVersion,
                classifier instanceof MaxEntTicketClassifier maxEnt ? maxEnt.priorities() : List.of());
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
    private static void logPolicy(TriageService service, Optional<String> routingVersion, List<String> modelPriorities) {
        RoutingPolicy policy = service.policy();
        LOG.info("Routing policy {} (version {}): {} routing rows, priorities {}", policy.location(),
                routingVersion.orElse("not set"), policy.table().rows().size(), policy.priorities().labels());
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
    /**
     * The detector for {@code languages}.
     *
     * @throws InvalidSettingsException when a language is one the detector does not know
     */
    private static LanguageDetector languageDetector(List<String> languages) {
        try {
            return LanguageDetector.load(languages);
        } catch (IllegalArgumentException e) {
            throw new InvalidSettingsException(List.of(new TriageSettings.Problem(TriageSettings.LANGUAGES,
                    TriageSettings.LANGUAGES + ": " + e.getMessage(), true)));
        }
    }

    private static <T> T await(FutureTask<T> rules) {
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
}
