package org.tickettriage.local;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.serialization.PojoSerializer;
import com.amazonaws.services.lambda.runtime.serialization.events.LambdaEventSerializers;
import com.amazonaws.services.lambda.runtime.serialization.factories.JacksonFactory;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Map;
import java.util.Optional;
import org.tickettriage.rules.routing.RoutingPolicyException;
import org.tickettriage.triage.InvalidSettingsException;
import org.tickettriage.triage.TriageSettings;

/**
 * Runs one event through a handler named in {@code template.yaml}, as {@code sam local invoke -e} does:
 * the handler class is built by its no-argument constructor, and the event and the response go through
 * the Lambda runtime's own serializers, so what works here deserializes the same way in Lambda.
 *
 * <p>Java cannot change its own environment, so the template's {@code Environment.Variables} (literals,
 * and {@code !Ref}s to parameter defaults) are set as system properties of the same name, which
 * {@link TriageSettings#process()} reads where the environment leaves a variable unset; the process environment is left
 * as it is and is read first. The settings are read once, when the handler is built: nothing before it may read them.
 */
final class LocalInvoker {

    private final PrintWriter out;
    private final PrintWriter log;
    private final CommandLog notes;

    /**
     * @param out where the serialized response goes
     * @param log where notes and the handler's Lambda log go
     */
    LocalInvoker(PrintWriter out, PrintWriter log) {
        this.out = out;
        this.log = log;
        this.notes = new CommandLog(log);
    }

    /** Invokes the function and prints its response; returns 0, or 1 when the handler threw. */
    int invoke(Path template, Optional<String> functionName, Path eventFile) {
        return invoke(template, functionName, eventFile, Optional.empty());
    }

    /**
     * Invokes the function with {@code routing}, when present, as its {@code TRIAGE_ROUTING} in place of the
     * template's, and prints its response; returns 0, or 1 when the handler threw.
     */
    int invoke(Path template, Optional<String> functionName, Path eventFile, Optional<String> routing) {
        SamTemplate samTemplate = SamTemplate.read(template);
        byte[] event = readEvent(eventFile);
        SamTemplate.Function function = samTemplate.function(functionName, request(event));
        applyEnvironment(function);
        if (routing.isPresent()) {
            if (setInEnvironment(TriageSettings.ROUTING)) {
                // The environment is read before system properties, as for every template variable: say so, not ignore.
                throw new LocalCommandException(TriageSettings.ROUTING + " is set in the environment and takes"
                        + " precedence over --routing: unset it, or leave --routing out.");
            }
            System.setProperty(TriageSettings.ROUTING, routing.get());
        }

        Object handler = instantiate(function);
        Method method = handlerMethod(handler.getClass(), function);
        Context context = new LocalContext(function.logicalId(), function.timeoutSeconds(), function.memoryMb(), notes);
        try {
            if (isStreamHandler(method)) {
                ByteArrayOutputStream response = new ByteArrayOutputStream();
                method.invoke(handler, new ByteArrayInputStream(event), response, context);
                out.println(response.toString(StandardCharsets.UTF_8));
                return 0;
            }
            Object input = deserialize(event, method.getParameterTypes()[0], eventFile);
            Object response = method.getParameterCount() == 2
                    ? method.invoke(handler, input, context)
                    : method.invoke(handler, input);
            out.println(serialize(response, method.getReturnType()));
            return 0;
        } catch (InvocationTargetException e) {
            // What the Lambda runtime returns for an unhandled exception, without the stack trace.
            Throwable cause = e.getCause();
            out.println("{\"errorType\":" + quote(cause.getClass().getName())
                    + ",\"errorMessage\":" + quote(String.valueOf(cause.getMessage())) + "}");
            notes.error("the handler threw " + cause.getClass().getName());
            return 1;
        } catch (IllegalAccessException e) {
            throw new LocalCommandException("cannot call " + function.handler() + ": " + e.getMessage());
        }
    }

    private static byte[] readEvent(Path eventFile) {
        byte[] event;
        try {
            event = Files.readAllBytes(eventFile);
        } catch (NoSuchFileException e) {
            throw new LocalCommandException("event file " + eventFile + " not found.");
        } catch (IOException e) {
            throw new LocalCommandException("event file " + eventFile + " cannot be read: " + e.getMessage());
        }
        // The runtime's serializer reports syntax errors poorly; check the JSON first for a clear message.
        try {
            JsonMapper.builder().build().readTree(event);
        } catch (JsonProcessingException e) {
            throw new LocalCommandException("event file " + eventFile + " is not valid JSON (line "
                    + e.getLocation().getLineNr() + ", column " + e.getLocation().getColumnNr() + ").");
        } catch (IOException e) {
            throw new LocalCommandException("event file " + eventFile + " cannot be read: " + e.getMessage());
        }
        return event;
    }

    /**
     * The method and path of an API Gateway event (payload 2.0's {@code requestContext.http}, or 1.0's
     * {@code httpMethod} and {@code path}), by which a function is chosen when several sit behind the API; none for
     * other events.
     */
    private static Optional<SamTemplate.Request> request(byte[] event) {
        JsonNode root;
        try {
            root = JsonMapper.builder().build().readTree(event);
        } catch (IOException e) {
            return Optional.empty(); // readEvent has checked it
        }
        JsonNode http = root.path("requestContext").path("http");
        String method = http.path("method").asText(root.path("httpMethod").asText(""));
        String path = root.path("rawPath").asText(http.path("path").asText(root.path("path").asText("")));
        return method.isEmpty() || path.isEmpty() ? Optional.empty() : Optional.of(new SamTemplate.Request(method, path));
    }

    private void applyEnvironment(SamTemplate.Function function) {
        for (Map.Entry<String, String> variable : function.environment().entrySet()) {
            System.setProperty(variable.getKey(), variable.getValue());
            if (setInEnvironment(variable.getKey())) {
                notes.note(variable.getKey() + " is set in the environment, which takes precedence over the template.");
            }
        }
        for (String name : function.unresolved()) {
            notes.note(name + " needs a deployed stack to resolve; it is left unset unless the environment sets it.");
        }
    }

    /** Whether the process environment sets {@code name} (not blank): then the template's value is not used. */
    private static boolean setInEnvironment(String name) {
        String value = System.getenv(name);
        return value != null && !value.isBlank();
    }

    private static Object instantiate(SamTemplate.Function function) {
        String className = className(function.handler());
        try {
            Class<?> type = Class.forName(className, true, LocalInvoker.class.getClassLoader());
            return type.getConstructor().newInstance();
        } catch (ClassNotFoundException e) {
            throw new LocalCommandException("handler class " + className + " of " + function.logicalId()
                    + " is not on the classpath.");
        } catch (NoSuchMethodException e) {
            throw new LocalCommandException("handler class " + className + " has no public no-argument constructor.");
        } catch (InvocationTargetException e) {
            if (e.getCause() instanceof RoutingPolicyException policy) {
                throw policy; // as Lambda's init fails: the policy's errors, each with its file and line
            }
            if (e.getCause() instanceof InvalidSettingsException settings) {
                throw settings; // as Lambda's init fails: each invalid variable, named
            }
            throw new LocalCommandException("handler class " + className + " failed to start: "
                    + e.getCause().getClass().getName() + ": " + e.getCause().getMessage());
        } catch (ReflectiveOperationException e) {
            throw new LocalCommandException("cannot build handler " + className + ": " + e.getMessage());
        }
    }

    private static String className(String handler) {
        int separator = handler.indexOf("::");
        return separator < 0 ? handler : handler.substring(0, separator);
    }

    /**
     * The handler method as the Lambda runtime picks it: the named method (or {@code handleRequest}),
     * public, preferring the most specific input type over the erased bridge method.
     */
    private static Method handlerMethod(Class<?> type, SamTemplate.Function function) {
        int separator = function.handler().indexOf("::");
        String name = separator < 0 ? "handleRequest" : function.handler().substring(separator + 2);
        return Arrays.stream(type.getMethods())
                .filter(m -> m.getName().equals(name) && !m.isBridge() && !Modifier.isStatic(m.getModifiers()))
                .filter(m -> isStreamHandler(m) || m.getParameterCount() == 1
                        || (m.getParameterCount() == 2 && m.getParameterTypes()[1] == Context.class))
                .min(Comparator.comparing((Method m) -> m.getParameterTypes()[0] == Object.class))
                .orElseThrow(() -> new LocalCommandException("handler " + function.handler()
                        + " has no public method " + name + "(input[, Context])."));
    }

    private static boolean isStreamHandler(Method method) {
        Class<?>[] types = method.getParameterTypes();
        return types.length == 3 && types[0] == InputStream.class && types[1] == OutputStream.class
                && types[2] == Context.class;
    }

    private static Object deserialize(byte[] event, Class<?> type, Path eventFile) {
        try {
            return serializer(type).fromJson(new ByteArrayInputStream(event));
        } catch (RuntimeException e) {
            throw new LocalCommandException("event file " + eventFile + " does not fit " + type.getSimpleName() + ": "
                    + e.getClass().getSimpleName());
        }
    }

    @SuppressWarnings("unchecked")
    private static String serialize(Object response, Class<?> type) {
        if (response == null) {
            return "null";
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        ((PojoSerializer<Object>) serializer(type)).toJson(response, bytes);
        return bytes.toString(StandardCharsets.UTF_8);
    }

    /** The runtime's choice: its event serializers for AWS event types, its Jackson setup for the rest. */
    private static PojoSerializer<?> serializer(Class<?> type) {
        return LambdaEventSerializers.isLambdaSupportedEvent(type.getName())
                ? LambdaEventSerializers.serializerFor(type, LocalInvoker.class.getClassLoader())
                : JacksonFactory.getInstance().getSerializer(type);
    }

    private static String quote(String text) {
        try {
            return JsonMapper.builder().build().writeValueAsString(text);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
