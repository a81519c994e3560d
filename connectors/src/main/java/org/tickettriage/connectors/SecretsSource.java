package org.tickettriage.connectors;

import java.util.Map;
import org.tickettriage.triage.Secret;

/**
 * Where a connector's secrets come from (its API token, its webhook signing secret), by the name of the variable that
 * holds them locally ({@code TRIAGE_ZENDESK_API_TOKEN}, ...). Locally the environment
 * ({@code setup.SettingsSecrets}); in AWS one Secrets Manager secret per connector whose
 * JSON keys are those names (the function implements this).
 *
 * <p>Read when a connector starts and again when a helpdesk answers {@code 401} (a rotated token): never cached by
 * the implementation beyond one call. Implementations never log a value.
 */
public interface SecretsSource {

    /**
     * The connector's secrets as they are now, by variable name; names it does not hold are left out, and a connector
     * with no secret configured gets an empty map (a GitHub connector without secrets is off).
     *
     * @param connector the connector's name ({@code zendesk}, {@code github})
     * @throws SecretsUnavailableException when the store cannot be read
     */
    Map<String, Secret> read(String connector);

    /** The secrets store could not be read; the message names the store and the failure's type, never a value. */
    final class SecretsUnavailableException extends RuntimeException {

        private static final long serialVersionUID = 1L;

        public SecretsUnavailableException(String message) {
            super(message);
        }
    }
}
