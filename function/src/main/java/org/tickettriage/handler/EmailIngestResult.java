package org.tickettriage.handler;

import java.util.List;

/**
 * What {@link EmailIngestHandler} returns for an S3 event: one result per record, in the event's order.
 * For an asynchronous invocation, Lambda's on-success destination (the EventBridge bus) receives it as
 * {@code detail.responsePayload}.
 *
 * @param results one entry per record
 */
public record EmailIngestResult(List<EmailRecordResult> results) {
}
