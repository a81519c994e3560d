package org.tickettriage.triage;

/**
 * The service's state, as {@code GET /health} reports it.
 *
 * @param status       {@code ok}, or {@code degraded} when the model is missing and rules decide alone
 * @param modelLoaded  whether a model is loaded
 * @param modelVersion the loaded model's version, or {@code none}
 * @param detail       why the service is degraded, or null
 */
public record Health(String status, boolean modelLoaded, String modelVersion, String detail) {
}
