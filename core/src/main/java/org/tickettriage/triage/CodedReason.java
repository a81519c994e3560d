package org.tickettriage.triage;

import org.tickettriage.rules.Reason;

/**
 * One step of a routing decision as the API returns it under {@code reasonCodes}: a stable code for programs and what
 * it concerns. A step without a detail has no {@code detail} member, in the HTTP response as in the email path's
 * EventBridge payload (both writers leave null members out).
 *
 * @param code   the step's stable wire name ({@code keyword_match}, {@code route_table}...; docs/API.md lists them)
 * @param detail the category, priority, escalation cue or policy row it concerns, or null
 */
public record CodedReason(String code, String detail) {

    /** The API's form of one of the router's reasons. */
    static CodedReason of(Reason reason) {
        return new CodedReason(reason.code().wireName(), reason.detail());
    }
}
