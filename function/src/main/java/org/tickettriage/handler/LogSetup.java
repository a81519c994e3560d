package org.tickettriage.handler;

import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.layout.template.json.JsonTemplateLayout;

/**
 * The handlers' Log4j set-up, for tools that watch it (tests that capture every line, benchmarks that render lines
 * without printing them): their logger context, the JSON layout that log4j2.xml ships, and the level of every logger.
 */
public final class LogSetup {

    /** The event template of the JSON format, on the classpath. */
    public static final String JSON_TEMPLATE = "classpath:triage-log-layout.json";

    private LogSetup() {
    }

    /** The context the handlers' loggers use ({@code LogManager.getContext(false)} may be another one). */
    public static LoggerContext context() {
        return ((Logger) LogManager.getLogger(ClassifyHttpHandler.class)).getContext();
    }

    /** The JSON layout of {@code AWS_LAMBDA_LOG_FORMAT=JSON}, for {@code configuration}. */
    public static JsonTemplateLayout jsonLayout(Configuration configuration) {
        return JsonTemplateLayout.newBuilder()
                .setConfiguration(configuration)
                .setEventTemplateUri(JSON_TEMPLATE)
                .build();
    }

    /** Sets every configured logger to {@code level} (the libraries' floors in log4j2.xml still apply). */
    public static void level(LoggerContext context, Level level) {
        Configuration configuration = context.getConfiguration();
        configuration.getRootLogger().setLevel(level);
        configuration.getLoggers().values().forEach(logger -> logger.setLevel(level));
        context.updateLoggers();
    }
}
