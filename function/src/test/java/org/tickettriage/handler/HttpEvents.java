package org.tickettriage.handler;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import java.util.Map;

/** Builds API Gateway HTTP API events for the cases that have no file in {@code events/}. */
public final class HttpEvents {

    private HttpEvents() {
    }

    /** A {@code METHOD path} request with a JSON body (or none when {@code body} is null). */
    public static APIGatewayV2HTTPEvent request(String method, String path, String body) {
        return request(method, path, body, Map.of("content-type", "application/json"));
    }

    /** A {@code METHOD path} request with the given headers. */
    public static APIGatewayV2HTTPEvent request(String method, String path, String body, Map<String, String> headers) {
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(method);
        http.setPath(path);
        http.setProtocol("HTTP/1.1");
        http.setSourceIp("127.0.0.1");
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRequestId("test-request");
        context.setStage("$default");
        context.setRouteKey("$default");
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setVersion("2.0");
        event.setRouteKey("$default");
        event.setRawPath(path);
        event.setHeaders(headers);
        event.setRequestContext(context);
        event.setBody(body);
        return event;
    }
}
