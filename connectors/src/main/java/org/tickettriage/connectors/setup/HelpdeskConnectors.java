package org.tickettriage.connectors.setup;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.tickettriage.connectors.Connector;
import org.tickettriage.connectors.SecretsSource;
import org.tickettriage.connectors.VendorHttp;
import org.tickettriage.connectors.github.GitHubConnector;
import org.tickettriage.connectors.zendesk.ZendeskConnector;
import org.tickettriage.rules.routing.PriorityScale;
import org.tickettriage.rules.routing.RouteRow;
import org.tickettriage.rules.routing.RoutingPolicy;
import org.tickettriage.triage.InvalidSettingsException;
import org.tickettriage.triage.Secret;
import org.tickettriage.triage.TriageSettings;

/**
 * The connectors that the settings turn on, built once per process: Zendesk when {@code TRIAGE_ZENDESK_URL} is set,
 * GitHub when its secrets source holds a token or a webhook secret. A connector that is on but lacks what it needs
 * stops the start, and so does a routing policy output it cannot write (a group id that is not a number).
 */
public final class HelpdeskConnectors {

    private HelpdeskConnectors() {
    }

    /**
     * The connectors that are on (none when no connector is configured).
     *
     * @param policy the routing policy in force, whose outputs are checked
     * @throws InvalidSettingsException listing what is missing or invalid
     */
    public static List<Connector> create(TriageSettings settings, SecretsSource secrets, VendorHttp http, RoutingPolicy policy) {
        List<TriageSettings.Problem> problems = new ArrayList<>();
        List<Connector> connectors = new ArrayList<>();

        TriageSettings.Zendesk zendesk = settings.zendesk();
        if (zendesk.url().isPresent()) {
            Map<String, Secret> read = secrets.read(ZendeskConnector.NAME);
            require(problems, TriageSettings.ZENDESK_EMAIL, zendesk.email().isPresent(), "the Zendesk connector");
            require(problems, TriageSettings.ZENDESK_API_TOKEN, read.containsKey(ZendeskConnector.API_TOKEN), "the Zendesk connector");
            require(problems, TriageSettings.ZENDESK_WEBHOOK_SECRET, read.containsKey(ZendeskConnector.WEBHOOK_SECRET), "the Zendesk connector");
            for (String problem : ZendeskConnector.checkOutputs(outputs(policy))) {
                problems.add(new TriageSettings.Problem(TriageSettings.ROUTING, "routing policy " + policy.location() + ": " + problem, true));
            }
            if (problems.isEmpty()) {
                connectors.add(new ZendeskConnector(new ZendeskConnector.Config(zendesk.url().get(), zendesk.email().get(),
                        zendesk.accountId(), zendesk.replayWindow()), secrets, read, http));
            }
        }

        TriageSettings.GitHub github = settings.github();
        Map<String, Secret> read = secrets.read(GitHubConnector.NAME);
        if (!read.isEmpty()) {
            int before = problems.size();
            require(problems, TriageSettings.GITHUB_TOKEN, read.containsKey(GitHubConnector.TOKEN), "the GitHub connector");
            require(problems, TriageSettings.GITHUB_WEBHOOK_SECRET, read.containsKey(GitHubConnector.WEBHOOK_SECRET), "the GitHub connector");
            if (problems.size() == before) {
                connectors.add(new GitHubConnector(new GitHubConnector.Config(github.apiUrl(), github.repositories(),
                        github.botLogin(), github.labelPrefix(), github.comment()), secrets, read, http));
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidSettingsException(problems);
        }
        return List.copyOf(connectors);
    }

    private static void require(List<TriageSettings.Problem> problems, String variable, boolean present, String who) {
        if (!present) {
            problems.add(new TriageSettings.Problem(variable, variable + " is not set; " + who + " needs it", true));
        }
    }

    /** Every output map of the policy with where it is: the routing rows', then the priorities'. */
    static Map<String, Map<String, String>> outputs(RoutingPolicy policy) {
        Map<String, Map<String, String>> outputs = new LinkedHashMap<>();
        for (RouteRow row : policy.table().rows()) {
            outputs.put(row.location(), row.outputs());
        }
        PriorityScale scale = policy.priorities();
        for (String label : scale.labels()) {
            outputs.put("priorities.csv " + label, scale.outputs(label));
        }
        return outputs;
    }

    /** The first connector named {@code name}, if on. */
    public static Optional<Connector> named(List<Connector> connectors, String name) {
        return connectors.stream().filter(c -> c.name().equals(name)).findFirst();
    }
}
