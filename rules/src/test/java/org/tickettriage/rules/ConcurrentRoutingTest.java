package org.tickettriage.rules;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

class ConcurrentRoutingTest {

    private static final List<RoutingRequest> TICKETS = List.of(
            Tickets.confident("Billing Inquiry", "High"),
            Tickets.confident("Shipping Question", null),
            Tickets.predicted("I forgot my password", "Bug Report", 0.2, "Low"),
            Tickets.predicted("The app crashes when I open my invoice", "Technical Issue", 0.3, "Medium"),
            Tickets.predicted("Something odd", "Feature Request", 0.1, null),
            Tickets.withoutModel("Outage", "Production is down, nobody can work", null),
            Tickets.withoutModel("Help", "Our account was hacked", "Low"),
            Tickets.predicted("I lost all my data in production", "Bug Report", 0.9, "Low"),
            Tickets.predicted("Please add dark mode", "Feature Request", 0.8, "Medium"));

    @Test
    void aReusedSessionRemembersNothingOfThePreviousTicket() {
        DroolsRouter router = DroolsRouter.create();
        RoutingDecision plain = router.route(Tickets.confident("Billing Inquiry", null));
        RoutingDecision incident = router.route(Tickets.withoutModel("Help", "Our account was hacked", "Low"));
        RoutingDecision plainAgain = router.route(Tickets.confident("Billing Inquiry", null));

        assertThat(incident.reasons()).contains("Escalate security incident");
        assertThat(plainAgain).isEqualTo(plain);
        assertThat(plainAgain.reasons()).doesNotContain("Escalate security incident");
    }

    @Test
    void routesTheSameFromManyThreadsAsSequentially() throws Exception {
        DroolsRouter router = DroolsRouter.create();
        List<RoutingDecision> expected = TICKETS.stream().map(router::route).toList();

        int threads = 8;
        int roundsPerThread = 200;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Callable<List<RoutingDecision>>> tasks = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                int offset = t;
                tasks.add(() -> {
                    start.await();
                    List<RoutingDecision> mismatches = new ArrayList<>();
                    for (int i = 0; i < roundsPerThread * TICKETS.size(); i++) {
                        // Each thread walks the tickets from a different start, so different rules run at once.
                        int k = (i + offset) % TICKETS.size();
                        RoutingDecision decision = router.route(TICKETS.get(k));
                        if (!decision.equals(expected.get(k))) {
                            mismatches.add(decision);
                        }
                    }
                    return mismatches;
                });
            }
            List<Future<List<RoutingDecision>>> results = new ArrayList<>();
            for (Callable<List<RoutingDecision>> task : tasks) {
                results.add(pool.submit(task));
            }
            start.countDown();
            for (Future<List<RoutingDecision>> result : results) {
                assertThat(result.get(120, TimeUnit.SECONDS)).isEmpty();
            }
        } finally {
            pool.shutdownNow();
        }
        // Every ticket has its own answer, so a decision leaking between concurrent sessions would show.
        assertThat(expected).doesNotHaveDuplicates();
    }

    @Test
    void closingARouterReleasesItsSessionsFromTheSharedRuleBase() {
        int before = DroolsRouter.liveSessions();
        for (int i = 0; i < 50; i++) {
            try (DroolsRouter router = DroolsRouter.create()) {
                router.route(Tickets.confident("Bug Report", "High"));
            }
        }
        assertThat(DroolsRouter.liveSessions()).isEqualTo(before);
    }
}
