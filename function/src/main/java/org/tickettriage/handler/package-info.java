/** The Lambda adapters: HTTP API events and S3 email notifications in, JSON results out, through {@code TriageService}. */
package org.tickettriage.handler;
