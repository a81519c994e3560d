package org.tickettriage.training.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.lang.management.ClassLoadingMXBean;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.logging.log4j.LogManager;
import org.tickettriage.handler.ClassifyHttpHandler;
import org.tickettriage.triage.TriageServices;

/**
 * The Lambda-shaped start of {@link LambdaStartProbe} cut into steps, each timed on its own, for
 * {@code benchmark startup --steps}: where the time goes. Run on the same class path; a single class file.
 *
 * <p>The steps, in the order the handler's constructor meets them: Log4j's set-up (the handler's first static field), the
 * container-wide service (routing policy, Drools rule base and model side by side, one ticket primed), the rest of the
 * handler's construction (the JSON mapper and the EMF serializer, primed), then the first invoke: the runtime's
 * serializer built, the event read, {@code handleRequest}, the response written. Prints one line per step:
 * {@code step NAME wall-ns W thread-cpu-ns T process-cpu-ns P classes C}. The process CPU comes from the JVM's process
 * clock in 10 ms ticks, which averages out over runs; the main thread's CPU is exact; the management beans that measure
 * are loaded before the first step and are not counted in any.
 */
public final class StartupStepsProbe {

    private static com.sun.management.OperatingSystemMXBean os;
    private static ThreadMXBean threads;
    private static ClassLoadingMXBean classes;
    private static long wall;
    private static long thread;
    private static long process;
    private static long loaded;

    private StartupStepsProbe() {
    }

    public static void main(String[] args) throws Exception {
        long started = System.nanoTime();
        os = (com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean();
        threads = ManagementFactory.getThreadMXBean();
        classes = ManagementFactory.getClassLoadingMXBean();
        System.out.println("step jvm-start-to-main process-cpu-ns " + os.getProcessCpuTime() + " classes "
                + classes.getTotalLoadedClassCount() + " (measuring beans included) main-ns " + (System.nanoTime() - started));
        byte[] event = Files.readAllBytes(Path.of(args[0]));
        ClassLoader loader = StartupStepsProbe.class.getClassLoader();
        mark(null);

        LogManager.getLogger(ClassifyHttpHandler.class);
        mark("log4j-setup");
        TriageServices.shared();
        mark("triage-service(policy,rules,model,prime)");
        ClassifyHttpHandler handler = new ClassifyHttpHandler();
        mark("handler-rest(json,emf,prime)");
        PojoSerializer<APIGatewayV2HTTPEvent> input = LambdaEventSerializers.serializerFor(APIGatewayV2HTTPEvent.class, loader);
        mark("runtime-serializer-built");
        APIGatewayV2HTTPEvent request = input.fromJson(new ByteArrayInputStream(event));
        mark("event-read");
        APIGatewayV2HTTPResponse response = handler.handleRequest(request, null);
        mark("handleRequest");
        ByteArrayOutputStream payload = new ByteArrayOutputStream();
        LambdaEventSerializers.serializerFor(APIGatewayV2HTTPResponse.class, loader).toJson(response, payload);
        mark("response-written");
        System.out.println("status " + response.getStatusCode());
        System.out.flush();
        Runtime.getRuntime().halt(response.getStatusCode() == 200 ? 0 : 3);
    }

    private static void mark(String step) {
        long nowWall = System.nanoTime();
        long nowThread = threads.getCurrentThreadCpuTime();
        long nowProcess = os.getProcessCpuTime();
        long nowLoaded = classes.getTotalLoadedClassCount();
        if (step != null) {
            System.out.println("step " + step + " wall-ns " + (nowWall - wall) + " thread-cpu-ns " + (nowThread - thread)
                    + " process-cpu-ns " + (nowProcess - process) + " classes " + (nowLoaded - loaded));
        }
        wall = nowWall;
        thread = nowThread;
        process = nowProcess;
        loaded = nowLoaded;
    }
}
