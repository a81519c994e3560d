/**
 * The routing policy as data: the routing table, priority scale, keyword fallbacks, escalation cues and review
 * queue, read from CSV files, checked, and indexed once for the generic rules in {@code routing.drl}.
 */
package org.tickettriage.rules.routing;
