package org.tickettriage.training.generate;

import java.time.DayOfWeek;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.ZonedDateTime;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Random;

/**
 * Draws ticket creation times over a window, weighted like a support inbox: mostly weekdays and business hours
 * (UTC), with some evening, night and weekend tickets.
 */
final class TimestampSampler {

    /** Relative ticket volume per hour of the day (UTC). */
    private static final double[] HOUR_WEIGHT = {
        0.05, 0.04, 0.04, 0.04, 0.05, 0.08, 0.15, 0.35, // 00-07
        0.75, 1.00, 1.00, 0.95, 0.75, 0.90, 1.00, 0.95, // 08-15
        0.85, 0.65, 0.40, 0.28, 0.22, 0.16, 0.10, 0.07  // 16-23
    };
    private static final double SATURDAY_WEIGHT = 0.22;
    private static final double SUNDAY_WEIGHT = 0.18;
    /** After this many rejected draws, accept the next one: only reachable with absurdly narrow windows. */
    private static final int MAX_REJECTIONS = 1_000;

    private final long firstMinute;
    private final long minutes;

    TimestampSampler(Instant start, Instant end) {
        this.firstMinute = firstWholeMinute(start).getEpochSecond() / 60;
        long endMinute = Math.floorDiv(end.getEpochSecond() + 59, 60); // exclusive, rounded up
        this.minutes = endMinute - firstMinute;
        if (minutes <= 0) {
            throw new IllegalArgumentException("the timestamp window must span at least one whole minute");
        }
    }

    /** The first instant at or after {@code instant} with no seconds. */
    static Instant firstWholeMinute(Instant instant) {
        Instant truncated = instant.truncatedTo(ChronoUnit.MINUTES);
        return truncated.equals(instant) ? truncated : truncated.plus(1, ChronoUnit.MINUTES);
    }

    /** {@code count} timestamps in ascending order, so that ticket ids grow with time as in a real tracker. */
    Instant[] sortedSample(int count, Random random) {
        long[] drawn = new long[count];
        for (int i = 0; i < count; i++) {
            drawn[i] = drawMinute(random);
        }
        Arrays.sort(drawn);
        Instant[] result = new Instant[count];
        for (int i = 0; i < count; i++) {
            result[i] = Instant.ofEpochSecond(drawn[i] * 60);
        }
        return result;
    }

    /** The relative chance of a ticket at this instant: the product of its day and hour weights. */
    static double weight(Instant instant) {
        ZonedDateTime utc = instant.atZone(ZoneOffset.UTC);
        DayOfWeek day = utc.getDayOfWeek();
        double dayWeight = day == DayOfWeek.SATURDAY ? SATURDAY_WEIGHT : day == DayOfWeek.SUNDAY ? SUNDAY_WEIGHT : 1.0;
        return dayWeight * HOUR_WEIGHT[utc.getHour()];
    }

    private long drawMinute(Random random) {
        // Rejection sampling against the weights: exact for any window, including ones that do not start at midnight.
        for (int attempt = 0; ; attempt++) {
            long minute = firstMinute + (long) (random.nextDouble() * minutes);
            if (attempt >= MAX_REJECTIONS || random.nextDouble() < weight(Instant.ofEpochSecond(minute * 60))) {
                return minute;
            }
        }
    }
}
