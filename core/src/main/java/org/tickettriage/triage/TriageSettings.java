package org.tickettriage.triage;

import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.format.DateTimeParseException;
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
import java.util.regex.Pattern;

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
 * @param languages        {@value #LANGUAGES}: the languages detection reports (ISO 639-1, lower case); empty when
 *                         detection is off ({@code none})
 * @param zendesk          the Zendesk connector's settings ({@code TRIAGE_ZENDESK_*})
 * @param github           the GitHub connector's settings ({@code TRIAGE_GITHUB_*})
 * @param webhooksOnAws    where the connector functions in AWS keep their secrets, deliveries and write-backs
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
        List<String> languages,
        Zendesk zendesk,
        GitHub github,
        WebhooksOnAws webhooksOnAws,
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
    /**
     * The languages detection reports, comma-separated ISO 639-1 codes (default {@code en,de,fr,es,pt,it,nl}), or
     * {@code none} to turn detection off: a ticket in another language gets {@code und} (docs/LANGUAGES.md).
     */
    public static final String LANGUAGES = "TRIAGE_LANGUAGES";

    /** The Zendesk account's URL, {@code https://<subdomain>.zendesk.com}: set, the Zendesk connector is on. */
    public static final String ZENDESK_URL = "TRIAGE_ZENDESK_URL";
    /** The email address of the agent whose API token writes back. */
    public static final String ZENDESK_EMAIL = "TRIAGE_ZENDESK_EMAIL";
    /** The Zendesk API token (a secret; in AWS, a key of the connector's Secrets Manager secret). */
    public static final String ZENDESK_API_TOKEN = "TRIAGE_ZENDESK_API_TOKEN";
    /** The Zendesk webhook's signing secret (a secret; in AWS, a key of the connector's Secrets Manager secret). */
    public static final String ZENDESK_WEBHOOK_SECRET = "TRIAGE_ZENDESK_WEBHOOK_SECRET";
    /** The only Zendesk account whose events are processed (digits); unset for any. */
    public static final String ZENDESK_ACCOUNT_ID = "TRIAGE_ZENDESK_ACCOUNT_ID";
    /** How far a Zendesk signature's timestamp may be from now, as an ISO-8601 duration (default PT5M). */
    public static final String ZENDESK_REPLAY_WINDOW = "TRIAGE_ZENDESK_REPLAY_WINDOW";
    /** GitHub's REST API: the public one by default, {@code https://HOST/api/v3} for GitHub Enterprise Server. */
    public static final String GITHUB_API_URL = "TRIAGE_GITHUB_API_URL";
    /** The GitHub token that writes labels and comments (a secret; issues read and write). */
    public static final String GITHUB_TOKEN = "TRIAGE_GITHUB_TOKEN";
    /** The GitHub webhook's secret (a secret): set, with the token, the GitHub connector is on. */
    public static final String GITHUB_WEBHOOK_SECRET = "TRIAGE_GITHUB_WEBHOOK_SECRET";
    /** The only repositories processed, comma-separated {@code owner/repo} or {@code owner/*}; unset for any. */
    public static final String GITHUB_REPOSITORIES = "TRIAGE_GITHUB_REPOSITORIES";
    /** The login the GitHub token acts as ({@code my-app[bot]}): events it sends are ignored. */
    public static final String GITHUB_BOT_LOGIN = "TRIAGE_GITHUB_BOT_LOGIN";
    /** The prefix of the labels the GitHub connector names (default {@value #DEFAULT_GITHUB_LABEL_PREFIX}). */
    public static final String GITHUB_LABEL_PREFIX = "TRIAGE_GITHUB_LABEL_PREFIX";
    /** {@code true} to post one comment saying what was decided and why (default false). */
    public static final String GITHUB_COMMENT = "TRIAGE_GITHUB_COMMENT";
    /** ARN of the Secrets Manager secret holding the Zendesk connector's secrets and email (AWS). */
    public static final String ZENDESK_SECRET_ARN = "TRIAGE_ZENDESK_SECRET_ARN";
    /** ARN of the Secrets Manager secret holding the GitHub connector's secrets (AWS). */
    public static final String GITHUB_SECRET_ARN = "TRIAGE_GITHUB_SECRET_ARN";
    /** DynamoDB table of the webhook deliveries already accepted (AWS). */
    public static final String DELIVERY_TABLE = "TRIAGE_DELIVERY_TABLE";
    /** Days a webhook delivery is remembered, so that a repeat of it is not written back twice. */
    public static final String DELIVERY_RETENTION_DAYS = "TRIAGE_DELIVERY_RETENTION_DAYS";
    /** URL of the SQS queue of write-backs waiting for the writer (AWS). */
    public static final String WRITE_BACK_QUEUE_URL = "TRIAGE_WRITE_BACK_QUEUE_URL";
    /** URL of the SQS queue of write-backs given up on (AWS). */
    public static final String DEAD_LETTER_QUEUE_URL = "TRIAGE_DEAD_LETTER_QUEUE_URL";

    /** Every variable read here, in the order of the documentation's table. */
    public static final List<String> VARIABLES = List.of(MODEL_DIR, REVIEW_THRESHOLD, ROUTING, ROUTING_VERSION,
            S3_PATH_STYLE, METRICS, METRICS_NAMESPACE, SERVICE, LOG_FORMAT, LOG_LEVEL, LANGUAGES,
            ZENDESK_URL, ZENDESK_EMAIL, ZENDESK_API_TOKEN, ZENDESK_WEBHOOK_SECRET, ZENDESK_ACCOUNT_ID, ZENDESK_REPLAY_WINDOW,
            GITHUB_API_URL, GITHUB_TOKEN, GITHUB_WEBHOOK_SECRET, GITHUB_REPOSITORIES, GITHUB_BOT_LOGIN, GITHUB_LABEL_PREFIX,
            GITHUB_COMMENT, ZENDESK_SECRET_ARN, GITHUB_SECRET_ARN, DELIVERY_TABLE, DELIVERY_RETENTION_DAYS,
            WRITE_BACK_QUEUE_URL, DEAD_LETTER_QUEUE_URL);

    /** How long a delivery is remembered when {@value #DELIVERY_RETENTION_DAYS} is unset: GitHub redelivers for 3 days. */
    public static final int DEFAULT_DELIVERY_RETENTION_DAYS = 7;
    /** The longest retention accepted, in days. */
    public static final int MAX_DELIVERY_RETENTION_DAYS = 365;

    /** The public GitHub API. */
    public static final URI DEFAULT_GITHUB_API_URL = URI.create("https://api.github.com");
    public static final String DEFAULT_GITHUB_LABEL_PREFIX = "triage:";
    public static final Duration DEFAULT_ZENDESK_REPLAY_WINDOW = Duration.ofMinutes(5);
    /** The longest replay window accepted: a longer one would let a captured delivery be replayed for longer. */
    public static final Duration MAX_ZENDESK_REPLAY_WINDOW = Duration.ofHours(1);
    // GitHub's rules: an account of letters, digits and inner hyphens (39 at most); a repository of letters, digits,
    // '.', '_' and '-' (100 at most), or * for all of the account's.
    private static final Pattern GITHUB_REPOSITORY =
            Pattern.compile("[A-Za-z0-9](?:[A-Za-z0-9-]{0,37}[A-Za-z0-9])?/(?:\\*|(?!\\.{1,2}$)[A-Za-z0-9._-]{1,100})");

    private static final Pattern LANGUAGE = Pattern.compile("(?i)[a-z]{2}|none");

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

    /**
     * The Zendesk connector's settings: on when {@link #url()} is present. The secrets are here for local use; in AWS
     * they come from Secrets Manager instead.
     *
     * @param url           {@value #ZENDESK_URL}
     * @param email         {@value #ZENDESK_EMAIL}
     * @param apiToken      {@value #ZENDESK_API_TOKEN}
     * @param webhookSecret {@value #ZENDESK_WEBHOOK_SECRET}
     * @param accountId     {@value #ZENDESK_ACCOUNT_ID}
     * @param replayWindow  {@value #ZENDESK_REPLAY_WINDOW}
     */
    public record Zendesk(Optional<URI> url, Optional<String> email, Optional<Secret> apiToken,
                          Optional<Secret> webhookSecret, Optional<String> accountId, Duration replayWindow) {
    }

    /**
     * The GitHub connector's settings: on when the webhook secret or the token is present (locally here, in AWS in
     * Secrets Manager).
     *
     * @param apiUrl        {@value #GITHUB_API_URL}
     * @param token         {@value #GITHUB_TOKEN}
     * @param webhookSecret {@value #GITHUB_WEBHOOK_SECRET}
     * @param repositories  {@value #GITHUB_REPOSITORIES}: {@code owner/repo} or {@code owner/*}; empty for any
     * @param botLogin      {@value #GITHUB_BOT_LOGIN}
     * @param labelPrefix   {@value #GITHUB_LABEL_PREFIX}
     * @param comment       {@value #GITHUB_COMMENT}
     */
    public record GitHub(URI apiUrl, Optional<Secret> token, Optional<Secret> webhookSecret, List<String> repositories,
                         Optional<String> botLogin, String labelPrefix, boolean comment) {

        public GitHub {
            repositories = List.copyOf(repositories);
        }
    }

    /**
     * Where the connector functions in AWS keep what the connectors' ports stand for ({@code function} reads these;
     * {@code ./triage serve} keeps all of it in memory and its secrets in the variables above).
     *
     * @param zendeskSecretArn  {@value #ZENDESK_SECRET_ARN}
     * @param gitHubSecretArn   {@value #GITHUB_SECRET_ARN}
     * @param deliveryTable     {@value #DELIVERY_TABLE}
     * @param deliveryRetention {@value #DELIVERY_RETENTION_DAYS}, as a duration
     * @param writeBackQueueUrl {@value #WRITE_BACK_QUEUE_URL}
     * @param deadLetterQueueUrl {@value #DEAD_LETTER_QUEUE_URL}
     */
    public record WebhooksOnAws(Optional<String> zendeskSecretArn, Optional<String> gitHubSecretArn,
                                Optional<String> deliveryTable, Duration deliveryRetention,
                                Optional<URI> writeBackQueueUrl, Optional<URI> deadLetterQueueUrl) {
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
        languages = List.copyOf(languages);
        Objects.requireNonNull(zendesk, "zendesk");
        Objects.requireNonNull(github, "github");
        Objects.requireNonNull(webhooksOnAws, "webhooksOnAws");
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
                languages(read.list(LANGUAGES, LANGUAGE, "is not a comma-separated list of ISO 639-1 codes (en,de) or none")),
                new Zendesk(read.url(ZENDESK_URL), read.email(ZENDESK_EMAIL), read.secret(ZENDESK_API_TOKEN),
                        read.secret(ZENDESK_WEBHOOK_SECRET), read.digits(ZENDESK_ACCOUNT_ID),
                        read.window(ZENDESK_REPLAY_WINDOW, DEFAULT_ZENDESK_REPLAY_WINDOW, MAX_ZENDESK_REPLAY_WINDOW)),
                new GitHub(read.url(GITHUB_API_URL).orElse(DEFAULT_GITHUB_API_URL), read.secret(GITHUB_TOKEN),
                        read.secret(GITHUB_WEBHOOK_SECRET), read.list(GITHUB_REPOSITORIES, GITHUB_REPOSITORY,
                                "is not a comma-separated list of owner/repository or owner/*"),
                        read.text(GITHUB_BOT_LOGIN), read.text(GITHUB_LABEL_PREFIX).orElse(DEFAULT_GITHUB_LABEL_PREFIX),
                        read.bool(GITHUB_COMMENT, false)),
                new WebhooksOnAws(read.text(ZENDESK_SECRET_ARN), read.text(GITHUB_SECRET_ARN), read.text(DELIVERY_TABLE),
                        Duration.ofDays(read.count(DELIVERY_RETENTION_DAYS, DEFAULT_DELIVERY_RETENTION_DAYS,
                                MAX_DELIVERY_RETENTION_DAYS)),
                        read.url(WRITE_BACK_QUEUE_URL), read.url(DEAD_LETTER_QUEUE_URL)),
                read.problems());
    }

    /** The languages to detect: the default set when unset, none for {@code none}, else those named, lower-cased. */
    private static List<String> languages(List<String> named) {
        if (named.isEmpty()) {
            return LanguageDetector.DEFAULT_LANGUAGES;
        }
        if (named.stream().anyMatch(name -> name.equalsIgnoreCase("none"))) {
            return List.of();
        }
        return named.stream().map(name -> name.toLowerCase(java.util.Locale.ROOT)).distinct().toList();
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
                metrics, metricsNamespace, metricsService, logFormat, logLevel, languages, zendesk, github, webhooksOnAws,
                problems);
    }

    /** These settings with {@code location} as the routing policy (command-line options win over the environment). */
    public TriageSettings withRouting(String location) {
        return new TriageSettings(modelDir, reviewThreshold, Optional.ofNullable(location).filter(l -> !l.isBlank()),
                routingVersion, s3PathStyle, metrics, metricsNamespace, metricsService, logFormat, logLevel, languages,
                zendesk, github, webhooksOnAws, problems);
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

        /**
         * An http or https URL with a host and neither credentials, query nor fragment; anything else stops the start
         * (a connector pointed at a wrong address would send its credentials there).
         */
        Optional<URI> url(String name) {
            return parse(name, text -> {
                try {
                    URI uri = new URI(text);
                    String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
                    if (!(scheme.equals("https") || scheme.equals("http")) || uri.getHost() == null
                            || uri.getRawUserInfo() != null || uri.getRawQuery() != null || uri.getRawFragment() != null) {
                        throw new IllegalArgumentException("not an http(s) URL");
                    }
                    return uri;
                } catch (URISyntaxException e) {
                    throw new IllegalArgumentException("not a URL", e);
                }
            }, true, "is not an https:// URL (no credentials, query or fragment)");
        }

        /** One email address; anything else stops the start. */
        Optional<String> email(String name) {
            return parse(name, text -> {
                if (!EmailAddress.isPlausible(text)) {
                    throw new IllegalArgumentException("not an email address");
                }
                return text;
            }, true, "is not one email address");
        }

        /** A secret: never parsed, never echoed in a message. */
        Optional<Secret> secret(String name) {
            return text(name).map(Secret::of);
        }

        /** Digits only (an id); anything else stops the start. */
        Optional<String> digits(String name) {
            return parse(name, text -> {
                if (!text.matches("[0-9]{1,19}")) {
                    throw new IllegalArgumentException("not digits");
                }
                return text;
            }, true, "is not an id of digits only");
        }

        /** A comma-separated list whose every item matches {@code item}; anything else stops the start. */
        List<String> list(String name, Pattern item, String whatIsWrong) {
            return parse(name, text -> {
                List<String> items = new ArrayList<>();
                for (String part : text.split(",")) {
                    String value = part.strip();
                    if (!item.matcher(value).matches()) {
                        throw new IllegalArgumentException("bad item");
                    }
                    items.add(value);
                }
                return List.copyOf(items);
            }, true, whatIsWrong).orElse(List.of());
        }

        /** An ISO-8601 duration above zero and at most {@code max}; an invalid one is a warning, and the default applies. */
        Duration window(String name, Duration fallback, Duration max) {
            return parse(name, text -> {
                try {
                    Duration duration = Duration.parse(text);
                    if (duration.isNegative() || duration.isZero() || duration.compareTo(max) > 0) {
                        throw new IllegalArgumentException("out of range");
                    }
                    return duration;
                } catch (DateTimeParseException e) {
                    throw new IllegalArgumentException("not a duration", e);
                }
            }, false, "is not an ISO-8601 duration above zero and at most " + max + "; " + fallback + " applies")
                    .orElse(fallback);
        }

        /** A whole number from 1 to {@code max}; an invalid one is a warning, and {@code fallback} applies. */
        int count(String name, int fallback, int max) {
            return parse(name, text -> {
                int number = Integer.parseInt(text);
                if (number < 1 || number > max) {
                    throw new IllegalArgumentException("out of range");
                }
                return number;
            }, false, "is not a whole number from 1 to " + max + "; " + fallback + " applies").orElse(fallback);
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
