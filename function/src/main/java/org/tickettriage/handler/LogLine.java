package org.tickettriage.handler;

import java.util.stream.Collectors;
import org.apache.logging.log4j.message.MapMessage;
import org.tickettriage.triage.CodedReason;
import org.tickettriage.triage.TriageResult;

/**
 * One structured log line: a short message for people and typed fields for machines ({@link LogFields}). The JSON
 * layout writes the fields as top-level members with their JSON types ({@code "status":200}, not {@code "200"}), so
 * that CloudWatch Logs Insights and metric filters compare numbers; the text layout appends them in braces.
 */
final class LogLine extends MapMessage<LogLine, Object> {

    private static final long serialVersionUID = 1L;

    private final String text;

    /** A line saying {@code text}; add fields with {@code with(name, value)}. */
    LogLine(String text) {
        this.text = text;
    }

    /** The message alone: the fields are written by the layout. */
    @Override
    public String getFormattedMessage() {
        return text;
    }

    @Override
    public void formatTo(StringBuilder buffer) {
        buffer.append(text);
    }

    /** A {@code reasonCodes} field: the result's codes alone, comma-separated (their details stay out of logs). */
    static String reasonCodes(TriageResult result) {
        return result.reasonCodes().stream().map(CodedReason::code).collect(Collectors.joining(","));
    }

    /** A duration for a {@code latencyMs} field: milliseconds with two decimals. */
    static double millis(long nanos) {
        return Math.round(nanos / 10_000.0) / 100.0;
    }
}
