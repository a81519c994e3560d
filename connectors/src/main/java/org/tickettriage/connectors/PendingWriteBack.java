package org.tickettriage.connectors;

import java.util.Objects;

/**
 * A write-back waiting in a queue, with what its earlier attempts left: how many there were and whether the secrets
 * were already re-read after a {@code 401}. A durable queue stores these three values with the message.
 *
 * @param writeBack     the plan, as the last attempt left it
 * @param attempts      attempts made so far (0 before the first)
 * @param secretsReread whether the connector already re-read its secrets for this write-back
 */
public record PendingWriteBack(WriteBack writeBack, int attempts, boolean secretsReread) {

    public PendingWriteBack {
        Objects.requireNonNull(writeBack, "writeBack");
    }

    /** A write-back not yet attempted. */
    public static PendingWriteBack first(WriteBack writeBack) {
        return new PendingWriteBack(writeBack, 0, false);
    }
}
