/** The {@code triage} command line of the training tools: the top-level command and its error reporting. */
package org.tickettriage.training.cli;
