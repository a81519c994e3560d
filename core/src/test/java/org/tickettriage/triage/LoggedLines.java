package org.tickettriage.triage;

import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.Property;

/**
 * What the core logs while open, as {@code LEVEL message} lines, at {@code level} and above: the core logs through
 * slf4j only, and its tests bind it to Log4j 2 as the function and the tools do.
 */
public final class LoggedLines extends AbstractAppender implements AutoCloseable {

    private final List<String> lines = new ArrayList<>();
    private final LoggerContext context;
    private final Level before;

    private LoggedLines(LoggerContext context) {
        super("logged-lines", null, null, true, Property.EMPTY_ARRAY);
        this.context = context;
        this.before = context.getConfiguration().getRootLogger().getLevel();
    }

    /** Starts capturing at {@code level}. */
    public static LoggedLines at(Level level) {
        LoggerContext context = ((Logger) LogManager.getLogger(TriageServices.class)).getContext();
        LoggedLines log = new LoggedLines(context);
        log.start();
        Configuration configuration = context.getConfiguration();
        configuration.addAppender(log);
        configuration.getRootLogger().addAppender(log, level, null);
        configuration.getRootLogger().setLevel(level);
        context.updateLoggers();
        return log;
    }

    @Override
    public synchronized void append(LogEvent event) {
        lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
    }

    /** The lines so far. */
    public synchronized List<String> lines() {
        return List.copyOf(lines);
    }

    @Override
    public void close() {
        Configuration configuration = context.getConfiguration();
        configuration.getRootLogger().removeAppender(getName());
        configuration.getRootLogger().setLevel(before);
        context.updateLoggers();
        stop();
    }
}
