/** The channel-independent core: a ticket in, a validated, classified and routed result out. */
package org.tickettriage.triage;
