/** The Lambda adapters: API Gateway HTTP API events in, JSON responses out, through {@code TriageService}. */
package org.tickettriage.handler;
