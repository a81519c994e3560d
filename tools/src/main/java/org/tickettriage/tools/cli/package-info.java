/** What every {@code ./triage} command shares: the exit-code convention. */
package org.tickettriage.tools.cli;
