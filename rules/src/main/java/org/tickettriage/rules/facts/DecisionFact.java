package org.tickettriage.rules.facts;

import java.time.Duration;
import java.util.List;

import org.kie.api.definition.type.Modifies;
import org.tickettriage.rules.DecidedBy;
import org.tickettriage.rules.RoutingDecision;

/**
 * The decision the rules fill in for one ticket, one field per stage; mutable and confined to one
 * session, turned into the immutable {@link RoutingDecision} at the end.
 */
public final class DecisionFact {

    private String category;
    private DecidedBy decidedBy;
    private boolean needsReview;
    private String priority;
    private boolean escalated;
    private boolean securityIncident;
    private boolean dataLoss;
    private String team;
    private String queue;
    private Duration firstResponseTarget;

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

    public void setEscalated(boolean escalated) {
        this.escalated = escalated;
    }

    /**
     * Sets the priority a rule escalates to, and marks the decision escalated only when that changes it.
     * The rules choose a target that is never lower than the current priority.
     */
    @Modifies({"priority", "escalated"})
    public void escalateTo(String target) {
        if (!target.equals(priority)) {
            priority = target;
            escalated = true;
        }
    }

    public boolean isSecurityIncident() {
        return securityIncident;
    }

    public void setSecurityIncident(boolean securityIncident) {
        this.securityIncident = securityIncident;
    }

    public boolean isDataLoss() {
        return dataLoss;
    }

    public void setDataLoss(boolean dataLoss) {
        this.dataLoss = dataLoss;
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

    /**
     * The immutable decision, once every stage has filled its field.
     *
     * @throws IllegalStateException when the rule set left a field empty (a gap in the policy, not bad input)
     */
    public RoutingDecision toDecision(List<String> reasons) {
        if (category == null || decidedBy == null || priority == null || team == null || queue == null
                || firstResponseTarget == null) {
            throw new IllegalStateException("routing rules left the decision incomplete: " + this
                    + " after " + reasons);
        }
        return new RoutingDecision(category, priority, team, queue, firstResponseTarget, decidedBy,
                needsReview, escalated, reasons);
    }

    @Override
    public String toString() {
        return "DecisionFact[category=" + category + ", decidedBy=" + decidedBy + ", needsReview=" + needsReview
                + ", priority=" + priority + ", escalated=" + escalated + ", securityIncident=" + securityIncident
                + ", dataLoss=" + dataLoss + ", team=" + team + ", queue=" + queue
                + ", firstResponseTarget=" + firstResponseTarget + "]";
    }
}
