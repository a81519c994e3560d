package org.tickettriage.connectors;

import java.security.SecureRandom;
import java.time.Duration;
import java.util.Objects;
import java.util.Random;

/**
 * How often and how long to wait before a failed write-back is tried again: exponential backoff with jitter, the wait a
 * helpdesk asks for when it gives one, and a number of attempts after which the write-back is dead-lettered.
 *
 * <p>The random source of the jitter is made at its first use, not when the class or the policy is created: in Lambda
 * with SnapStart, everything made at init is restored identically in every copy of the snapshot, and identical
 * jitter would have every copy retry at the same moments.
 *
 * @param maxAttempts the attempts in all, the first included, before the write-back is dead-lettered
 * @param firstDelay  the backoff before the second attempt; it doubles after each further one
 * @param maxDelay    the longest backoff
 * @param longestWait the longest wait taken from a helpdesk's answer ({@code Retry-After}, a rate limit's reset)
 */
public record RetryPolicy(int maxAttempts, Duration firstDelay, Duration maxDelay, Duration longestWait) {

    /** Six attempts over about a minute (0.5-1 s, 1-2 s, 2-4 s, 4-8 s, 8-16 s), a helpdesk's wait up to an hour. */
    public static final RetryPolicy DEFAULT = new RetryPolicy(6, Duration.ofSeconds(1), Duration.ofMinutes(5), Duration.ofHours(1));

    private static final Object LOCK = new Object();
    private static Random random;

    public RetryPolicy {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1");
        }
        Objects.requireNonNull(firstDelay, "firstDelay");
        Objects.requireNonNull(maxDelay, "maxDelay");
        Objects.requireNonNull(longestWait, "longestWait");
    }

    /**
     * The wait before the next attempt after {@code attempts} attempts: the helpdesk's {@code requested} wait when it
     * gave one (at most {@link #longestWait}), else half the exponential backoff plus a random part of the other half.
     */
    public Duration delay(int attempts, Duration requested) {
        if (requested != null) {
            return requested.compareTo(longestWait) > 0 ? longestWait : requested;
        }
        long base = firstDelay.toMillis();
        for (int i = 1; i < attempts && base < maxDelay.toMillis(); i++) {
            base *= 2;
        }
        base = Math.min(base, maxDelay.toMillis());
        long half = base / 2;
        return Duration.ofMillis(base - half + (half == 0 ? 0 : random().nextLong(half + 1)));
    }

    /**
     * Whether the jitter's random source exists yet. It must not after a handler's init (a SnapStart snapshot would
     * hold it): {@code HandlerClassLoadingTest} checks this in a fresh JVM.
     */
    public static boolean jitterSeeded() {
        synchronized (LOCK) {
            return random != null;
        }
    }

    private static Random random() {
        synchronized (LOCK) {
            if (random == null) {
                random = new SecureRandom(); // at first use: after a SnapStart restore, never in the snapshot
            }
            return random;
        }
    }
}
