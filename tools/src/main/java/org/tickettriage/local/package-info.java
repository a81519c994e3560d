/**
 * Runs the Lambda handlers on a workstation: an HTTP server that speaks API Gateway events ({@code serve}),
 * {@code invoke} with an event file, {@code ingest-email} and {@code routing check}. Never in the Lambda jar.
 */
package org.tickettriage.local;
