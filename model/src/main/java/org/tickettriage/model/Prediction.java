package org.tickettriage.model;

import java.util.List;
import java.util.Map;

/**
 * A model's answer for one ticket.
 *
 * @param category           the most probable category
 * @param confidence         its probability
 * @param probabilities      every category's probability, most probable first
 * @param priority           the most probable priority
 * @param priorityConfidence its probability
 * @param explanation        the features that pushed the predicted category most, strongest first
 */
public record Prediction(
        String category,
        double confidence,
        Map<String, Double> probabilities,
        String priority,
        double priorityConfidence,
        List<FeatureWeight> explanation) {

    public Prediction {
        probabilities = java.util.Collections.unmodifiableMap(new java.util.LinkedHashMap<>(probabilities));
        explanation = List.copyOf(explanation);
    }
}
