package org.tickettriage.triage;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.function.Function;

/**
 * Every setting the service, the Lambda handlers and the local commands read from the environment, typed, read in one
 * place and by one set of rules (docs/OPERATIONS.md, "Configuration", lists them):
 * <ul>
 *   <li>a blank value counts as unset, and values are stripped;</li>
 *   <li>an invalid value is a {@link Problem} naming the variable: either it stops the start
 *       ({@link #requireValid()} throws {@link InvalidSettingsException}, listing every such problem), or its default
 *       applies and the problem is a warning, logged once at start-up. Which one is a property of the variable, below.</li>
 * </ul>
 * The variable names are contracts (template.yaml sets them): change one only on purpose.
 *
 * <p>Adding a variable: its name as a constant, a component, and the line of {@link #fromEnvironment(Map)} that reads it
 * with one of {@link Reader}'s parsers (each says what is valid, the default, and whether an invalid value stops the
 * start); then its row in docs/OPERATIONS.md, which {@code TriageSettingsTest} compares with {@link #VARIABLES}.
 *
 * @param modelDir         {@value #MODEL_DIR}: a model directory to load instead of the bundled model
 * @param reviewThreshold  {@value #REVIEW_THRESHOLD}: a review threshold in [0, 1] that replaces the model card's
 * @param routing          {@value #ROUTING}: the routing policy's location (a path, or {@code s3://...}); empty for
 *                         the bundled policy
 * @param routingVersion   {@value #ROUTING_VERSION}: an opaque version of the policy, logged at start-up
 * @param s3PathStyle      {@value #S3_PATH_STYLE}: address S3 buckets by path (S3-compatible servers on localhost)
 * @param metrics          {@value #METRICS}: where metrics records go
 * @param metricsNamespace {@value #METRICS_NAMESPACE}: the CloudWatch namespace of every metric
 * @param metricsService   {@value #SERVICE}: the value of the metrics' {@code Service} dimension
 * @param logFormat        {@value #LOG_FORMAT}: the Lambda runtime's log format (JSON lines or text)
 * @param logLevel         {@value #LOG_LEVEL}: the Lambda runtime's application log level
 * @param problems         the invalid values found, in the order of {@link #VARIABLES}
 */
public record TriageSettings(
        Optional<Path> modelDir,
        OptionalDouble reviewThreshold,
        Optional<String> routing,
        Optional<String> routingVersion,
        boolean s3PathStyle,
        MetricsOutput metrics,
        String metricsNamespace,
        String metricsService,
        LogFormat logFormat,
        LogLevel logLevel,
        List<Problem> problems) {

    /** Directory of a model artifact to load instead of the bundled one. */
    public static final String MODEL_DIR = "TRIAGE_MODEL_DIR";
    /** A review threshold in [0, 1] that replaces the model card's. */
    public static final String REVIEW_THRESHOLD = "TRIAGE_REVIEW_THRESHOLD";
    /**
     * The routing policy: empty for the bundled one, a path (a policy folder or a lone routing CSV), or
     * {@code s3://bucket/key.csv} (a routing table alone) or {@code s3://bucket/prefix/} (a policy folder in S3).
     */
    public static final String ROUTING = "TRIAGE_ROUTING";
    /**
     * An opaque version of the routing policy (an S3 version id, a git commit), logged at start-up beside the
     * policy's location; in template.yaml, changing it publishes a new Lambda version, which reads the policy again.
     */
    public static final String ROUTING_VERSION = "TRIAGE_ROUTING_VERSION";
    /** {@code true} to address S3 buckets by path, as S3-compatible servers on localhost need. */
    public static final String S3_PATH_STYLE = "TRIAGE_S3_PATH_STYLE";
    /** Where metrics records go: {@code stdout} (the default, as Lambda reads them), {@code stderr} or {@code off}. */
    public static final String METRICS = "TRIAGE_METRICS";
    /** CloudWatch namespace of every metric (default {@value #DEFAULT_METRICS_NAMESPACE}). */
    public static final String METRICS_NAMESPACE = "TRIAGE_METRICS_NAMESPACE";
    /** The value of the metrics' {@code Service} dimension: the stack name in AWS (default {@value #DEFAULT_SERVICE}). */
    public static final String SERVICE = "TRIAGE_SERVICE";
    /** Set by the Lambda runtime from the function's LoggingConfig: {@code JSON} for JSON lines, else text. */
    public static final String LOG_FORMAT = "AWS_LAMBDA_LOG_FORMAT";
    /** Set by the Lambda runtime from the function's LoggingConfig: TRACE, DEBUG, INFO, WARN, ERROR or FATAL. */
    public static final String LOG_LEVEL = "AWS_LAMBDA_LOG_LEVEL";

    /** Every variable read here, in the order of the documentation's table. */
    public static final List<String> VARIABLES = List.of(MODEL_DIR, REVIEW_THRESHOLD, ROUTING, ROUTING_VERSION,
            S3_PATH_STYLE, METRICS, METRICS_NAMESPACE, SERVICE, LOG_FORMAT, LOG_LEVEL);

    public static final String DEFAULT_METRICS_NAMESPACE = "TicketTriage";
    public static final String DEFAULT_SERVICE = "ticket-triage";

    /** Where metrics records go. */
    public enum MetricsOutput { STDOUT, STDERR, OFF }

    /** The log format the Lambda runtime asks for. */
    public enum LogFormat { TEXT, JSON }

    /** The log levels of the Lambda runtime's {@code AWS_LAMBDA_LOG_LEVEL}, lowest first. */
    public enum LogLevel { TRACE, DEBUG, INFO, WARN, ERROR, FATAL }

    /**
     * An invalid value.
     *
     * @param variable  the variable's name
     * @param message   what is wrong and what applies instead, naming the variable (never echoing more than the value)
     * @param stopsStart whether it stops the start ({@link #requireValid()}) rather than falling back to the default
     */
    public record Problem(String variable, String message, boolean stopsStart) {
        @Override
        public String toString() {
            return message;
        }
    }

    public TriageSettings {
        Objects.requireNonNull(modelDir, "modelDir");
        Objects.requireNonNull(reviewThreshold, "reviewThreshold");
        Objects.requireNonNull(routing, "routing");
        Objects.requireNonNull(routingVersion, "routingVersion");
        Objects.requireNonNull(metrics, "metrics");
        Objects.requireNonNull(metricsNamespace, "metricsNamespace");
        Objects.requireNonNull(metricsService, "metricsService");
        Objects.requireNonNull(logFormat, "logFormat");
        Objects.requireNonNull(logLevel, "logLevel");
        problems = List.copyOf(problems);
    }

    /**
     * The settings {@code environment} (variable name to value) holds. Never throws: invalid values are
     * {@link #problems()}, and their defaults apply.
     */
    public static TriageSettings fromEnvironment(Map<String, String> environment) {
        Reader read = new Reader(environment);
        return new TriageSettings(
                read.path(MODEL_DIR),
                read.fraction(REVIEW_THRESHOLD, "the model card's threshold applies"),
                read.text(ROUTING),
                read.text(ROUTING_VERSION),
                read.bool(S3_PATH_STYLE, false),
                read.choice(METRICS, MetricsOutput.class, MetricsOutput.STDOUT),
                read.text(METRICS_NAMESPACE).orElse(DEFAULT_METRICS_NAMESPACE),
                read.text(SERVICE).orElse(DEFAULT_SERVICE),
                read.choice(LOG_FORMAT, LogFormat.class, LogFormat.TEXT),
                read.choice(LOG_LEVEL, LogLevel.class, LogLevel.INFO),
                read.problems());
    }

    /** The settings of this process, read once on first use: see {@link #processEnvironment()}. Never throws. */
    public static TriageSettings process() {
        return Process.SETTINGS;
    }

    /**
     * What this process's settings are read from: each variable of {@link #VARIABLES} from the environment or, where
     * the environment leaves it unset or blank, from the system property of the same name. {@code ./triage invoke}
     * passes a template's variables that way (Java cannot change its own environment), and tests their settings.
     */
    public static Map<String, String> processEnvironment() {
        Map<String, String> values = new HashMap<>();
        for (String name : VARIABLES) {
            String value = System.getenv(name);
            if (value == null || value.isBlank()) {
                value = System.getProperty(name);
            }
            if (value != null) {
                values.put(name, value);
            }
        }
        return values;
    }

    // Initialised on first use, i.e. in the Lambda init phase (and so inside a SnapStart snapshot).
    private static final class Process {
        static final TriageSettings SETTINGS = fromEnvironment(processEnvironment());
    }

    /**
     * These settings, if no invalid value stops the start.
     *
     * @throws InvalidSettingsException listing every value that does
     */
    public TriageSettings requireValid() {
        List<Problem> fatal = problems.stream().filter(Problem::stopsStart).toList();
        if (!fatal.isEmpty()) {
            throw new InvalidSettingsException(fatal);
        }
        return this;
    }

    /** The invalid values whose default applies instead: warnings for the start-up log. */
    public List<Problem> warnings() {
        return problems.stream().filter(p -> !p.stopsStart()).toList();
    }

    /** These settings with {@code dir} as the model directory (command-line options win over the environment). */
    public TriageSettings withModelDir(Path dir) {
        return new TriageSettings(Optional.ofNullable(dir), reviewThreshold, routing, routingVersion, s3PathStyle,
                metrics, metricsNamespace, metricsService, logFormat, logLevel, problems);
    }

    /** These settings with {@code location} as the routing policy (command-line options win over the environment). */
    public TriageSettings withRouting(String location) {
        return new TriageSettings(modelDir, reviewThreshold, Optional.ofNullable(location).filter(l -> !l.isBlank()),
                routingVersion, s3PathStyle, metrics, metricsNamespace, metricsService, logFormat, logLevel, problems);
    }

    /** The values of one environment, parsed by the rules above; collects the problems. */
    static final class Reader {

        private final Map<String, String> environment;
        private final List<Problem> problems = new ArrayList<>();

        Reader(Map<String, String> environment) {
            this.environment = Objects.requireNonNull(environment, "environment");
        }

        /** The value, stripped; empty when unset or blank. */
        Optional<String> text(String name) {
            String value = environment.get(name);
            return value == null || value.isBlank() ? Optional.empty() : Optional.of(value.strip());
        }

        /** A path; a value that is no path stops the start. */
        Optional<Path> path(String name) {
            return parse(name, value -> Path.of(value), true, "is not a path");
        }

        /** A number in [0, 1]; an invalid one is a warning, and {@code fallback} says what applies instead. */
        OptionalDouble fraction(String name, String fallback) {
            Optional<Double> value = parse(name, text -> {
                double number = Double.parseDouble(text);
                if (!(number >= 0.0 && number <= 1.0)) {
                    throw new IllegalArgumentException("out of range");
                }
                return number;
            }, false, "is not a number in [0, 1]; " + fallback);
            return value.map(OptionalDouble::of).orElse(OptionalDouble.empty());
        }

        /**
         * {@code true} or {@code false} (any case); anything else stops the start, since a misspelt switch would do
         * the opposite of what was meant without a word.
         */
        boolean bool(String name, boolean fallback) {
            return parse(name, text -> switch (text.toLowerCase(Locale.ROOT)) {
                case "true" -> true;
                case "false" -> false;
                default -> throw new IllegalArgumentException("not a boolean");
            }, true, "is neither true nor false").orElse(fallback);
        }

        /** One of {@code type}'s constants (any case); anything else is a warning, and {@code fallback} applies. */
        <E extends Enum<E>> E choice(String name, Class<E> type, E fallback) {
            List<String> names = Arrays.stream(type.getEnumConstants())
                    .map(e -> e.name().toLowerCase(Locale.ROOT)).toList();
            return parse(name, text -> Enum.valueOf(type, text.toUpperCase(Locale.ROOT)), false,
                    "is not one of " + String.join(", ", names) + "; " + fallback.name().toLowerCase(Locale.ROOT)
                            + " applies").orElse(fallback);
        }

        List<Problem> problems() {
            return problems;
        }

        private <T> Optional<T> parse(String name, Function<String, T> parser, boolean stopsStart, String whatIsWrong) {
            Optional<String> value = text(name);
            if (value.isEmpty()) {
                return Optional.empty();
            }
            try {
                return Optional.of(parser.apply(value.get()));
            } catch (IllegalArgumentException e) { // NumberFormatException and InvalidPathException among them
                problems.add(new Problem(name, name + "=" + value.get() + " " + whatIsWrong, stopsStart));
                return Optional.empty();
            }
        }
    }
}
