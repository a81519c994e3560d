package org.tickettriage.rules.facts;

import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.kie.api.definition.type.Modifies;
import org.tickettriage.rules.DecidedBy;
import org.tickettriage.rules.Reason;
import org.tickettriage.rules.ReasonCode;
import org.tickettriage.rules.RoutingDecision;
import org.tickettriage.rules.routing.EscalationCue;
import org.tickettriage.rules.routing.PriorityScale;
import org.tickettriage.rules.routing.ReviewQueue;
import org.tickettriage.rules.routing.RouteRow;

/**
 * The decision the rules fill in for one ticket, one field per stage, with the reasons in the order the steps
 * happened; mutable and confined to one session, turned into the immutable {@link RoutingDecision} at the end.
 */
public final class DecisionFact {

    private String category;
    private DecidedBy decidedBy;
    private boolean needsReview;
    private String priority;
    private boolean escalated;
    private EscalationCue routingCue;
    private EscalationCue tightestCue;
    private String team;
    private String queue;
    private Duration firstResponseTarget;
    private final Map<String, String> outputs = new LinkedHashMap<>();
    private final List<Reason> reasons = new ArrayList<>(6);

    /** Records a step of the decision; reasons are not watched by any rule. */
    public void because(ReasonCode code, String detail) {
        reasons.add(new Reason(code, detail));
    }

    public String getCategory() {
        return category;
    }

    public void setCategory(String category) {
        this.category = category;
    }

    public DecidedBy getDecidedBy() {
        return decidedBy;
    }

    public void setDecidedBy(DecidedBy decidedBy) {
        this.decidedBy = decidedBy;
    }

    public boolean isNeedsReview() {
        return needsReview;
    }

    public void setNeedsReview(boolean needsReview) {
        this.needsReview = needsReview;
    }

    public String getPriority() {
        return priority;
    }

    public void setPriority(String priority) {
        this.priority = priority;
    }

    public boolean isEscalated() {
        return escalated;
    }

    /**
     * Applies a matching escalation cue: the priority rises to its floor (never falls; the decision is marked
     * escalated only when it rose), the first cue that routes is kept for the routing stage, and the cue with the
     * tightest first response for the SLA stage.
     */
    @Modifies({"priority", "escalated", "routingCue", "tightestCue"})
    public void escalate(EscalationCue cue, PriorityScale scale) {
        because(ReasonCode.ESCALATION, cue.name());
        if (cue.priorityFloor() != null) {
            raiseTo(scale.atLeast(priority, cue.priorityFloor()));
        }
        if (cue.routes() && routingCue == null) {
            routingCue = cue;
        }
        if (cue.firstResponse() != null
                && (tightestCue == null || cue.firstResponse().compareTo(tightestCue.firstResponse()) < 0)) {
            tightestCue = cue;
        }
    }

    private void raiseTo(String target) {
        if (!target.equals(priority)) {
            priority = target;
            escalated = true;
        }
    }

    public EscalationCue getRoutingCue() {
        return routingCue;
    }

    public EscalationCue getTightestCue() {
        return tightestCue;
    }

    /** Routes to the team and queue of the first escalation cue that routes. */
    @Modifies({"team", "queue"})
    public void routeByCue() {
        team = routingCue.team();
        queue = routingCue.queue();
        because(ReasonCode.ROUTE_ESCALATION, routingCue.name());
    }

    /** Routes to the review queue because a person must decide the category. */
    @Modifies({"team", "queue", "firstResponseTarget"})
    public void routeToReview(ReviewQueue review) {
        team = review.team();
        queue = review.queue();
        firstResponseTarget = review.firstResponse();
        because(ReasonCode.ROUTE_REVIEW, null);
    }

    /** Routes by a routing-table row; its priority floor, if any, raises the priority without choosing another row. */
    @Modifies({"team", "queue", "firstResponseTarget", "priority", "escalated"})
    public void routeByRow(RouteRow row, PriorityScale scale) {
        team = row.team();
        queue = row.queue();
        firstResponseTarget = row.firstResponse();
        outputs.putAll(row.outputs());
        because(ReasonCode.ROUTE_TABLE, category + " (" + row.location() + ")");
        if (row.priorityFloor() != null && scale.rank(priority) < scale.rank(row.priorityFloor())) {
            raiseTo(row.priorityFloor());
            because(ReasonCode.PRIORITY_FLOOR, row.priorityFloor() + " (" + row.location() + ")");
        }
    }

    /** No row routes the category: the review queue, for a person to route it. */
    @Modifies({"team", "queue", "firstResponseTarget", "needsReview"})
    public void routeUnrouted(ReviewQueue review) {
        team = review.team();
        queue = review.queue();
        firstResponseTarget = review.firstResponse();
        needsReview = true;
        because(ReasonCode.UNROUTED_CATEGORY, category);
    }

    /** The tightest escalation cue's first response, when it is tighter than the one routing gave (if any). */
    @Modifies({"firstResponseTarget", "tightestCue"})
    public void tightenToCue(PriorityScale scale) {
        Duration routed = firstResponseTarget != null ? firstResponseTarget : scale.firstResponse(priority);
        if (tightestCue.firstResponse().compareTo(routed) < 0) {
            firstResponseTarget = tightestCue.firstResponse();
            because(ReasonCode.SLA_ESCALATION, tightestCue.name());
        }
        tightestCue = null;
    }

    /** The first response of the ticket's priority on the scale, where routing set none. */
    @Modifies({"firstResponseTarget"})
    public void firstResponseByPriority(PriorityScale scale) {
        firstResponseTarget = scale.firstResponse(priority);
        because(ReasonCode.SLA_PRIORITY, priority);
    }

    public String getTeam() {
        return team;
    }

    public void setTeam(String team) {
        this.team = team;
    }

    public String getQueue() {
        return queue;
    }

    public void setQueue(String queue) {
        this.queue = queue;
    }

    public Duration getFirstResponseTarget() {
        return firstResponseTarget;
    }

    public void setFirstResponseTarget(Duration firstResponseTarget) {
        this.firstResponseTarget = firstResponseTarget;
    }

    /** The steps so far, in order. */
    public List<Reason> getReasons() {
        return reasons;
    }

    /**
     * The immutable decision, once every stage has filled its field.
     *
     * @throws IllegalStateException when the rule set left a field empty (a gap in the rules, not bad input)
     */
    public RoutingDecision toDecision() {
        if (category == null || decidedBy == null || priority == null || team == null || queue == null
                || firstResponseTarget == null) {
            throw new IllegalStateException("routing rules left the decision incomplete: " + this);
        }
        return new RoutingDecision(category, priority, team, queue, firstResponseTarget, decidedBy,
                needsReview, escalated, reasons, outputs);
    }

    @Override
    public String toString() {
        return "DecisionFact[category=" + category + ", decidedBy=" + decidedBy + ", needsReview=" + needsReview
                + ", priority=" + priority + ", escalated=" + escalated + ", team=" + team + ", queue=" + queue
                + ", firstResponseTarget=" + firstResponseTarget + ", reasons=" + reasons + "]";
    }
}
