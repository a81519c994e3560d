package org.tickettriage.training.generate;

import java.util.Locale;
import java.util.Random;

/** The accidents of hurried typing: swapped, dropped and doubled letters, and casing slips. */
final class TextNoise {

    /** Words shorter than this are left alone: a typo in "to" or "an" reads as another word, not as a slip. */
    private static final int MIN_WORD_LENGTH = 4;

    private TextNoise() {
    }

    /** The text with, per word of letters, a probability {@code rate} of one typo. */
    static String typos(String text, double rate, Random random) {
        if (rate <= 0.0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length() + 8);
        int i = 0;
        while (i < text.length()) {
            if (!Character.isLetter(text.charAt(i))) {
                out.append(text.charAt(i++));
                continue;
            }
            int end = i;
            while (end < text.length() && Character.isLetter(text.charAt(end))) {
                end++;
            }
            String word = text.substring(i, end);
            out.append(word.length() >= MIN_WORD_LENGTH && random.nextDouble() < rate ? typo(word, random) : word);
            i = end;
        }
        return out.toString();
    }

    private static String typo(String word, Random random) {
        // Keep the first letter: people rarely mistype it, and it keeps the word recognisable.
        int at = 1 + random.nextInt(word.length() - 2);
        return switch (random.nextInt(3)) {
            case 0 -> word.substring(0, at) + word.charAt(at + 1) + word.charAt(at) + word.substring(at + 2);
            case 1 -> word.substring(0, at) + word.substring(at + 1);
            default -> word.substring(0, at + 1) + word.charAt(at) + word.substring(at + 1);
        };
    }

    static String upper(String text) {
        return text.toUpperCase(Locale.ROOT);
    }

    static String lower(String text) {
        return text.toLowerCase(Locale.ROOT);
    }
}
