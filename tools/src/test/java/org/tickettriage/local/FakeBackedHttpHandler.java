package org.tickettriage.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import org.tickettriage.handler.ClassifyHttpHandler;
import org.tickettriage.triage.FakeTriage;

/**
 * What a test template names as its handler: the real {@link ClassifyHttpHandler} over the fake service,
 * with the no-argument constructor that {@code invoke} calls.
 */
public class FakeBackedHttpHandler implements RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> {

    private final ClassifyHttpHandler delegate = new ClassifyHttpHandler(FakeTriage.service());

    @Override
    public APIGatewayV2HTTPResponse handleRequest(APIGatewayV2HTTPEvent event, Context context) {
        return delegate.handleRequest(event, context);
    }
}
