package org.tickettriage.local;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/** The parts of a SAM {@code template.yaml} that a local invocation needs: its functions. */
final class SamTemplate {

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final String SERVERLESS_FUNCTION = "AWS::Serverless::Function";
    private static final String API_INTEGRATION = "AWS::ApiGatewayV2::Integration";
    private static final String API_ROUTE = "AWS::ApiGatewayV2::Route";
    private static final String DEFAULT_ROUTE = "$default";
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^!}][^}]*)}");

    /**
     * One {@code AWS::Serverless::Function}, with {@code Globals.Function} applied.
     *
     * @param logicalId      the resource's logical id
     * @param handler        {@code class::method} or a class name
     * @param timeoutSeconds the configured timeout (SAM's default, 3 s, when absent)
     * @param memoryMb       the configured memory (SAM's default, 128 MB, when absent)
     * @param environment    the environment variables whose values could be resolved locally
     * @param unresolved     the environment variables whose values need a deployed stack
     * @param http           whether an HTTP API invokes it: an {@code HttpApi} or {@code Api} event, or an
     *                       {@code AWS::ApiGatewayV2::Integration} whose {@code IntegrationUri} refers to it
     *                       (by name, ARN or alias)
     * @param routes         the route keys that reach it ({@code POST /classify}, {@code $default}): an
     *                       {@code HttpApi} or {@code Api} event's method and path, or an
     *                       {@code AWS::ApiGatewayV2::Route} whose {@code Target} is an integration that refers to it
     */
    record Function(String logicalId, String handler, int timeoutSeconds, int memoryMb,
                    Map<String, String> environment, List<String> unresolved, boolean http, List<String> routes) {

        /** Whether one of its routes matches {@code method} and {@code path}. */
        boolean serves(String method, String path) {
            return routes.stream().anyMatch(route -> matches(route, method, path));
        }
    }

    /** An HTTP request's method and path, as an API Gateway event carries them. */
    record Request(String method, String path) {

        @Override
        public String toString() {
            return method + " " + path;
        }
    }

    private final JsonNode root;

    private SamTemplate(JsonNode root) {
        this.root = root;
    }

    /** Reads {@code file}; CloudFormation's short-form tags ({@code !Ref}, {@code !Sub}…) become their long form. */
    static SamTemplate read(Path file) {
        try (JsonParser parser = new YAMLFactory().createParser(Files.readString(file))) {
            JsonNode root = parser.nextToken() == null ? NODES.missingNode() : readValue(parser);
            if (!root.isObject()) {
                throw new LocalCommandException("template " + file + " is not a YAML mapping.");
            }
            return new SamTemplate(root);
        } catch (NoSuchFileException e) {
            throw new LocalCommandException("template " + file + " not found (pass --template FILE).");
        } catch (IOException e) {
            throw new LocalCommandException("template " + file + " cannot be read as YAML: " + firstLine(e.getMessage()));
        }
    }

    /** Every serverless function, in template order. */
    List<Function> functions() {
        List<Function> functions = new ArrayList<>();
        JsonNode globals = root.path("Globals").path("Function");
        Map<String, Set<String>> integrations = integrationTargets();
        Set<String> integrated = new HashSet<>();
        integrations.values().forEach(integrated::addAll);
        Map<String, List<String>> routed = routesByFunction(integrations);
        for (Map.Entry<String, JsonNode> resource : root.path("Resources").properties()) {
            if (SERVERLESS_FUNCTION.equals(resource.getValue().path("Type").asText())) {
                functions.add(function(resource.getKey(), resource.getValue().path("Properties"), globals,
                        integrated.contains(resource.getKey()), routed.getOrDefault(resource.getKey(), List.of())));
            }
        }
        return functions;
    }

    /**
     * For each {@code AWS::ApiGatewayV2::Integration}, by logical id, the logical ids that its {@code IntegrationUri}
     * refers to.
     */
    private Map<String, Set<String>> integrationTargets() {
        Map<String, Set<String>> targets = new LinkedHashMap<>();
        for (Map.Entry<String, JsonNode> resource : root.path("Resources").properties()) {
            if (API_INTEGRATION.equals(resource.getValue().path("Type").asText())) {
                Set<String> ids = new HashSet<>();
                collectReferences(resource.getValue().path("Properties").path("IntegrationUri"), ids);
                targets.put(resource.getKey(), ids);
            }
        }
        return targets;
    }

    /** The route keys of the {@code AWS::ApiGatewayV2::Route}s, by the functions their integrations refer to. */
    private Map<String, List<String>> routesByFunction(Map<String, Set<String>> integrations) {
        Map<String, List<String>> routes = new LinkedHashMap<>();
        for (JsonNode resource : root.path("Resources")) {
            if (!API_ROUTE.equals(resource.path("Type").asText())) {
                continue;
            }
            String routeKey = resource.path("Properties").path("RouteKey").asText("");
            Set<String> referenced = new HashSet<>();
            collectReferences(resource.path("Properties").path("Target"), referenced);
            for (String integration : referenced) {
                for (String function : integrations.getOrDefault(integration, Set.of())) {
                    routes.computeIfAbsent(function, f -> new ArrayList<>()).add(routeKey.strip());
                }
            }
        }
        return routes;
    }

    /**
     * Adds the logical ids that {@code Ref}, {@code Fn::GetAtt} and {@code Fn::Sub} name anywhere in {@code value};
     * {@code F.Alias}, {@code F.Arn} and {@code F.Version} all name {@code F}.
     */
    private static void collectReferences(JsonNode value, Set<String> ids) {
        if (value.isObject()) {
            JsonNode ref = value.get("Ref");
            if (ref != null && ref.isTextual()) {
                ids.add(logicalId(ref.asText()));
            }
            JsonNode getAtt = value.get("Fn::GetAtt");
            if (getAtt != null) {
                ids.add(logicalId(getAtt.isArray() ? getAtt.path(0).asText() : getAtt.asText()));
            }
            JsonNode sub = value.get("Fn::Sub");
            if (sub != null) {
                Matcher variable = SUB_VARIABLE.matcher(sub.isArray() ? sub.path(0).asText() : sub.asText());
                while (variable.find()) {
                    ids.add(logicalId(variable.group(1).strip()));
                }
            }
        }
        if (value.isContainerNode()) {
            value.forEach(child -> collectReferences(child, ids));
        }
    }

    private static String logicalId(String reference) {
        int dot = reference.indexOf('.');
        return dot < 0 ? reference : reference.substring(0, dot);
    }

    /**
     * The function named {@code logicalId}, or when it is absent the only function, or the only one
     * behind an HTTP API.
     */
    Function function(Optional<String> logicalId) {
        return function(logicalId, Optional.empty());
    }

    /**
     * The function named {@code logicalId}; when it is absent, the only function, or the only one whose routes match
     * {@code request} (an explicit route before {@code $default}, as API Gateway chooses), or else the only one
     * behind an HTTP API.
     */
    Function function(Optional<String> logicalId, Optional<Request> request) {
        List<Function> functions = functions();
        if (functions.isEmpty()) {
            throw new LocalCommandException("the template declares no " + SERVERLESS_FUNCTION + ".");
        }
        String names = functions.stream().map(Function::logicalId).collect(Collectors.joining(", "));
        if (logicalId.isPresent()) {
            return functions.stream().filter(f -> f.logicalId().equals(logicalId.get())).findFirst()
                    .orElseThrow(() -> new LocalCommandException(
                            "no function " + logicalId.get() + " in the template; it has: " + names + "."));
        }
        if (functions.size() == 1) {
            return functions.get(0);
        }
        if (request.isPresent()) {
            Optional<Function> routed = routedTo(functions, request.get());
            if (routed.isPresent()) {
                return routed.get();
            }
        }
        List<Function> http = functions.stream().filter(Function::http).toList();
        // A route that no function declares still goes to the only HTTP function, which answers it as it would in AWS.
        if (http.size() == 1) {
            return http.get(0);
        }
        String because = request.map(r -> " (no single function serves the event's route " + r + ")").orElse("");
        throw new LocalCommandException("the template has several functions" + because
                + "; choose one with --function: " + names + ".");
    }

    /** The one function an explicit route of {@code request} reaches, or else the one its {@code $default} route reaches. */
    private static Optional<Function> routedTo(List<Function> functions, Request request) {
        List<Function> explicit = functions.stream().filter(f -> f.routes().stream()
                .anyMatch(route -> !route.equals(DEFAULT_ROUTE) && matches(route, request.method(), request.path()))).toList();
        if (!explicit.isEmpty()) {
            return explicit.size() == 1 ? Optional.of(explicit.get(0)) : Optional.empty();
        }
        List<Function> fallback = functions.stream().filter(f -> f.routes().contains(DEFAULT_ROUTE)).toList();
        return fallback.size() == 1 ? Optional.of(fallback.get(0)) : Optional.empty();
    }

    /**
     * Whether the route key {@code route} ({@code METHOD /path}, {@code ANY}, path parameters {@code {name}} and the
     * greedy {@code {name+}}, or {@code $default}) matches {@code method} and {@code path}.
     */
    static boolean matches(String route, String method, String path) {
        if (route.equals(DEFAULT_ROUTE)) {
            return true;
        }
        int space = route.indexOf(' ');
        if (space < 0) {
            return false;
        }
        String routeMethod = route.substring(0, space);
        if (!routeMethod.equals("ANY") && !routeMethod.equalsIgnoreCase(method)) {
            return false;
        }
        String[] wanted = route.substring(space + 1).strip().split("/", -1);
        String[] actual = path.split("/", -1);
        for (int i = 0; i < wanted.length; i++) {
            String segment = wanted[i];
            if (segment.startsWith("{") && segment.endsWith("+}")) {
                return i == wanted.length - 1 && actual.length > i && !actual[i].isEmpty();
            }
            if (i >= actual.length) {
                return false;
            }
            boolean parameter = segment.startsWith("{") && segment.endsWith("}");
            if (parameter ? actual[i].isEmpty() : !segment.equals(actual[i])) {
                return false;
            }
        }
        return wanted.length == actual.length;
    }

    private Function function(String logicalId, JsonNode properties, JsonNode globals, boolean integrated,
                              List<String> apiRoutes) {
        String handler = property(properties, globals, "Handler").asText(null);
        if (handler == null || handler.isBlank()) {
            throw new LocalCommandException("function " + logicalId + " has no Handler.");
        }
        Map<String, String> environment = new LinkedHashMap<>();
        List<String> unresolved = new ArrayList<>();
        for (JsonNode variables : List.of(globals.path("Environment").path("Variables"),
                properties.path("Environment").path("Variables"))) {
            variables.properties().forEach(variable -> {
                Optional<String> value = resolve(variable.getValue());
                if (value.isPresent()) {
                    environment.put(variable.getKey(), value.get());
                    unresolved.remove(variable.getKey());
                } else {
                    environment.remove(variable.getKey());
                    unresolved.add(variable.getKey());
                }
            });
        }
        boolean http = integrated;
        List<String> routes = new ArrayList<>(apiRoutes);
        for (JsonNode event : properties.path("Events")) {
            String type = event.path("Type").asText();
            if (type.equals("HttpApi") || type.equals("Api")) {
                http = true;
                // An HttpApi event without a path is the API's $default route; an Api event always has one.
                JsonNode path = event.path("Properties").path("Path");
                routes.add(path.isTextual()
                        ? event.path("Properties").path("Method").asText("ANY").toUpperCase(Locale.ROOT) + " " + path.asText()
                        : DEFAULT_ROUTE);
            }
        }
        return new Function(logicalId, handler.strip(),
                property(properties, globals, "Timeout").asInt(3),
                property(properties, globals, "MemorySize").asInt(128),
                environment, unresolved, http, List.copyOf(routes));
    }

    private static JsonNode property(JsonNode properties, JsonNode globals, String name) {
        return properties.has(name) ? properties.get(name) : globals.path(name);
    }

    /** A literal, or a {@code Ref} to a parameter's default; anything else needs a deployed stack. */
    private Optional<String> resolve(JsonNode value) {
        if (value.isValueNode()) {
            return Optional.of(value.asText());
        }
        JsonNode ref = value.get("Ref");
        if (value.size() == 1 && ref != null && ref.isTextual()) {
            JsonNode fallback = root.path("Parameters").path(ref.asText()).get("Default");
            if (fallback != null && fallback.isValueNode()) {
                return Optional.of(fallback.asText());
            }
        }
        return Optional.empty();
    }

    private static JsonNode readValue(JsonParser parser) throws IOException {
        Object typeId = parser.getTypeId();
        String tag = typeId == null ? null : typeId.toString();
        JsonNode value = switch (parser.currentToken()) {
            case START_OBJECT -> {
                ObjectNode object = NODES.objectNode();
                while (parser.nextToken() == JsonToken.FIELD_NAME) {
                    String name = parser.currentName();
                    parser.nextToken();
                    object.set(name, readValue(parser));
                }
                yield object;
            }
            case START_ARRAY -> {
                ArrayNode array = NODES.arrayNode();
                while (parser.nextToken() != JsonToken.END_ARRAY) {
                    array.add(readValue(parser));
                }
                yield array;
            }
            case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> NODES.numberNode(parser.getDecimalValue());
            case VALUE_TRUE, VALUE_FALSE -> NODES.booleanNode(parser.getBooleanValue());
            case VALUE_NULL -> NODES.nullNode();
            default -> NODES.textNode(parser.getText());
        };
        if (tag == null || tag.startsWith("tag:yaml.org,2002:")) {
            return value;
        }
        // CloudFormation's short forms: !Ref X is {"Ref": X}, !Condition X is {"Condition": X}, !Sub s is {"Fn::Sub": s}.
        String function = tag.equals("Ref") || tag.equals("Condition") ? tag : "Fn::" + tag;
        return NODES.objectNode().set(function, value);
    }

    private static String firstLine(String message) {
        return message == null ? "unknown error" : message.lines().findFirst().orElse(message);
    }
}
