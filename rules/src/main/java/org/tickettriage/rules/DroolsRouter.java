package org.tickettriage.rules;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import org.drools.model.Model;
import org.drools.modelcompiler.KieBaseBuilder;
import org.kie.api.KieBase;
import org.kie.api.runtime.KieSession;
import org.kie.api.runtime.KieSessionsPool;
import org.tickettriage.rules.facts.CueMatch;
import org.tickettriage.rules.facts.DecisionFact;
import org.tickettriage.rules.facts.TicketFact;
import org.tickettriage.rules.routing.EscalationCue;
import org.tickettriage.rules.routing.PolicyReader;
import org.tickettriage.rules.routing.RoutingPolicy;

/**
 * The {@link Router} backed by the generic Drools rules in {@code routing.drl}, loaded from the executable model
 * that kie-maven-plugin generated at build time, applying one {@link RoutingPolicy}: the rules query it through
 * the global {@code policy}, so its rows are never inserted as facts.
 *
 * <p>Thread-safe: the {@link KieBase} is built once and shared; every {@link #route} call runs in a session of
 * its own, taken from a pool and returned, reset, before it returns. Build one instance per container with {@link #create()}.
 */
public final class DroolsRouter implements Router, AutoCloseable {

    /**
     * Where kie-maven-plugin lists the generated model classes: {@code META-INF/kie/<groupId>/<artifactId>/drools-model}.
     * Read directly, so that no kmodule.xml (ignored without drools-xml-support) and no DRL is involved at run time.
     */
    static final String MODEL_LIST_RESOURCE = "META-INF/kie/org.tickettriage/ticket-triage-rules/drools-model";

    /** The first line of that file names the Drools version that wrote it, not a class. */
    private static final String MODEL_VERSION_HEADER = "Drools-Model-Version:";

    /**
     * Every rule is guarded to fire at most once, so a ticket fires about ten; a run reaching this bound
     * means a rule loops, and routing stops with an error instead of spinning.
     */
    private static final int MAX_FIRINGS = 500;

    /** The name of the DRL's global through which the rules query the routing policy. */
    private static final String POLICY_GLOBAL = "policy";

    /**
     * Sessions are taken from a pool and reset on dispose instead of built per ticket: building one (agenda,
     * working memory, node memories) made routing about a third slower. The pool grows on demand,
     * one session per concurrent caller.
     */
    private final KieSessionsPool sessions;

    private final RoutingPolicy policy;

    private DroolsRouter(KieBase kieBase, RoutingPolicy policy) {
        this.sessions = kieBase.newKieSessionsPool(1);
        this.policy = policy;
    }

    /**
     * Builds the router from the generated executable model. Costs one KieBase build, a few hundred
     * milliseconds on a cold JVM, most of it class loading (RouterStartupBenchmark measures it); call it
     * once per container and share the instance.
     *
     * @throws RulesLoadException when the generated model is missing or cannot be instantiated
     */
    public static DroolsRouter create() {
        return create(RoutingPolicy.bundled());
    }

    /**
     * Builds the router for {@code policy}, a policy already read and checked ({@link PolicyReader}).
     *
     * @throws RulesLoadException when the generated model is missing or cannot be instantiated
     */
    public static DroolsRouter create(RoutingPolicy policy) {
        Objects.requireNonNull(policy, "policy");
        return new DroolsRouter(sharedKieBase(), policy);
    }

    /**
     * The rule base holds the generic rules only (the policy is a global set per session), so routers for
     * different policies (a check, an evaluation, tests) share one, built on first use.
     */
    private static volatile KieBase sharedKieBase;

    private static KieBase sharedKieBase() {
        KieBase kieBase = sharedKieBase;
        if (kieBase == null) {
            synchronized (DroolsRouter.class) {
                kieBase = sharedKieBase;
                if (kieBase == null) {
                    kieBase = KieBaseBuilder.createKieBaseFromModel(generatedModels(DroolsRouter.class.getClassLoader()));
                    sharedKieBase = kieBase;
                }
            }
        }
        return kieBase;
    }

    /** The model classes kie-maven-plugin generated from the DRL, instantiated; package-private for tests. */
    static List<Model> generatedModels(ClassLoader classLoader) {
        List<String> classNames = modelClassNames(classLoader);
        List<Model> models = new ArrayList<>(classNames.size());
        for (String className : classNames) {
            try {
                models.add(Class.forName(className, true, classLoader)
                        .asSubclass(Model.class)
                        .getDeclaredConstructor()
                        .newInstance());
            } catch (ReflectiveOperationException | ClassCastException | LinkageError e) {
                throw new RulesLoadException("cannot instantiate the generated rule model " + className, e);
            }
        }
        return models;
    }

    private static List<String> modelClassNames(ClassLoader classLoader) {
        String listing;
        try (InputStream in = classLoader.getResourceAsStream(MODEL_LIST_RESOURCE)) {
            if (in == null) {
                throw new RulesLoadException(MODEL_LIST_RESOURCE + " is missing: the rules module must be built"
                        + " with kie-maven-plugin, which compiles routing.drl into the executable model");
            }
            listing = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new RulesLoadException("cannot read " + MODEL_LIST_RESOURCE, e);
        }
        List<String> classNames = listing.lines()
                .map(String::strip)
                .filter(line -> !line.isEmpty() && !line.startsWith(MODEL_VERSION_HEADER))
                .toList();
        if (classNames.isEmpty()) {
            throw new RulesLoadException(MODEL_LIST_RESOURCE + " lists no generated rule model");
        }
        return classNames;
    }

    /**
     * Disposes this router's pooled sessions. The rule base is shared and keeps every session it made until it is
     * disposed, so code that builds many routers in one JVM (a policy check per request, a fuzzer) closes each.
     */
    @Override
    public void close() {
        sessions.shutdown();
    }

    /** How many sessions the shared rule base holds, for tests. */
    static int liveSessions() {
        return sharedKieBase().getKieSessions().size();
    }

    @Override
    public RoutingPolicy policy() {
        return policy;
    }

    @Override
    public RoutingDecision route(RoutingRequest request) {
        Objects.requireNonNull(request, "request");
        TicketFact ticket = new TicketFact(request, policy);
        DecisionFact decision = new DecisionFact();
        KieSession session = sessions.newKieSession();
        try {
            session.setGlobal(POLICY_GLOBAL, policy);
            session.insert(ticket);
            session.insert(decision);
            List<EscalationCue> cues = policy.matchingEscalations(ticket.getCues(), ticket.getAttributes());
            for (int i = 0; i < cues.size(); i++) {
                session.insert(new CueMatch(cues.get(i), i));
            }
            int count = session.fireAllRules(MAX_FIRINGS);
            if (count >= MAX_FIRINGS) {
                throw new IllegalStateException("routing rules fired " + count + " times for ticket "
                        + request.ticketId() + ": a rule loops; decision so far: " + decision);
            }
            return decision.toDecision();
        } finally {
            session.dispose(); // back to the pool, its working memory reset
        }
    }
}
