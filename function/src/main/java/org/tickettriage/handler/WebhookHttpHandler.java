package org.tickettriage.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.Base64;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.tickettriage.aws.AwsClients;
import org.tickettriage.aws.AwsWebhooks;
import org.tickettriage.aws.DeliveryStoreUnavailableException;
import org.tickettriage.connectors.WebhookReceiver;
import org.tickettriage.connectors.WebhookRequest;
import org.tickettriage.connectors.WebhookResponse;
import org.tickettriage.triage.TriageServices;
import org.tickettriage.triage.TriageSettings;

/**
 * The helpdesks' webhooks on the HTTP API, {@code POST /webhooks/{name}}: the raw body (base64-decoded when API
 * Gateway encoded it) and the headers go to the connectors' {@link WebhookReceiver}, whose answer is returned as is.
 * Logs the route, status, duration and request id; never a body, a header's value or a secret.
 */
public final class WebhookHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private static final Logger LOG = LoggerFactory.getLogger(WebhookHttpHandler.class);
    private static final Pattern ROUTE = Pattern.compile("/webhooks/([a-z0-9-]{1,40})");
    private static final Map<String, String> JSON_HEADERS = Map.of(
            "content-type", "application/json; charset=utf-8",
            "cache-control", "no-store",
            "x-content-type-options", "nosniff");

    private final WebhookReceiver receiver;

    /**
     * The Lambda entry point: the settings, the container-wide service, the secrets and the AWS clients, all at init
     * (inside the SnapStart snapshot). A connector that lacks what it needs fails the init with its message.
     */
    public WebhookHttpHandler() {
        // The settings are checked first (arguments run in order): a missing variable is named, not a missing region.
        this(AwsWebhooks.receiver(AwsWebhooks.checkedForReceiver(TriageSettings.processEnvironment()),
                TriageServices.shared(), AwsClients.secretsManager(), AwsClients.dynamoDb(), AwsClients.sqs(),
                Clock.systemUTC()));
    }

    /** A handler over {@code receiver} (tests). */
    public WebhookHttpHandler(WebhookReceiver receiver) {
        this.receiver = Objects.requireNonNull(receiver, "receiver");
    }

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        long started = System.nanoTime();
        String requestId = context != null ? context.getAwsRequestId()
                : event != null && event.getRequestContext() != null ? event.getRequestContext().getRequestId() : "-";
        WebhookResponse response;
        String route = "-";
        if (event == null) {
            response = WebhookResponse.error(400, "invalid_event", "The event is not an HTTP API request.");
        } else {
            String method = method(event);
            String path = path(event);
            Matcher name = ROUTE.matcher(path);
            route = name.matches() ? method + " /webhooks/" + name.group(1) : method + " (other)";
            response = name.matches() ? answer(method, name.group(1), event)
                    : WebhookResponse.error(404, "not_found", "No such route.");
        }
        LOG.info("webhook request {} -> {} in {} ms (request {})", route, response.status(),
                (System.nanoTime() - started) / 1_000_000, requestId);
        APIGatewayV2HTTPResponse http = new APIGatewayV2HTTPResponse();
        http.setStatusCode(response.status());
        http.setHeaders(JSON_HEADERS);
        http.setBody(response.body());
        http.setIsBase64Encoded(false);
        return http;
    }

    private WebhookResponse answer(String method, String name, APIGatewayV2HTTPEvent event) {
        if (!method.equals("POST")) {
            return WebhookResponse.error(405, "method_not_allowed", "Webhooks are delivered with POST.");
        }
        byte[] body;
        try {
            String text = event.getBody() == null ? "" : event.getBody();
            body = event.getIsBase64Encoded() ? Base64.getDecoder().decode(text) : text.getBytes(StandardCharsets.UTF_8);
        } catch (IllegalArgumentException e) {
            return WebhookResponse.error(400, "invalid_body", "The body is not valid base64.");
        }
        Map<String, String> headers = event.getHeaders() == null ? Map.of() : event.getHeaders();
        try {
            return receiver.handle(name, new WebhookRequest(headers, body));
        } catch (DeliveryStoreUnavailableException e) {
            LOG.warn("webhook {}: {}", name, e.getMessage());
            return WebhookResponse.error(503, "store_unavailable", "The delivery could not be recorded; deliver again later.");
        } catch (RuntimeException e) {
            LOG.error("webhook {}: failed ({})", name, e.getClass().getName());
            return WebhookResponse.error(500, "internal_error", "The delivery was not processed; deliver again later.");
        }
    }

    private static String method(APIGatewayV2HTTPEvent event) {
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        String method = context == null || context.getHttp() == null ? null : context.getHttp().getMethod();
        return method == null ? "-" : method.toUpperCase(Locale.ROOT);
    }

    private static String path(APIGatewayV2HTTPEvent event) {
        if (event.getRawPath() != null) {
            return event.getRawPath();
        }
        APIGatewayV2HTTPEvent.RequestContext context = event.getRequestContext();
        String path = context == null || context.getHttp() == null ? null : context.getHttp().getPath();
        return path == null ? "" : path;
    }
}
