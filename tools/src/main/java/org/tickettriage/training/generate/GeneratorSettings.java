package org.tickettriage.training.generate;

import java.time.Instant;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;

/**
 * Everything that decides a generated dataset besides its size: the same settings and row count give the same bytes.
 *
 * @param seed           the random seed
 * @param labelNoise     share of tickets whose category label is replaced by another category at random
 * @param typoRate       per-word probability of a typo (swapped, dropped or doubled letter)
 * @param casingRate     per-ticket probability of each casing accident (subject in capitals, all lower case)
 * @param confusableRate share of tickets whose problem comes from a scenario shared by several categories
 * @param vagueRate      share of tickets whose problem says almost nothing about the category
 * @param start          first instant of the timestamp window (inclusive)
 * @param end            end of the timestamp window (exclusive)
 * @param categoryMix    relative weight of each category; an empty map means the templates' default mix
 */
public record GeneratorSettings(
        long seed,
        double labelNoise,
        double typoRate,
        double casingRate,
        double confusableRate,
        double vagueRate,
        Instant start,
        Instant end,
        Map<Category, Double> categoryMix) {

    /** The default window: the twelve months of 2025 (UTC). */
    public static final Instant DEFAULT_START = Instant.parse("2025-01-01T00:00:00Z");
    /** Exclusive end of the default window. */
    public static final Instant DEFAULT_END = Instant.parse("2026-01-01T00:00:00Z");

    /** Checks every value, so that a bad setting fails before any row is written. */
    public GeneratorSettings {
        requireRate("label noise", labelNoise);
        requireRate("typo rate", typoRate);
        requireRate("casing rate", casingRate);
        requireRate("confusable rate", confusableRate);
        requireRate("vague rate", vagueRate);
        if (confusableRate + vagueRate > 1.0) {
            throw new IllegalArgumentException("confusable rate + vague rate must not exceed 1, got "
                    + (confusableRate + vagueRate));
        }
        if (start == null || end == null) {
            throw new IllegalArgumentException("the timestamp window needs a start and an end");
        }
        // Timestamps are whole minutes, so the window must hold at least one.
        if (!TimestampSampler.firstWholeMinute(start).isBefore(end)) {
            throw new IllegalArgumentException("the timestamp window must span at least one whole minute (start "
                    + start + ", end " + end + ")");
        }
        EnumMap<Category, Double> mix = new EnumMap<>(Category.class);
        if (categoryMix != null) {
            categoryMix.forEach((category, weight) -> {
                if (weight == null || !(weight >= 0.0) || weight.isInfinite()) {
                    throw new IllegalArgumentException("the weight of " + category.label()
                            + " must be a number >= 0, got " + weight);
                }
                mix.put(category, weight);
            });
            if (!mix.isEmpty() && mix.values().stream().mapToDouble(Double::doubleValue).sum() <= 0.0) {
                throw new IllegalArgumentException("at least one category needs a weight above 0");
            }
        }
        categoryMix = Collections.unmodifiableMap(mix);
    }

    /** The defaults the command line uses, with this seed. */
    public static GeneratorSettings defaults(long seed) {
        return new GeneratorSettings(seed, 0.03, 0.02, 0.04, 0.12, 0.03, DEFAULT_START, DEFAULT_END, Map.of());
    }

    /** A copy with another seed. */
    public GeneratorSettings withSeed(long newSeed) {
        return new GeneratorSettings(newSeed, labelNoise, typoRate, casingRate, confusableRate, vagueRate, start, end,
                categoryMix);
    }

    /** A copy with another label-noise rate. */
    public GeneratorSettings withLabelNoise(double rate) {
        return new GeneratorSettings(seed, rate, typoRate, casingRate, confusableRate, vagueRate, start, end,
                categoryMix);
    }

    /** A copy with other typo and casing rates. */
    public GeneratorSettings withTextNoise(double newTypoRate, double newCasingRate) {
        return new GeneratorSettings(seed, labelNoise, newTypoRate, newCasingRate, confusableRate, vagueRate, start,
                end, categoryMix);
    }

    /** A copy with other confusable and vague rates. */
    public GeneratorSettings withOverlap(double newConfusableRate, double newVagueRate) {
        return new GeneratorSettings(seed, labelNoise, typoRate, casingRate, newConfusableRate, newVagueRate, start,
                end, categoryMix);
    }

    /** A copy with another timestamp window. */
    public GeneratorSettings withWindow(Instant newStart, Instant newEnd) {
        return new GeneratorSettings(seed, labelNoise, typoRate, casingRate, confusableRate, vagueRate, newStart,
                newEnd, categoryMix);
    }

    /** A copy with another category mix (relative weights; an empty map restores the default). */
    public GeneratorSettings withCategoryMix(Map<Category, Double> mix) {
        return new GeneratorSettings(seed, labelNoise, typoRate, casingRate, confusableRate, vagueRate, start, end,
                mix);
    }

    private static void requireRate(String name, double value) {
        if (!(value >= 0.0 && value <= 1.0)) {
            throw new IllegalArgumentException(name + " must be between 0 and 1, got " + value);
        }
    }
}
