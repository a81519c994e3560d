/** The facts the routing rules reason over: the ticket as read-only input and the decision the rules fill in. */
package org.tickettriage.rules.facts;
