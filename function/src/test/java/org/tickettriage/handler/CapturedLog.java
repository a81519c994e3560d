package org.tickettriage.handler;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

/**
 * Every line the shipped logging configuration writes while open, as the JSON layout renders it, with every logger at
 * {@code level} (the libraries' own floors in log4j2.xml still apply): what CloudWatch would receive.
 */
public final class CapturedLog extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final LoggerContext context;

    private CapturedLog(LoggerContext context, JsonTemplateLayout layout) {
        super("captured", null, layout, true, Property.EMPTY_ARRAY);
        this.context = context;
    }

    /** Starts capturing at {@code level}. */
    public static CapturedLog at(Level level) {
        LoggerContext context = LogSetup.context();
        Configuration configuration = context.getConfiguration();
        CapturedLog log = new CapturedLog(context, LogSetup.jsonLayout(configuration));
        log.start();
        configuration.addAppender(log);
        configuration.getRootLogger().addAppender(log, null, null);
        LogSetup.level(context, level);
        return log;
    }

    @Override
    public synchronized void append(LogEvent event) {
        lines.add(((JsonTemplateLayout) getLayout()).toSerializable(event).strip());
    }

    /** The lines so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    /** Stops capturing and restores the configuration from log4j2.xml. */
    @Override
    public void close() {
        context.getConfiguration().getRootLogger().removeAppender(getName());
        stop();
        context.reconfigure();
    }
}
