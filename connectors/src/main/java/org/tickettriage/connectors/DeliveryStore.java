package org.tickettriage.connectors;

import java.time.Duration;

/**
 * The webhook deliveries already accepted, each remembered for a time to live, so that a delivery sent twice (a
 * helpdesk's retry, GitHub's redelivery days later) is written back at most once. In AWS a DynamoDB table with a
 * conditional put and a TTL attribute (the function implements this); in {@code ./triage serve},
 * {@link InMemoryDeliveryStore}.
 */
public interface DeliveryStore {

    /**
     * Remembers {@code key} for {@code ttl} if it is not remembered already, atomically.
     *
     * @param key the delivery's key ({@link HelpdeskTicket#deliveryKey()}); never customer data
     * @return true when the key is new (process the delivery), false when it was seen within its time to live
     */
    boolean remember(String key, Duration ttl);

    /** Forgets {@code key}: its delivery could not be queued, and the helpdesk's retry must be processed. */
    void forget(String key);
}
