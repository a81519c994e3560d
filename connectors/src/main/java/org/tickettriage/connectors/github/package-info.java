/** GitHub Issues: {@code issues} webhooks (opened, reopened) in, labels and an optional comment out. */
package org.tickettriage.connectors.github;
