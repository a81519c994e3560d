package org.tickettriage.training.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.tickettriage.handler.ClassifyHttpHandler;

/**
 * Run by {@link ShadedFunctionJarTest} in a fresh JVM whose class path is the Lambda jar and this class alone: builds
 * the HTTP handler as Lambda does (no-argument constructor), hands it the API Gateway event in {@code args[0]} and
 * prints the response's status and body as one JSON line. Uses nothing but what the Lambda jar carries.
 */
public final class LambdaJarProbe {

    private LambdaJarProbe() {
    }

    public static void main(String[] args) throws Exception {
        ObjectMapper json = new ObjectMapper();
        JsonNode file = json.readTree(Files.readAllBytes(Path.of(args[0])));
        APIGatewayV2HTTPEvent event = new APIGatewayV2HTTPEvent();
        event.setRawPath(file.path("rawPath").asText());
        Map<String, String> headers = new LinkedHashMap<>();
        file.path("headers").fields().forEachRemaining(header -> headers.put(header.getKey(), header.getValue().asText()));
        event.setHeaders(headers);
        event.setBody(file.path("body").asText(null));
        event.setIsBase64Encoded(file.path("isBase64Encoded").asBoolean());
        APIGatewayV2HTTPEvent.RequestContext.Http http = new APIGatewayV2HTTPEvent.RequestContext.Http();
        http.setMethod(file.path("requestContext").path("http").path("method").asText());
        http.setPath(file.path("requestContext").path("http").path("path").asText());
        APIGatewayV2HTTPEvent.RequestContext context = new APIGatewayV2HTTPEvent.RequestContext();
        context.setHttp(http);
        context.setRequestId(file.path("requestContext").path("requestId").asText());
        event.setRequestContext(context);

        APIGatewayV2HTTPResponse response = new ClassifyHttpHandler().handleRequest(event, null);

        Map<String, Object> printed = new LinkedHashMap<>();
        printed.put("statusCode", response.getStatusCode());
        printed.put("body", response.getBody());
        System.out.println(json.writeValueAsString(printed));
    }
}
