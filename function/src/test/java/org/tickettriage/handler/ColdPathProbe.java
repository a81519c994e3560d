package org.tickettriage.handler;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;

/**
 * Run in a fresh JVM by {@link HandlerClassLoadingTest}: builds one handler the way Lambda does (no-argument
 * constructor) and invokes it once, so that {@code -verbose:class} shows what that handler's path loads.
 */
public final class ColdPathProbe {

    private ColdPathProbe() {
    }

    /** {@code http}: the HTTP handler serves one classify event; {@code email}: the email handler is built. */
    public static void main(String[] args) {
        if (args[0].equals("http")) {
            int status = new ClassifyHttpHandler()
                    .handleRequest(EventLoader.loadApiGatewayHttpEvent("events/classify-bug.json"), null).getStatusCode();
            System.out.println("probe-status " + status);
            if (status != 200) {
                System.exit(3); // the test reads the exit code: a cold path that answers an error is no cold path
            }
        } else {
            EmailIngestHandler handler = new EmailIngestHandler();
            System.out.println("probe-built " + handler.getClass().getSimpleName());
        }
    }
}
