package org.tickettriage.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the local commands themselves say on standard error (notes, errors), in the format and at the level the Lambda
 * runtime's variables ask for, like the handlers' own log lines: under {@code AWS_LAMBDA_LOG_FORMAT=JSON} each is one
 * JSON object with {@code timestamp}, {@code level}, {@code message} and {@code logger}, as log4j2.xml writes them.
 */
final class CommandLog {

    private static final List<String> LEVELS = List.of("TRACE", "DEBUG", "INFO", "WARN", "ERROR", "FATAL");
    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintWriter err;
    private final boolean json;
    private final int threshold;

    /** Lines to {@code err}, formatted and filtered as the process environment says. */
    CommandLog(PrintWriter err) {
        this(err, System.getenv("AWS_LAMBDA_LOG_FORMAT"), System.getenv("AWS_LAMBDA_LOG_LEVEL"));
    }

    CommandLog(PrintWriter err, String format, String level) {
        this.err = err;
        this.json = "JSON".equalsIgnoreCase(format == null ? "" : format.strip());
        int index = level == null ? -1 : LEVELS.indexOf(level.strip().toUpperCase(Locale.ROOT));
        this.threshold = index < 0 ? LEVELS.indexOf("INFO") : index;
    }

    /** Whether lines are JSON objects. */
    boolean json() {
        return json;
    }

    /** An informational note ({@code note: ...} as text). */
    void note(String message) {
        write("INFO", "note", message);
    }

    /** A failure of the command ({@code error: ...} as text). */
    void error(String message) {
        write("ERROR", "error", message);
    }

    private void write(String level, String textPrefix, String message) {
        if (LEVELS.indexOf(level) < threshold) {
            return;
        }
        if (!json) {
            err.println(textPrefix + ": " + message);
            return;
        }
        Map<String, String> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        line.put("level", level);
        line.put("message", message);
        line.put("logger", "triage");
        try {
            err.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
