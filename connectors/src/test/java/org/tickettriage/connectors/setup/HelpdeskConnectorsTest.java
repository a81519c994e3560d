package org.tickettriage.connectors.setup;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.tickettriage.connectors.Connector;
import org.tickettriage.connectors.SecretsSource;
import org.tickettriage.connectors.VendorHttp;
import org.tickettriage.connectors.github.GitHubConnector;
import org.tickettriage.connectors.zendesk.ZendeskConnector;
import org.tickettriage.rules.routing.RoutingPolicy;
import org.tickettriage.triage.Secret;
import org.tickettriage.triage.TriageSettings;

/**
 * Start-up reads each connector's secrets once: in AWS every read is a call to Secrets Manager during init, and the
 * settings check and the connector share the one read; a 401 later reads them again ({@code refreshSecrets}).
 */
class HelpdeskConnectorsTest {

    @Test
    void eachConnectorsSecretsAreReadOnceAtStartAndAgainOnRefresh() {
        Map<String, Integer> reads = new HashMap<>();
        Map<String, Map<String, Secret>> stored = Map.of(
                ZendeskConnector.NAME, Map.of(ZendeskConnector.API_TOKEN, Secret.of("token"),
                        ZendeskConnector.WEBHOOK_SECRET, Secret.of("signing")),
                GitHubConnector.NAME, Map.of(GitHubConnector.TOKEN, Secret.of("gh-token"),
                        GitHubConnector.WEBHOOK_SECRET, Secret.of("gh-signing")));
        SecretsSource counting = connector -> {
            reads.merge(connector, 1, Integer::sum);
            return stored.getOrDefault(connector, Map.of());
        };
        TriageSettings settings = TriageSettings.fromEnvironment(Map.of(
                TriageSettings.ZENDESK_URL, "https://example.zendesk.com",
                TriageSettings.ZENDESK_EMAIL, "agent@example.com"));

        List<Connector> connectors = HelpdeskConnectors.create(settings, counting,
                new VendorHttp(Duration.ofSeconds(1), Duration.ofSeconds(1), Clock.systemUTC()), RoutingPolicy.bundled());

        assertThat(connectors).extracting(Connector::name).containsExactly(ZendeskConnector.NAME, GitHubConnector.NAME);
        assertThat(reads).containsEntry(ZendeskConnector.NAME, 1).containsEntry(GitHubConnector.NAME, 1);

        connectors.forEach(Connector::refreshSecrets);

        assertThat(reads).containsEntry(ZendeskConnector.NAME, 2).containsEntry(GitHubConnector.NAME, 2);
    }
}
