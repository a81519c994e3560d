package org.tickettriage.rules.routing;

import org.tickettriage.rules.facts.CueList;

/**
 * Phrases that point to a category when the model is unsure (or absent): below the review threshold, a ticket
 * whose text mentions the phrases of exactly one category gets that category.
 *
 * @param category the category the phrases point to
 * @param phrases  the phrases
 * @param line     where the fallback is in {@code keywords.csv}
 */
public record KeywordFallback(String category, CueList phrases, int line) {
}
