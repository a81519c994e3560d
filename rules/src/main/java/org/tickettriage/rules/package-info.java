/** Routing policy: the facts, the Drools rules that map category and priority to a team, and the router API. */
package org.tickettriage.rules;
