package org.tickettriage.connectors.setup;

import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import org.tickettriage.connectors.SecretsSource;
import org.tickettriage.connectors.github.GitHubConnector;
import org.tickettriage.connectors.zendesk.ZendeskConnector;
import org.tickettriage.triage.Secret;
import org.tickettriage.triage.TriageSettings;

/**
 * The secrets of the environment ({@link TriageSettings}): how {@code ./triage serve} gets them. The environment is read
 * once per process, so reading again after a 401 finds the same values: restart to rotate. In AWS the function reads
 * Secrets Manager instead.
 */
public final class SettingsSecrets implements SecretsSource {

    private final TriageSettings settings;

    public SettingsSecrets(TriageSettings settings) {
        this.settings = Objects.requireNonNull(settings, "settings");
    }

    @Override
    public Map<String, Secret> read(String connector) {
        Map<String, Secret> secrets = new HashMap<>();
        switch (connector) {
            case ZendeskConnector.NAME -> {
                put(secrets, ZendeskConnector.API_TOKEN, settings.zendesk().apiToken());
                put(secrets, ZendeskConnector.WEBHOOK_SECRET, settings.zendesk().webhookSecret());
            }
            case GitHubConnector.NAME -> {
                put(secrets, GitHubConnector.TOKEN, settings.github().token());
                put(secrets, GitHubConnector.WEBHOOK_SECRET, settings.github().webhookSecret());
            }
            default -> {
                // a connector with no secrets here
            }
        }
        return secrets;
    }

    private static void put(Map<String, Secret> secrets, String name, Optional<Secret> value) {
        value.ifPresent(secret -> secrets.put(name, secret));
    }
}
