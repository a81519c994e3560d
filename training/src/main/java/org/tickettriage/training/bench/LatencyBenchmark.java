package org.tickettriage.training.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalDouble;
import java.util.concurrent.Callable;
import org.tickettriage.classifier.MalletTicketClassifier;
import org.tickettriage.classifier.Prediction;
import org.tickettriage.handler.ClassifyHttpHandler;
import org.tickettriage.rules.DroolsRouter;
import org.tickettriage.rules.RoutingRequest;
import org.tickettriage.training.data.ColumnSpec;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.data.TicketCsvReader;
import org.tickettriage.triage.Ticket;
import org.tickettriage.triage.TriageService;
import org.tickettriage.triage.TriageServices;
import org.tickettriage.training.evaluate.Percentiles;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * Warm per-ticket latency in one JVM: {@link TriageService#triage} (classify both heads, explain, route
 * with Drools) and the whole HTTP handler (API Gateway event in, JSON response out), then the two parts of the
 * service on their own (the classifier, the rules) to show where the time goes. Prints figures.
 */
@Command(name = "latency", mixinStandardHelpOptions = true,
        description = "Warm per-ticket latency of the served path, single-threaded, after a warm-up.")
public final class LatencyBenchmark implements Callable<Integer> {

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    @Option(names = "--data", required = true, paramLabel = "FILE.csv",
            description = "Tickets to send, seed schema (Subject, Description).")
    Path data;

    @Option(names = "--model", paramLabel = "DIR", description = "A model directory (default: the bundled model).")
    Path model;

    @Option(names = "--warmup", defaultValue = "20000", description = "Tickets triaged before timing (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--tickets", defaultValue = "20000", description = "Tickets timed per path (default ${DEFAULT-VALUE}).")
    int tickets;

    @Override
    public Integer call() throws Exception {
        // One INFO line per request would time the console, not the service.
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        List<LabeledTicket> rows = TicketCsvReader.read(data, ColumnSpec.seedSchema()).tickets();
        if (rows.isEmpty()) {
            System.err.println("latency: no tickets in " + data);
            return 2;
        }
        TriageService service = TriageServices.create(Optional.ofNullable(model), OptionalDouble.empty());
        ClassifyHttpHandler handler = new ClassifyHttpHandler(service);
        List<Ticket> ticketList = rows.stream()
                .map(t -> new Ticket(null, t.subject(), t.description(), null, null)).toList();
        List<APIGatewayV2HTTPEvent> events = ticketList.stream().map(LatencyBenchmark::event).toList();

        for (int i = 0; i < warmup; i++) {
            service.triage(ticketList.get(i % ticketList.size()));
            handler.handleRequest(events.get(i % events.size()), null);
        }
        long[] service1 = new long[tickets];
        long[] handler1 = new long[tickets];
        for (int i = 0; i < tickets; i++) {
            Ticket ticket = ticketList.get(i % ticketList.size());
            long start = System.nanoTime();
            service.triage(ticket);
            service1[i] = System.nanoTime() - start;

            APIGatewayV2HTTPEvent event = events.get(i % events.size());
            start = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(event, null);
            handler1[i] = System.nanoTime() - start;
            if (response.getStatusCode() != 200) {
                System.err.println("latency: a ticket was answered " + response.getStatusCode() + ": " + response.getBody());
                return 1;
            }
        }
        long[] classifier1 = new long[tickets];
        long[] router1 = new long[tickets];
        timeParts(ticketList, classifier1, router1, service.reviewThreshold());

        System.out.println("model: " + service.health().modelVersion() + ", tickets from " + data
                + " (" + rows.size() + " distinct), warm-up " + warmup + ", java " + Runtime.version()
                + ", " + Runtime.getRuntime().availableProcessors() + " cpus");
        System.out.println("TriageService.triage (classify + explain + route): " + Percentiles.of(service1).summaryMicros());
        System.out.println("ClassifyHttpHandler (event -> JSON response):     " + Percentiles.of(handler1).summaryMicros());
        System.out.println("  of which the classifier (both heads, explain):  " + Percentiles.of(classifier1).summaryMicros());
        System.out.println("  of which the rules (Drools session, route):     " + Percentiles.of(router1).summaryMicros());
        return 0;
    }

    /**
     * Times the classifier and the router on their own, each warmed up first, with the same tickets: the router
     * gets the classifier's real predictions, so the same rules fire as in the service.
     */
    private void timeParts(List<Ticket> ticketList, long[] classifierTimes, long[] routerTimes, double reviewThreshold) {
        MalletTicketClassifier classifier = model == null ? MalletTicketClassifier.loadBundled()
                : MalletTicketClassifier.load(model);
        DroolsRouter router = DroolsRouter.create();
        List<RoutingRequest> requests = ticketList.stream().map(t -> {
            Prediction p = classifier.classify(t.subject(), t.description());
            return new RoutingRequest("bench", t.subject(), t.description(), p.category(), p.confidence(),
                    p.priority(), null, reviewThreshold);
        }).toList();
        for (int i = 0; i < warmup; i++) {
            Ticket ticket = ticketList.get(i % ticketList.size());
            classifier.classify(ticket.subject(), ticket.description());
            router.route(requests.get(i % requests.size()));
        }
        for (int i = 0; i < tickets; i++) {
            Ticket ticket = ticketList.get(i % ticketList.size());
            long start = System.nanoTime();
            classifier.classify(ticket.subject(), ticket.description());
            classifierTimes[i] = System.nanoTime() - start;

            RoutingRequest request = requests.get(i % requests.size());
            start = System.nanoTime();
            router.route(request);
            routerTimes[i] = System.nanoTime() - start;
        }
    }

    private static APIGatewayV2HTTPEvent event(Ticket ticket) {
        try {
            String body = JSON.writeValueAsString(Map.of("subject", ticket.subject(), "description", ticket.description()));
            return APIGatewayV2HTTPEvent.builder()
                    .withVersion("2.0")
                    .withRouteKey("POST /classify")
                    .withRawPath("/classify")
                    .withHeaders(Map.of("content-type", "application/json"))
                    .withBody(body)
                    .withRequestContext(APIGatewayV2HTTPEvent.RequestContext.builder()
                            .withRequestId("bench")
                            .withHttp(APIGatewayV2HTTPEvent.RequestContext.Http.builder()
                                    .withMethod("POST").withPath("/classify").build())
                            .build())
                    .build();
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }
}
