/** Benchmarks that print figures (cold start, per-ticket latency); they never pass or fail on a time. */
package org.tickettriage.training.bench;
