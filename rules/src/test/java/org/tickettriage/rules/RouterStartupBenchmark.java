package org.tickettriage.rules;

import java.util.Locale;

/**
 * Prints what routing costs on a cold JVM: building the KieBase from the generated model, the first
 * ticket, and the mean of many warm ones. A benchmark, not a test: run it in a fresh JVM on the runtime
 * classpath (see rules/README.md) and read the figures.
 */
public final class RouterStartupBenchmark {

    private RouterStartupBenchmark() {
    }

    public static void main(String[] args) {
        int warmTickets = args.length > 0 ? Integer.parseInt(args[0]) : 20_000;
        long jvmStartMillis = java.lang.management.ManagementFactory.getRuntimeMXBean().getStartTime();

        // CPU time of this thread as well as wall time: on a shared machine the wall time mostly measures the load.
        java.lang.management.ThreadMXBean threads = java.lang.management.ManagementFactory.getThreadMXBean();
        long cpu0 = threads.getCurrentThreadCpuTime();
        long t0 = System.nanoTime();
        DroolsRouter router = DroolsRouter.create();
        long t1 = System.nanoTime();
        long cpu1 = threads.getCurrentThreadCpuTime();
        router.route(Tickets.predicted("The app crashes when I open an invoice", "Bug Report", 0.4, "Medium"));
        long t2 = System.nanoTime();
        long jvmStartToFirstTicket = System.currentTimeMillis() - jvmStartMillis;

        RoutingRequest[] mix = {
            Tickets.confident("Billing Inquiry", "High"),
            Tickets.predicted("I forgot my password", "Bug Report", 0.2, "Low"),
            Tickets.withoutModel("Outage", "Production is down, nobody can log in", null),
            Tickets.predicted("Our account was hacked", "Account Management", 0.9, "Medium"),
        };
        // Warm up the JIT first: a warm container routes with compiled code.
        for (int i = 0; i < warmTickets; i++) {
            router.route(mix[i % mix.length]);
        }
        long t3 = System.nanoTime();
        for (int i = 0; i < warmTickets; i++) {
            router.route(mix[i % mix.length]);
        }
        long t4 = System.nanoTime();

        System.out.printf(Locale.ROOT, "KieBase build (DroolsRouter.create): %.1f ms wall, %.1f ms CPU%n",
                (t1 - t0) / 1e6, (cpu1 - cpu0) / 1e6);
        System.out.printf(Locale.ROOT, "first ticket routed:                 %.1f ms%n", (t2 - t1) / 1e6);
        System.out.printf(Locale.ROOT, "JVM start to first ticket routed:    %d ms%n",
                jvmStartToFirstTicket);
        System.out.printf(Locale.ROOT, "warm routing, mean of %d tickets:    %.1f us%n", warmTickets,
                (t4 - t3) / 1e3 / warmTickets);
    }
}
