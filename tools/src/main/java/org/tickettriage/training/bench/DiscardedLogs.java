package org.tickettriage.training.bench;

import java.io.OutputStream;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.OutputStreamAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.tickettriage.handler.LogSetup;

/**
 * Log4j as the function ships it (the JSON layout of triage-log-layout.json), writing into nothing: a benchmark then
 * times rendering each line, not the terminal it would scroll past.
 */
final class DiscardedLogs {

    private final LoggerContext context;

    private DiscardedLogs(LoggerContext context) {
        this.context = context;
    }

    /** Replaces the root logger's appenders with one that renders every line and drops it. */
    static DiscardedLogs install() {
        LoggerContext context = LogSetup.context();
        Configuration configuration = context.getConfiguration();
        Appender appender = OutputStreamAppender.newBuilder()
                .setName("discarded")
                .setLayout(LogSetup.jsonLayout(configuration))
                .setTarget(OutputStream.nullOutputStream())
                .setConfiguration(configuration)
                .build();
        appender.start();
        configuration.addAppender(appender);
        LoggerConfig root = configuration.getRootLogger();
        for (String name : List.copyOf(root.getAppenders().keySet())) {
            root.removeAppender(name);
        }
        root.addAppender(appender, null, null);
        context.updateLoggers();
        return new DiscardedLogs(context);
    }

    /** Sets every logger's level (the libraries' floors in log4j2.xml still apply). */
    void level(Level level) {
        LogSetup.level(context, level);
    }
}
