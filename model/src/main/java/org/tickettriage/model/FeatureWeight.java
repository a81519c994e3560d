package org.tickettriage.model;

/** One feature of the ticket and how much it pushed the predicted category (weight × feature value). */
public record FeatureWeight(String feature, double weight) {
}
