package org.tickettriage.local;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tickettriage.triage.TriageSettings;
import org.tickettriage.triage.TriageSettings.LogFormat;
import org.tickettriage.triage.TriageSettings.LogLevel;

/**
 * What the local commands themselves say on standard error (notes, errors), in the format and at the level the Lambda
 * runtime's variables ask for, like the handlers' own log lines: under {@code AWS_LAMBDA_LOG_FORMAT=JSON} each is one
 * JSON object with {@code timestamp}, {@code level}, {@code message} and {@code logger}, as log4j2.xml writes them.
 */
public final class CommandLog {

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final PrintWriter err;
    private final boolean json;
    private final LogLevel threshold;

    /**
     * Lines to {@code err}, formatted and filtered as the process environment's {@code AWS_LAMBDA_LOG_FORMAT} and
     * {@code AWS_LAMBDA_LOG_LEVEL} say: the environment's alone, as log4j2.xml reads them (a template's variables,
     * which {@code invoke} passes as system properties, never set these two), and read here rather than through
     * {@link TriageSettings#process()}, which {@code invoke} must leave unread until the template's variables are set.
     */
    public CommandLog(PrintWriter err) {
        this(err, TriageSettings.fromEnvironment(System.getenv()));
    }

    CommandLog(PrintWriter err, TriageSettings settings) {
        this.err = err;
        this.json = settings.logFormat() == LogFormat.JSON;
        this.threshold = settings.logLevel();
    }

    /** Whether lines are JSON objects. */
    boolean json() {
        return json;
    }

    /** An informational note ({@code note: ...} as text). */
    void note(String message) {
        write(LogLevel.INFO, "note: ", message, false);
    }

    /** A failure within the command ({@code error: ...} as text). */
    void error(String message) {
        write(LogLevel.ERROR, "error: ", message, false);
    }

    /**
     * The failure that ends the command: {@code command: message} as text (how command-line tools report one), one
     * JSON object at ERROR level under {@code AWS_LAMBDA_LOG_FORMAT=JSON}. Never filtered out by the level: whoever
     * runs the command needs to know why it exits 1.
     */
    public void failure(String command, String message) {
        write(LogLevel.ERROR, "", command + ": " + message, true);
    }

    private void write(LogLevel level, String textPrefix, String message, boolean always) {
        if (!always && level.compareTo(threshold) < 0) {
            return;
        }
        if (!json) {
            err.println(textPrefix + message);
            return;
        }
        Map<String, String> line = new LinkedHashMap<>();
        line.put("timestamp", Instant.now().truncatedTo(ChronoUnit.MILLIS).toString());
        line.put("level", level.name());
        line.put("message", message);
        line.put("logger", "triage");
        try {
            err.println(JSON.writeValueAsString(line));
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a map of strings always serializes", e);
        }
    }
}
