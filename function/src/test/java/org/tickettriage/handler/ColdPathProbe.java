package org.tickettriage.handler;

import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import org.tickettriage.connectors.RetryPolicy;

/**
 * Run in a fresh JVM by {@link HandlerClassLoadingTest}: builds one handler the way Lambda does (no-argument
 * constructor) and invokes it once, so that {@code -verbose:class} shows what that handler's path loads.
 */
public final class ColdPathProbe {

    private ColdPathProbe() {
    }

    /**
     * {@code http}: the HTTP handler serves one classify event; {@code email}: the email handler is built;
     * {@code webhook}: the webhook receiver answers events/webhook-github-issue-opened.json; {@code writer}: the
     * write-back handler applies events/write-back-sqs.json. The connector modes print whether the retry jitter was
     * seeded by the handler's init (it must not be: a SnapStart snapshot would hold it).
     */
    public static void main(String[] args) {
        if (args[0].equals("webhook")) {
            WebhookHttpHandler handler = new WebhookHttpHandler();
            System.out.println("probe-jitter-seeded-at-init " + RetryPolicy.jitterSeeded());
            int status = handler.handleRequest(EventLoader.loadApiGatewayHttpEvent("events/webhook-github-issue-opened.json"),
                    null).getStatusCode();
            System.out.println("probe-status " + status);
            System.exit(status == 202 ? 0 : 3);
        } else if (args[0].equals("writer")) {
            WriteBackHandler handler = new WriteBackHandler();
            System.out.println("probe-jitter-seeded-at-init " + RetryPolicy.jitterSeeded());
            int failures = handler.handleRequest(EventLoader.loadSQSEvent("events/write-back-sqs.json"), null)
                    .getBatchItemFailures().size();
            System.out.println("probe-failures " + failures);
            System.exit(failures == 0 ? 0 : 3);
        } else if (args[0].equals("http")) {
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
