package org.tickettriage.rules.routing;

import java.time.Duration;
import java.util.List;
import org.tickettriage.rules.TicketAttributes;
import org.tickettriage.rules.facts.CueList;
import org.tickettriage.rules.facts.CueText;

/**
 * One escalation cue: when the ticket's text mentions its phrases, it meets its attribute conditions and every
 * cue it requires matches too, the ticket's priority is raised to at least {@code priorityFloor}, it goes to
 * {@code team} and {@code queue} (the first routing cue in file order wins over review and the routing table),
 * and its first-response target is at most {@code firstResponse}.
 *
 * @param name          the cue's name, unique in the policy; reasons say {@code Escalate <name>}
 * @param phrases       the phrases, or null when the cue tests attributes only
 * @param requires      the names of the cues that must match as well (transitively), in dependency order
 * @param conditions    the attribute conditions
 * @param priorityFloor the priority the ticket is raised to, scale spelling, or null
 * @param team          the team it routes to, or null
 * @param queue         the queue it routes to, or null (set together with team)
 * @param firstResponse the first-response target it promises, or null
 * @param line          where the cue is in {@code escalation.csv}
 */
public record EscalationCue(String name, CueList phrases, List<String> requires, Conditions conditions,
                            String priorityFloor, String team, String queue, Duration firstResponse, int line) {

    public EscalationCue {
        requires = List.copyOf(requires);
    }

    /** Whether the cue's own phrases and conditions match, leaving required cues aside. */
    boolean matchesItself(CueText text, TicketAttributes attributes) {
        return conditions.matches(attributes) && (phrases == null || text.mentions(phrases));
    }

    /** Whether the cue chooses team and queue. */
    public boolean routes() {
        return team != null;
    }
}
