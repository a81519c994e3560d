package org.tickettriage.connectors;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Iterator;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Delivery keys kept in this process's memory: lost when it stops (a delivery repeated across a restart is processed
 * again), and at most {@code capacity} of them (past it, the ones expiring first are dropped). Thread-safe.
 */
public final class InMemoryDeliveryStore implements DeliveryStore {

    /** The capacity of {@code ./triage serve}'s store: some 10 MB of keys. */
    public static final int DEFAULT_CAPACITY = 100_000;

    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final int capacity;

    public InMemoryDeliveryStore(Clock clock, int capacity) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
    }

    @Override
    public boolean remember(String key, Duration ttl) {
        Instant now = clock.instant();
        Instant expiry = now.plus(ttl);
        boolean[] added = {false};
        expiries.compute(key, (k, existing) -> {
            if (existing != null && existing.isAfter(now)) {
                return existing;
            }
            added[0] = true;
            return expiry;
        });
        if (added[0] && expiries.size() > capacity) {
            evict(now);
        }
        return added[0];
    }

    @Override
    public void forget(String key) {
        expiries.remove(key);
    }

    /** How many keys are remembered (expired ones included until they are evicted). */
    public int size() {
        return expiries.size();
    }

    private synchronized void evict(Instant now) {
        for (Iterator<Instant> it = expiries.values().iterator(); it.hasNext(); ) {
            if (!it.next().isAfter(now)) {
                it.remove();
            }
        }
        while (expiries.size() > capacity) {
            expiries.entrySet().stream().min(Map.Entry.comparingByValue())
                    .ifPresent(oldest -> expiries.remove(oldest.getKey(), oldest.getValue()));
        }
    }
}
