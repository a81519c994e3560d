/**
 * Which connectors the settings turn on, and the in-process assembly of {@code ./triage serve}: the one package that
 * knows every helpdesk, so that the pipeline and the helpdesks' packages never depend on each other in a cycle.
 */
package org.tickettriage.connectors.setup;
