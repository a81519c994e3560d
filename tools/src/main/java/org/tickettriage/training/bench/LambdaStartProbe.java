package org.tickettriage.training.bench;

import com.amazonaws.services.lambda.runtime.ClientContext;
import com.amazonaws.services.lambda.runtime.CognitoIdentity;
import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.LambdaLogger;
import com.amazonaws.services.lambda.runtime.LambdaRuntime;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * The Lambda-shaped start that {@code benchmark startup} times, run in a fresh JVM whose class path holds the Lambda jar
 * and this class (with the runtime's serialization library, as Lambda's runtime has it on its own class path): what the
 * Java runtime does for a cold start of the HTTP function, up to the first answer. It builds the handler by reflection
 * through its no-argument constructor (the init phase), reads one API Gateway event with the runtime's serializer, calls
 * {@code handleRequest}, writes the response with the runtime's serializer (the first invoke), prints one line and ends
 * the JVM at once.
 *
 * <p>It must reference nothing outside the JDK, the Lambda jar and the serialization library, and be a single class
 * file (no nested classes): the benchmark copies its bytes into a small jar of their own. It is its own
 * {@link Context}, as the runtime passes one.
 *
 * <p>Arguments: the handler class, the event file. Prints {@code startup-probe status S init-ns I invoke-ns N}; exits 0
 * when the answer is 200, else 3. With {@code -Dtriage.probe.exit=normal} it ends through {@code System.exit} (when an
 * AppCDS archive is recorded), otherwise through {@code Runtime.halt}, so that the JVM's shutdown is not timed.
 */
public final class LambdaStartProbe implements Context {

    /** The line the benchmark waits for; the rest of standard output is the function's own log. */
    public static final String ANSWER_PREFIX = "startup-probe status ";

    private LambdaStartProbe() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        byte[] event = Files.readAllBytes(Path.of(args[1]));
        ClassLoader loader = LambdaStartProbe.class.getClassLoader();

        // Init: the runtime loads the handler class and calls its public no-argument constructor.
        Object handler = Class.forName(args[0], true, loader).getConstructor().newInstance();
        long initialised = System.nanoTime();

        // The first invoke: the event in, through the runtime's serializer for AWS event types, and the response out.
        @SuppressWarnings("unchecked")
        RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse> function =
                (RequestHandler<APIGatewayV2HTTPEvent, APIGatewayV2HTTPResponse>) handler;
        PojoSerializer<APIGatewayV2HTTPEvent> input = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader);
        APIGatewayV2HTTPResponse response = function.handleRequest(input.fromJson(new ByteArrayInputStream(event)),
                new LambdaStartProbe());
        PojoSerializer<APIGatewayV2HTTPResponse> output =
                LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, loader);
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        output.toJson(response, payload);
        long answered = System.nanoTime();

        int status = response.getStatusCode();
        System.out.println(ANSWER_PREFIX + status + " init-ns " + (initialised - started)
                + " invoke-ns " + (answered - initialised) + " payload-bytes " + payload.size());
        System.out.flush();
        int code = status == 200 ? 0 : 3;
        if ("normal".equals(System.getProperty("triage.probe.exit"))) {
            System.exit(code);
        }
        Runtime.getRuntime().halt(code);
    }

    @Override
    public String getAwsRequestId() {
        return "startup-probe-request";
    }

    @Override
    public String getLogGroupName() {
        return "/aws/lambda/ClassifyFunction";
    }

    @Override
    public String getLogStreamName() {
        return "startup-probe";
    }

    @Override
    public String getFunctionName() {
        return "ClassifyFunction";
    }

    @Override
    public String getFunctionVersion() {
        return "1";
    }

    @Override
    public String getInvokedFunctionArn() {
        return "arn:aws:lambda:us-east-1:123456789012:function:ClassifyFunction:live";
    }

    @Override
    public CognitoIdentity getIdentity() {
        return null;
    }

    @Override
    public ClientContext getClientContext() {
        return null;
    }

    @Override
    public int getRemainingTimeInMillis() {
        return 10_000;
    }

    @Override
    public int getMemoryLimitInMB() {
        return 1024;
    }

    @Override
    public LambdaLogger getLogger() {
        return LambdaRuntime.getLogger();
    }
}
