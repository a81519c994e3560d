package org.tickettriage.training.bench;

import java.io.OutputStream;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Appender;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.OutputStreamAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.tickettriage.handler.ClassifyHttpHandler;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

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
        // The context of the handlers' own loggers: LogManager.getContext(false) may be another one.
        LoggerContext context = ((org.apache.logging.log4j.core.Logger) LogManager.getLogger(ClassifyHttpHandler.class)).getContext();
        Configuration configuration = context.getConfiguration();
        JsonTemplateLayout layout = JsonTemplateLayout.newBuilder()
                .setConfiguration(configuration)
                .setEventTemplateUri("classpath:triage-log-layout.json")
                .build();
        Appender appender = OutputStreamAppender.newBuilder()
                .setName("discarded")
                .setLayout(layout)
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
        Configuration configuration = context.getConfiguration();
        configuration.getRootLogger().setLevel(level);
        configuration.getLoggers().values().forEach(logger -> logger.setLevel(level));
        context.updateLoggers();
    }
}
