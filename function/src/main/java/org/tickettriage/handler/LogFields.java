package org.tickettriage.handler;

/**
 * The names of the fields that structured log lines carry beside {@code timestamp}, {@code level} and {@code message}:
 * what operators filter on in CloudWatch Logs Insights (docs/OPERATIONS.md, "Logs"). None of them ever holds ticket
 * text, a subject, a sender or an email body.
 */
public final class LogFields {

    /** The invocation: Lambda's request id, or API Gateway's locally (on every line logged during a request). */
    public static final String REQUEST_ID = "requestId";
    /** {@code POST /classify}, {@code POST /classify/batch}, {@code GET /health}, {@code GET /}, or {@code METHOD (no route)}. */
    public static final String ROUTE = "route";
    /** The HTTP status answered. */
    public static final String STATUS = "status";
    /** The error code answered with a 4xx or 5xx ({@code invalid_json}, {@code batch_too_large}...). */
    public static final String ERROR = "error";
    /** Time spent on the request or email record, in milliseconds. */
    public static final String LATENCY_MS = "latencyMs";
    /** Time spent on one ticket, in microseconds (DEBUG lines). */
    public static final String LATENCY_US = "latencyUs";
    /** The model that classified, or {@code none}. */
    public static final String MODEL_VERSION = "modelVersion";
    /** {@code model}, {@code rules} or {@code review}. */
    public static final String DECIDED_BY = "decidedBy";
    public static final String CATEGORY = "category";
    public static final String PRIORITY = "priority";
    public static final String LANGUAGE = "language";
    public static final String QUEUE = "queue";
    public static final String CONFIDENCE = "confidence";
    public static final String NEEDS_REVIEW = "needsReview";
    public static final String ESCALATED = "escalated";
    /**
     * The steps of the routing decision as their stable codes, comma-separated ({@code model_confident,priority_model,
     * route_table,sla_priority}); codes only, never their details.
     */
    public static final String REASON_CODES = "reasonCodes";
    public static final String BATCH_SIZE = "batchSize";
    /** Tickets of the batch sent to review. */
    public static final String BATCH_REVIEW = "batchReview";
    /** Tickets of the batch answered with an error entry. */
    public static final String BATCH_FAILED = "batchFailed";
    /** Email: {@code triaged}, {@code skipped}, {@code review} or {@code failed}. */
    public static final String EMAIL_OUTCOME = "emailOutcome";
    /** Email: why it was skipped, sent to review or failed (a stable code, docs/EMAIL.md). */
    public static final String EMAIL_REASON = "emailReason";
    public static final String BUCKET = "bucket";
    /** The S3 object key SES chose (its own message id, not the sender's Message-ID). */
    public static final String KEY = "key";

    private LogFields() {
    }
}
