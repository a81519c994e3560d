/** Runs the Lambda handlers on a workstation: an HTTP server that speaks API Gateway events, and {@code invoke}. */
package org.tickettriage.local;
