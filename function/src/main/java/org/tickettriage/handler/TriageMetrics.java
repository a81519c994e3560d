package org.tickettriage.handler;

import java.io.PrintStream;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tickettriage.email.EmailOutcome;
import org.tickettriage.triage.TriageResult;
import org.tickettriage.triage.TriageSettings;
import software.amazon.cloudwatchlogs.emf.environment.Environment;
import software.amazon.cloudwatchlogs.emf.logger.MetricsLogger;
import software.amazon.cloudwatchlogs.emf.model.DimensionSet;
import software.amazon.cloudwatchlogs.emf.model.MetricsContext;
import software.amazon.cloudwatchlogs.emf.model.Unit;
import software.amazon.cloudwatchlogs.emf.sinks.ISink;

/**
 * What operators watch, as CloudWatch Embedded Metric Format records (aws-embedded-metrics): one JSON line per record
 * in the function's log, which CloudWatch turns into metrics. The names and dimensions are a contract with the
 * alarms and the dashboard in {@code template.yaml} and with docs/OPERATIONS.md.
 *
 * <p>Dimension sets are small and fixed, so that a taxonomy of 77 categories does not multiply every metric: the
 * service-level record has the {@value #SERVICE} dimension only; ticket counts are broken down by who decided, the
 * priority, the category and the language in a second record, the category bounded to the model's first
 * {@value #MAX_CATEGORIES} labels (the rest count as {@value #OTHER}).
 *
 * <p>Thread-safe: each invocation records into its own {@link Invocation}, flushed once at its end.
 */
public final class TriageMetrics {

    public static final String DEFAULT_NAMESPACE = TriageSettings.DEFAULT_METRICS_NAMESPACE;
    public static final String DEFAULT_SERVICE = TriageSettings.DEFAULT_SERVICE;

    /** 1 per ticket triaged. */
    public static final String TICKETS = "Tickets";
    /** 0 or 1 per ticket: its Average is the review rate, its Sum the tickets sent to review. */
    public static final String NEEDS_REVIEW = "NeedsReview";
    /** 0 or 1 per ticket: 1 when an escalation rule raised its priority. */
    public static final String ESCALATED = "Escalated";
    /** 0 or 1 per ticket: 1 when no model is loaded and rules alone decide. */
    public static final String DEGRADED = "Degraded";
    /** The model's probability for its top category, per ticket classified by a model. */
    public static final String CONFIDENCE = "Confidence";
    /** Time to validate, classify and route one ticket, in microseconds. */
    public static final String TRIAGE_LATENCY = "TriageLatency";
    /** Tickets in one {@code POST /classify/batch} request. */
    public static final String BATCH_SIZE = "BatchSize";
    /** 1 per email record, by outcome and by reason. */
    public static final String EMAILS = "Emails";

    public static final String SERVICE = "Service";
    public static final String DECIDED_BY = "DecidedBy";
    public static final String PRIORITY = "Priority";
    public static final String CATEGORY = "Category";
    /** The ticket's language: an ISO 639-1 code (bounded: about 190 values) or {@code und}. */
    public static final String LANGUAGE = "Language";
    public static final String OUTCOME = "Outcome";
    public static final String REASON = "Reason";

    /** Categories beyond the model's first this many count as {@value #OTHER}. */
    public static final int MAX_CATEGORIES = 20;
    /** The dimension value of a category outside the bounded set, or of a value CloudWatch would refuse. */
    public static final String OTHER = "Other";
    /** The {@value #REASON} of an email that was triaged (it has no reason). */
    public static final String NO_REASON = "none";
    /** The {@value #OUTCOME} of an email record that failed and will be retried by Lambda. */
    public static final String FAILED = "failed";

    private static final Logger LOG = LoggerFactory.getLogger(TriageMetrics.class);
    private static final TriageMetrics OFF = new TriageMetrics(null, DEFAULT_NAMESPACE, DEFAULT_SERVICE, "INFO");

    private final Consumer<String> lines;
    private final String namespace;
    private final String service;
    private final String level;
    private final Environment environment;

    private TriageMetrics(Consumer<String> lines, String namespace, String service, String level) {
        this.lines = lines;
        this.namespace = namespace;
        this.service = service;
        this.level = level;
        this.environment = lines == null ? null : new LineEnvironment(service, lines);
    }

    // Read on first use, i.e. in the Lambda init phase. An invalid TRIAGE_METRICS is one of the settings' warnings,
    // logged when the service starts: its default applies here.
    private static final class Shared {
        static final TriageMetrics METRICS = from(TriageSettings.process());
    }

    /** The container-wide metrics, configured by the process's settings ({@link TriageSettings#process()}). */
    public static TriageMetrics shared() {
        return Shared.METRICS;
    }

    /**
     * Metrics as {@code settings} configure them: {@code TRIAGE_METRICS} (where records go), the namespace and the
     * service, each record tagged with the log level ({@link #emfLevel(String)}).
     */
    public static TriageMetrics from(TriageSettings settings) {
        PrintStream stream = switch (settings.metrics()) {
            case OFF -> null;
            case STDERR -> System.err;
            case STDOUT -> System.out;
        };
        return stream == null ? OFF : new TriageMetrics(stream::println, settings.metricsNamespace(),
                settings.metricsService(), emfLevel(settings.logLevel().name()));
    }

    /** Metrics that record nothing (tests, tools). */
    public static TriageMetrics off() {
        return OFF;
    }

    /**
     * Metrics whose records, one JSON document each, go to {@code lines}, tagged with the process's log level
     * ({@code AWS_LAMBDA_LOG_LEVEL}).
     */
    public static TriageMetrics to(Consumer<String> lines, String namespace, String service) {
        return new TriageMetrics(Objects.requireNonNull(lines, "lines"), namespace, service,
                emfLevel(TriageSettings.process().logLevel().name()));
    }

    /**
     * The {@code level} each record carries. Lambda's log-level filter reads it (a line without one counts as INFO), so
     * records are tagged with the configured application level, never below INFO: metrics survive a WARN or ERROR
     * setting that silences the function's informational log lines.
     */
    static String emfLevel(String configured) {
        String level = configured.strip().toUpperCase(Locale.ROOT);
        return switch (level) {
            case "WARN", "ERROR", "FATAL" -> level;
            default -> "INFO";
        };
    }

    /**
     * Serializes a made-up record and drops it, so that the library's JSON setup (some 60 ms on a cold JVM) happens in
     * the Lambda init phase, inside a SnapStart snapshot, and not in the first request. Writes nothing.
     */
    public void prime() {
        if (!enabled()) {
            return;
        }
        Invocation invocation = new TriageMetrics(line -> { }, namespace, service, level).start();
        invocation.batch(1);
        invocation.email(EmailOutcome.TRIAGED, null);
        invocation.flush();
    }

    /** Whether records are written at all. */
    public boolean enabled() {
        return lines != null;
    }

    /** A new, empty recording for one invocation. */
    public Invocation start() {
        return new Invocation();
    }

    /** What one invocation recorded; written by {@link #flush()}. Not thread-safe: one per invocation. */
    public final class Invocation {

        private final List<Double> latencies = new ArrayList<>();
        private final List<Double> confidences = new ArrayList<>();
        private final List<Double> needsReview = new ArrayList<>();
        private final List<Double> escalated = new ArrayList<>();
        private final List<Double> degraded = new ArrayList<>();
        private final List<Double> batchSizes = new ArrayList<>();
        private final Map<List<String>, Integer> breakdown = new LinkedHashMap<>();
        private final Map<List<String>, Integer> emails = new LinkedHashMap<>();

        private Invocation() {
        }

        /**
         * One ticket triaged.
         *
         * @param result     what was decided
         * @param nanos      how long triage took
         * @param degraded   whether rules decided alone because no model is loaded
         * @param categories the model's categories, in its order (the first {@value #MAX_CATEGORIES} are named)
         */
        public void ticket(TriageResult result, long nanos, boolean degraded, List<String> categories) {
            if (!enabled()) {
                return;
            }
            latencies.add(nanos / 1_000.0);
            needsReview.add(result.needsReview() ? 1.0 : 0.0);
            escalated.add(result.escalated() ? 1.0 : 0.0);
            this.degraded.add(degraded ? 1.0 : 0.0);
            if (!degraded) {
                confidences.add(result.confidence());
            }
            int rank = categories.indexOf(result.category());
            String category = rank >= 0 && rank < MAX_CATEGORIES ? dimensionValue(result.category()) : OTHER;
            breakdown.merge(List.of(dimensionValue(result.decidedBy()), dimensionValue(result.priority()), category,
                    dimensionValue(result.language())), 1, Integer::sum);
        }

        /** One {@code POST /classify/batch} request of {@code size} tickets. */
        public void batch(int size) {
            if (enabled()) {
                batchSizes.add((double) size);
            }
        }

        /** One email record and what became of it. */
        public void email(EmailOutcome outcome) {
            email(outcome.outcome(), outcome.reason());
        }

        /** One email record that failed now and will be retried. */
        public void emailFailed(String reason) {
            email(FAILED, reason);
        }

        private void email(String outcome, String reason) {
            if (enabled()) {
                emails.merge(List.of(dimensionValue(outcome), reason == null ? NO_REASON : dimensionValue(reason)), 1, Integer::sum);
            }
        }

        /** Writes the records; a failure is logged (type only) and never reaches the caller. */
        public void flush() {
            if (!enabled()) {
                return;
            }
            try {
                if (!latencies.isEmpty() || !batchSizes.isEmpty()) {
                    MetricsLogger record = record(DimensionSet.of(SERVICE, service));
                    for (int i = 0; i < latencies.size(); i++) {
                        record.putMetric(TICKETS, 1, Unit.COUNT);
                        record.putMetric(NEEDS_REVIEW, needsReview.get(i), Unit.COUNT);
                        record.putMetric(ESCALATED, escalated.get(i), Unit.COUNT);
                        record.putMetric(DEGRADED, degraded.get(i), Unit.COUNT);
                        record.putMetric(TRIAGE_LATENCY, latencies.get(i), Unit.MICROSECONDS);
                    }
                    for (double confidence : confidences) {
                        record.putMetric(CONFIDENCE, confidence, Unit.NONE);
                    }
                    for (double size : batchSizes) {
                        record.putMetric(BATCH_SIZE, size, Unit.COUNT);
                    }
                    record.flush();
                }
                for (Map.Entry<List<String>, Integer> group : breakdown.entrySet()) {
                    MetricsLogger record = record(
                            DimensionSet.of(SERVICE, service, DECIDED_BY, group.getKey().get(0)),
                            DimensionSet.of(SERVICE, service, PRIORITY, group.getKey().get(1)),
                            DimensionSet.of(SERVICE, service, CATEGORY, group.getKey().get(2)),
                            DimensionSet.of(SERVICE, service, LANGUAGE, group.getKey().get(3)));
                    record.putMetric(TICKETS, group.getValue(), Unit.COUNT);
                    record.flush();
                }
                for (Map.Entry<List<String>, Integer> group : emails.entrySet()) {
                    MetricsLogger record = record(
                            DimensionSet.of(SERVICE, service, OUTCOME, group.getKey().get(0)),
                            DimensionSet.of(SERVICE, service, REASON, group.getKey().get(1)));
                    record.putMetric(EMAILS, group.getValue(), Unit.COUNT);
                    record.flush();
                }
            } catch (RuntimeException e) {
                LOG.warn("Metrics could not be written ({}); the invocation is not affected", e.getClass().getName());
            }
        }

        private MetricsLogger record(DimensionSet... dimensions) {
            MetricsLogger record = new MetricsLogger(environment);
            record.setNamespace(namespace);
            record.setDimensions(false, dimensions);
            record.putProperty("level", level);
            return record;
        }
    }

    /**
     * The value as CloudWatch accepts it for a dimension (printable ASCII, at most 250 characters here), or
     * {@value #OTHER}: a team's label in another script must not make the record fail.
     */
    static String dimensionValue(String value) {
        if (value == null || value.isBlank() || value.length() > 250 || value.startsWith(":")) {
            return OTHER;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c < 0x20 || c > 0x7e) {
                return OTHER;
            }
        }
        return value;
    }

    /** Where the records go: each serialized document as one line. */
    private record LineEnvironment(String service, Consumer<String> lines) implements Environment, ISink {

        @Override
        public boolean probe() {
            return true;
        }

        @Override
        public String getName() {
            return service;
        }

        @Override
        public String getType() {
            return "AWS::Lambda::Function";
        }

        @Override
        public String getLogGroupName() {
            return "";
        }

        @Override
        public void configureContext(MetricsContext context) {
            // The dimensions and the namespace are set per record.
        }

        @Override
        public ISink getSink() {
            return this;
        }

        @Override
        public void accept(MetricsContext context) {
            try {
                for (String document : context.serialize()) {
                    lines.accept(document);
                }
            } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
                throw new IllegalStateException("an EMF record did not serialize", e);
            }
        }

        @Override
        public CompletableFuture<Void> shutdown() {
            return CompletableFuture.completedFuture(null);
        }
    }
}
