package org.tickettriage.aws;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import org.tickettriage.connectors.SecretsSource;
import org.tickettriage.triage.Secret;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.secretsmanager.SecretsManagerClient;
import software.amazon.awssdk.services.secretsmanager.model.GetSecretValueResponse;

/**
 * One Secrets Manager secret per connector, a JSON object whose keys are the local variables' names
 * ({@code TRIAGE_ZENDESK_API_TOKEN}, ...). Read on every call ({@link SecretsSource}: at start and after a 401), so a
 * rotated secret is picked up; never cached here, never logged.
 */
public final class SecretsManagerSecrets implements SecretsSource {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretsManagerClient client;
    private final Map<String, String> secretIds;

    /**
     * @param secretIds the secret's ARN by connector name; a connector without one has no secrets (it is off)
     */
    public SecretsManagerSecrets(SecretsManagerClient client, Map<String, String> secretIds) {
        this.client = Objects.requireNonNull(client, "client");
        this.secretIds = Map.copyOf(secretIds);
    }

    @Override
    public Map<String, Secret> read(String connector) {
        String secretId = secretIds.get(connector);
        if (secretId == null) {
            return Map.of();
        }
        String text;
        try {
            GetSecretValueResponse response = client.getSecretValue(request -> request.secretId(secretId));
            text = response.secretString();
        } catch (SdkException e) {
            throw new SecretsUnavailableException("the " + connector + " secret could not be read from Secrets Manager ("
                    + e.getClass().getName() + ")");
        }
        if (text == null) {
            throw new SecretsUnavailableException("the " + connector + " secret has no SecretString (a binary secret?)");
        }
        JsonNode object;
        try {
            object = JSON.readTree(text);
        } catch (IOException e) {
            // The parser's message quotes the text, which is the secret: never passed on.
            throw new SecretsUnavailableException("the " + connector + " secret is not JSON");
        }
        if (object == null || !object.isObject()) {
            throw new SecretsUnavailableException("the " + connector + " secret is not a JSON object of variable names");
        }
        Map<String, Secret> secrets = new HashMap<>();
        object.properties().forEach(entry -> {
            if (entry.getValue().isTextual() && !entry.getValue().asText().isBlank()) {
                secrets.put(entry.getKey(), Secret.of(entry.getValue().asText().strip()));
            }
        });
        return secrets;
    }
}
