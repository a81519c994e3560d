package org.tickettriage.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.HashSet;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.tickettriage.handler.ClassifyHttpHandler;
import org.tickettriage.triage.FakeTriage;

/** The local server over real HTTP: the same bodies as the handler, and the events API Gateway would send. */
class LocalServerTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient CLIENT = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private static final ClassifyHttpHandler HANDLER = new ClassifyHttpHandler(FakeTriage.service());
    private static LocalServer server;

    @BeforeAll
    static void start() throws IOException {
        server = LocalServer.start(HANDLER, 0);
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private static HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return CLIENT.send(request.timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpRequest.Builder to(String path) {
        return HttpRequest.newBuilder(server.url().resolve(path.substring(1)));
    }

    @ParameterizedTest
    @ValueSource(strings = {"classify-bug.json", "classify-billing.json", "classify-feature.json",
            "classify-low-confidence.json", "classify-empty.json", "classify-invalid-json.json", "classify-batch.json",
            "classify-base64.json", "health.json", "not-found.json", "page.json"})
    void serverAnswersAsTheHandlerDoesForTheSameRequest(String file) throws Exception {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/" + file);
        APIGatewayV2HTTPResponse direct = HANDLER.handleRequest(event, null);
        String method = event.getRequestContext().getHttp().getMethod();
        String body = event.getBody() == null ? null
                : event.getIsBase64Encoded() ? new String(Base64.getDecoder().decode(event.getBody()), StandardCharsets.UTF_8)
                : event.getBody();
        HttpRequest.Builder request = to(event.getRawPath());
        if (body != null) {
            request.header("content-type", "application/json");
        }
        request.method(method, body == null ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body));

        HttpResponse<String> response = send(request);

        assertThat(response.statusCode()).isEqualTo(direct.getStatusCode());
        assertThat(response.headers().firstValue("content-type")).contains(direct.getHeaders().get("content-type"));
        if (file.equals("page.json")) {
            assertThat(response.body()).isEqualTo(direct.getBody());
        } else {
            assertThat(withoutAssignedIds(JSON.readTree(response.body()))).isEqualTo(withoutAssignedIds(JSON.readTree(direct.getBody())));
        }
    }

    /** Ticket ids assigned per request and request ids differ between two calls; nothing else may. */
    private static JsonNode withoutAssignedIds(JsonNode node) {
        if (node.has("message") && node.get("message").asText().contains("request ")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) node).remove("message");
        }
        return node;
    }

    @Test
    void wrongMethodGets405WithAllowOverHttp() throws Exception {
        HttpResponse<String> response = send(to("/classify").GET());

        assertThat(response.statusCode()).isEqualTo(405);
        assertThat(response.headers().firstValue("allow")).contains("POST");
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("method_not_allowed");
    }

    @Test
    void oversizedUploadIsRejectedWith413() throws Exception {
        byte[] huge = new byte[LocalServer.MAX_REQUEST_BYTES + 1024];
        java.util.Arrays.fill(huge, (byte) 'a');

        HttpResponse<String> response = send(to("/classify/batch").header("content-type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofByteArray(huge)));

        assertThat(response.statusCode()).isEqualTo(413);
        assertThat(JSON.readTree(response.body()).get("error").asText()).isEqualTo("payload_too_large");
    }

    @Test
    void requestBecomesAnHttpApiVersion2Event() throws Exception {
        AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();
        try (LocalServer capturing = LocalServer.start((event, context) -> {
            seen.set(event);
            return HANDLER.handleRequest(event, context);
        }, 0)) {
            CLIENT.send(HttpRequest.newBuilder(capturing.url().resolve("classify?lang=en&tag=a&tag=b%20c"))
                    .header("Content-Type", "application/json")
                    .header("X-Custom", "One")
                    .header("Cookie", "session=abc; theme=dark")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"subject\": \"crash\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        APIGatewayV2HTTPEvent event = seen.get();
        assertThat(event.getVersion()).isEqualTo("2.0");
        assertThat(event.getRouteKey()).isEqualTo("$default");
        assertThat(event.getRawPath()).isEqualTo("/classify");
        assertThat(event.getRawQueryString()).isEqualTo("lang=en&tag=a&tag=b%20c");
        assertThat(event.getQueryStringParameters()).containsEntry("lang", "en").containsEntry("tag", "a,b c");
        assertThat(event.getHeaders()).containsEntry("content-type", "application/json").containsEntry("x-custom", "One")
                .doesNotContainKey("cookie");
        assertThat(event.getCookies()).containsExactly("session=abc", "theme=dark");
        assertThat(event.getBody()).isEqualTo("{\"subject\": \"crash\"}");
        assertThat(event.getIsBase64Encoded()).isFalse();
        assertThat(event.getRequestContext().getHttp().getMethod()).isEqualTo("POST");
        assertThat(event.getRequestContext().getHttp().getPath()).isEqualTo("/classify");
        assertThat(event.getRequestContext().getHttp().getSourceIp()).isEqualTo("127.0.0.1");
        assertThat(event.getRequestContext().getRequestId()).hasSize(36);
        assertThat(event.getRequestContext().getStage()).isEqualTo("$default");
        assertThat(event.getRequestContext().getTimeEpoch()).isGreaterThan(0);
    }

    @Test
    void binaryBodyArrivesBase64EncodedAndIsRefusedAsTheWrongMediaType() throws Exception {
        AtomicReference<APIGatewayV2HTTPEvent> seen = new AtomicReference<>();
        HttpResponse<String> response;
        try (LocalServer capturing = LocalServer.start((event, context) -> {
            seen.set(event);
            return HANDLER.handleRequest(event, context);
        }, 0)) {
            response = CLIENT.send(HttpRequest.newBuilder(capturing.url().resolve("classify"))
                    .header("Content-Type", "application/octet-stream")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(new byte[] {1, 2, 3, (byte) 0xFF})).build(),
                    HttpResponse.BodyHandlers.ofString());
        }

        assertThat(seen.get().getIsBase64Encoded()).isTrue();
        assertThat(Base64.getDecoder().decode(seen.get().getBody())).containsExactly(1, 2, 3, 0xFF);
        assertThat(response.statusCode()).isEqualTo(415);
    }

    @Test
    void oneKeptAliveConnectionCarriesManyRequestsInTurn() throws Exception {
        String ticket = "{\"subject\": \"App crashes when exporting a report\", \"description\": \"Every time.\"}";
        try (RawHttp connection = new RawHttp(server.port())) {
            for (int i = 0; i < 200; i++) {
                connection.send("POST", "/classify", ticket);
                RawHttp.Response response = connection.read();

                assertThat(response.status()).as("request %d", i).isEqualTo(200);
                assertThat(response.headers()).as("request %d", i).doesNotContainKey("connection");
                assertThat(JSON.readTree(response.body()).has("category")).isTrue();
            }
        }
    }

    @Test
    void connectionCloseIsAnsweredInKindAndTheServerCloses() throws Exception {
        try (RawHttp connection = new RawHttp(server.port())) {
            connection.send("GET", "/health", null, "Connection: close");
            RawHttp.Response response = connection.read();

            assertThat(response.status()).isEqualTo(200);
            assertThat(response.headers()).containsEntry("connection", "close");
            assertThat(connection.closedByServer()).isTrue();
        }
    }

    @Test
    void requestIdsAreVersion4UuidsAndDiffer() {
        Set<String> ids = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            String id = LocalServer.requestId();
            UUID uuid = UUID.fromString(id);

            assertThat(uuid.version()).isEqualTo(4);
            assertThat(uuid.variant()).isEqualTo(2);
            assertThat(uuid.toString()).isEqualTo(id);
            ids.add(id);
        }
        assertThat(ids).hasSize(10_000);
    }

    @Test
    void serverListensOnLoopbackOnly() {
        assertThat(server.url().getHost()).isEqualTo("127.0.0.1");
        assertThat(server.port()).isPositive();
        assertThat(URI.create("http://127.0.0.1:" + server.port() + "/")).isEqualTo(server.url());
    }
}
