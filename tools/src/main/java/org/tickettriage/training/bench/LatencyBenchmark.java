package org.tickettriage.training.bench;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.OptionalDouble;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import org.apache.logging.log4j.Level;
import org.tickettriage.handler.ClassifyHttpHandler;
import org.tickettriage.handler.TriageMetrics;
import org.tickettriage.model.MaxEntTicketClassifier;
import org.tickettriage.model.Prediction;
import org.tickettriage.rules.DroolsRouter;
import org.tickettriage.rules.RoutingRequest;
import org.tickettriage.rules.routing.PolicyFiles;
import org.tickettriage.rules.routing.PolicyReader;
import org.tickettriage.rules.routing.RoutingPolicy;
import org.tickettriage.training.data.ColumnSpec;
import org.tickettriage.training.data.DatasetException;
import org.tickettriage.training.data.LabeledTicket;
import org.tickettriage.training.data.TicketCsvReader;
import org.tickettriage.training.evaluate.Percentiles;
import org.tickettriage.triage.LanguageDetector;
import org.tickettriage.triage.Ticket;
import org.tickettriage.triage.TriageService;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * Warm per-ticket latency in one JVM: {@link TriageService#triage} (classify both heads, explain, route
 * with Drools) and the whole HTTP handler (API Gateway event in, JSON response out), then the two parts of the
 * service on their own (the classifier, the rules) to show where the time goes. Prints figures. Every path routes
 * with the same policy: the bundled one, or {@code --routing PATH}.
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

    @Option(names = "--routing", paramLabel = "PATH",
            description = "A routing policy, a folder or a lone routing CSV (default: the bundled policy); the service, "
                    + "the handlers and the separately timed rules all route with it.")
    Path routing;

    // 20,000 was not enough: on 2 cores the JIT's C2 queue was still compiling the path while the first timed tickets
    // ran, which showed as a median several times the warm one.
    @Option(names = "--warmup", defaultValue = "100000", description = "Tickets triaged before timing (default ${DEFAULT-VALUE}).")
    int warmup;

    @Option(names = "--tickets", defaultValue = "20000", description = "Tickets timed per path (default ${DEFAULT-VALUE}).")
    int tickets;

    @Spec
    CommandSpec spec;

    private PrintWriter out;
    private PrintWriter err;

    @Override
    public Integer call() {
        out = spec.commandLine().getOut();
        err = spec.commandLine().getErr();
        try {
            return run();
        } finally {
            out.flush();
            err.flush();
        }
    }

    private int run() {
        // A dataset or routing policy that cannot be used fails the command (exit 1) through the entry point.
        List<LabeledTicket> rows = TicketCsvReader.read(data, ColumnSpec.seedSchema()).tickets();
        if (rows.isEmpty()) {
            throw new DatasetException("no tickets in " + data);
        }
        RoutingPolicy policy = routing == null ? RoutingPolicy.bundled() : PolicyReader.read(PolicyFiles.at(routing));
        MaxEntTicketClassifier classifier = loadModel();
        TriageService service = servedPath(classifier, policy);
        ClassifyHttpHandler handler = new ClassifyHttpHandler(service);
        // As in Lambda: EMF records serialized for every request, one JSON INFO line rendered by the shipped layout;
        // both are then dropped, since the console is not the service.
        ClassifyHttpHandler observed = new ClassifyHttpHandler(service,
                TriageMetrics.to(line -> { }, TriageMetrics.DEFAULT_NAMESPACE, "benchmark"));
        DiscardedLogs logs = DiscardedLogs.install();
        List<Ticket> ticketList = rows.stream()
                .map(t -> new Ticket(null, t.subject(), t.description(), null, null)).toList();
        List<APIGatewayV2HTTPEvent> events = ticketList.stream().map(LatencyBenchmark::event).toList();

        for (int i = 0; i < warmup; i++) {
            service.triage(ticketList.get(i % ticketList.size()));
            handler.handleRequest(events.get(i % events.size()), null);
            observed.handleRequest(events.get(i % events.size()), null);
        }
        logs.level(Level.WARN);
        FixedWork reference = FixedWork.calibratedTo(medianNanos(service, ticketList));
        long[] service1 = new long[tickets];
        long[] handler1 = new long[tickets];
        long[] reference1 = new long[tickets];
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
                err.println("latency: a ticket was answered " + response.getStatusCode() + ": " + response.getBody());
                return 1;
            }

            start = System.nanoTime();
            reference.run();
            reference1[i] = System.nanoTime() - start;
        }
        // The observed handler in passes of their own: with its EMF records only, then with its INFO lines rendered too.
        long[] metrics1 = timeHandler(observed, events);
        logs.level(Level.INFO);
        long[] observed1 = timeHandler(observed, events);
        logs.level(Level.WARN);
        if (metrics1 == null || observed1 == null) {
            return 1;
        }
        long[] classifier1 = new long[tickets];
        long[] router1 = new long[tickets];
        String routed = timeParts(service, ticketList, classifier1, router1, policy);
        if (routed == null) {
            return 1;
        }

        out.println("model: " + service.health().modelVersion() + ", routing policy: " + policy.location()
                + " (" + policy.table().rows().size() + (policy.table().rows().size() == 1 ? " row" : " rows")
                + "), tickets from " + data
                + " (" + rows.size() + " distinct), warm-up " + warmup + ", java " + Runtime.version()
                + ", " + Runtime.getRuntime().availableProcessors() + " cpus");
        out.println(routed);
        out.println("TriageService.triage (classify + explain + route): " + Percentiles.of(service1).summaryMicros());
        out.println("ClassifyHttpHandler (event -> JSON response):     " + Percentiles.of(handler1).summaryMicros());
        out.println("  + EMF records (logging at WARN):               " + Percentiles.of(metrics1).summaryMicros());
        out.println("  + EMF records and JSON INFO line, as in Lambda: " + Percentiles.of(observed1).summaryMicros());
        out.println("    (passes of their own: records serialized, the line rendered by the shipped layout, both dropped)");
        out.println("  of which the classifier (both heads, explain):  " + Percentiles.of(classifier1).summaryMicros());
        out.println("  of which the rules (Drools session, route):     " + Percentiles.of(router1).summaryMicros());
        out.println("Machine reference (fixed work, same median):      " + Percentiles.of(reference1).summaryMicros());
        out.println("  (the same allocation-free computation every time, timed between the tickets above: its spread is");
        out.println("   this machine's, not the code's; compare its p99 with the service's)");
        reference.consume();
        return 0;
    }

    private MaxEntTicketClassifier loadModel() {
        return model == null ? MaxEntTicketClassifier.loadBundled() : MaxEntTicketClassifier.load(model);
    }

    /**
     * The service as the function builds it, for {@code policy}: one place, so that it can become
     * {@code TriageServices.create(model, threshold, policy)} once that exists.
     */
    private static TriageService servedPath(MaxEntTicketClassifier classifier, RoutingPolicy policy) {
        return new TriageService(classifier, DroolsRouter.create(policy), OptionalDouble.empty(),
                LanguageDetector.load(LanguageDetector.DEFAULT_LANGUAGES));
    }

    /** Times {@code handler} over {@code tickets} events; null (after a message) when one is not answered 200. */
    private long[] timeHandler(ClassifyHttpHandler handler, List<APIGatewayV2HTTPEvent> events) {
        long[] times = new long[tickets];
        for (int i = 0; i < tickets; i++) {
            long start = System.nanoTime();
            APIGatewayV2HTTPResponse response = handler.handleRequest(events.get(i % events.size()), null);
            times[i] = System.nanoTime() - start;
            if (response.getStatusCode() != 200) {
                err.println("latency: a ticket was answered " + response.getStatusCode());
                return null;
            }
        }
        return times;
    }

    /** The service's median time over the tickets, after the warm-up: what the reference is calibrated to. */
    private static long medianNanos(TriageService service, List<Ticket> ticketList) {
        long[] times = new long[Math.min(2_000, ticketList.size())];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            service.triage(ticketList.get(i));
            times[i] = System.nanoTime() - start;
        }
        return Percentiles.of(times).at(50);
    }

    /**
     * A computation that does exactly the same thing every call, without allocating (so no GC, no JIT change once
     * warm): whatever spread its times show comes from the machine (interrupts, other tenants of the host, caches),
     * and sets a floor under any percentile measured next to it.
     */
    static final class FixedWork {
        private final double[] values = new double[4096];
        private final int rounds;
        private double sink;

        private FixedWork(int rounds) {
            this.rounds = rounds;
            for (int i = 0; i < values.length; i++) {
                values[i] = i * 0.5;
            }
        }

        /** Work whose median time is about {@code targetNanos}, measured warm, in a few rounds of adjustment. */
        static FixedWork calibratedTo(long targetNanos) {
            FixedWork work = new FixedWork(1);
            for (int attempt = 0; attempt < 4; attempt++) {
                long median = work.medianNanos();
                int rounds = (int) Math.max(1, Math.round((double) work.rounds * targetNanos / Math.max(1, median)));
                if (Math.abs(rounds - work.rounds) <= work.rounds / 20) {
                    break;
                }
                work = new FixedWork(rounds);
            }
            return work;
        }

        private long medianNanos() {
            long[] times = new long[3_000];
            for (int pass = 0; pass < 2; pass++) { // the first pass warms the JIT up
                for (int i = 0; i < times.length; i++) {
                    long start = System.nanoTime();
                    run();
                    times[i] = System.nanoTime() - start;
                }
            }
            return Percentiles.of(times).at(50);
        }

        void run() {
            double s = 0;
            for (int r = 0; r < rounds; r++) {
                for (int k = 0; k < values.length; k++) {
                    s += values[k] * values[(k * 7 + r) & (values.length - 1)];
                }
            }
            sink += s;
        }

        /** Uses the result, so the JIT cannot drop the work. */
        void consume() {
            if (sink == 42.0) {
                System.out.println();
            }
        }
    }

    /**
     * Times the classifier and the router on their own, each warmed up first, with the same tickets: the router
     * gets the classifier's real predictions, so the same rules fire as in the service. Before timing, checks that
     * this router sends every ticket to the team the service does (so both apply {@code policy}); returns a line
     * saying where the tickets went, or null (after a message) when they differ.
     */
    private String timeParts(TriageService service, List<Ticket> ticketList, long[] classifierTimes, long[] routerTimes,
                             RoutingPolicy policy) {
        MaxEntTicketClassifier classifier = loadModel();
        try (DroolsRouter router = DroolsRouter.create(policy)) {
            List<RoutingRequest> requests = ticketList.stream().map(t -> {
                Prediction p = classifier.classify(t.subject(), t.description());
                return new RoutingRequest("bench", t.subject(), t.description(), p.category(), p.confidence(),
                        p.priority(), null, service.reviewThreshold());
            }).toList();
            Map<String, Integer> teams = new TreeMap<>();
            for (int i = 0; i < ticketList.size(); i++) {
                String served = service.triage(ticketList.get(i)).team();
                String timed = router.route(requests.get(i)).team();
                if (!served.equals(timed)) {
                    err.println("latency: the timed rules step routes ticket " + (i + 1) + " to " + timed
                            + ", the service to " + served + ": they do not apply the same policy");
                    return null;
                }
                teams.merge(served, 1, Integer::sum);
            }
            time(classifier, router, ticketList, requests, classifierTimes, routerTimes);
            return "routing: " + ticketList.size() + " distinct tickets to " + teams.size() + " teams ("
                    + teams.entrySet().stream()
                            .sorted(Map.Entry.<String, Integer>comparingByValue(Comparator.reverseOrder()))
                            .limit(4).map(e -> e.getKey() + " " + e.getValue()).collect(Collectors.joining(", "))
                    + (teams.size() > 4 ? ", ..." : "") + "); the timed rules step routes each as the service does";
        }
    }

    private void time(MaxEntTicketClassifier classifier, DroolsRouter router, List<Ticket> ticketList,
                      List<RoutingRequest> requests, long[] classifierTimes, long[] routerTimes) {
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
