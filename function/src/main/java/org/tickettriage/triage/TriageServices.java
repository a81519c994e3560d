package org.tickettriage.triage;

import java.nio.file.Path;
import java.util.Optional;
import java.util.OptionalDouble;

/**
 * Builds the {@link TriageService} once per container: loads the model (the bundled one unless
 * configured otherwise) and the Drools rule base. A model that cannot be loaded is reported here,
 * at start-up, and the service degrades to rules alone.
 */
public final class TriageServices {

    /** Directory of a model artifact to load instead of the bundled one. */
    public static final String ENV_MODEL_DIR = "TRIAGE_MODEL_DIR";
    /** A review threshold in [0, 1] that replaces the model card's. */
    public static final String ENV_REVIEW_THRESHOLD = "TRIAGE_REVIEW_THRESHOLD";

    private TriageServices() {
    }

    /** The container-wide service, configured from the environment; built on first use. */
    public static TriageService shared() {
        throw new UnsupportedOperationException("wired at integration: classifier and router loaders");
    }

    /**
     * A service with the model in {@code modelDir} (or the bundled model when empty).
     *
     * @param thresholdOverride a review threshold that replaces the model card's, if present
     */
    public static TriageService create(Optional<Path> modelDir, OptionalDouble thresholdOverride) {
        throw new UnsupportedOperationException("wired at integration: classifier and router loaders");
    }
}
