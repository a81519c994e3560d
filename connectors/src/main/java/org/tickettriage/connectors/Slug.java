package org.tickettriage.connectors;

import java.text.Normalizer;
import java.util.Locale;

/** A category as a tag or label: {@code Bug Report} → {@code bug_report} (or {@code bug-report}). */
public final class Slug {

    private Slug() {
    }

    /**
     * Lower-case ASCII letters and digits, accents dropped, every other run of characters one {@code separator}, none
     * at either end; {@code other} when nothing is left (a category of symbols only).
     */
    public static String of(String text, char separator) {
        String plain = Normalizer.normalize(text == null ? "" : text, Normalizer.Form.NFKD)
                .replaceAll("\\p{M}+", "").toLowerCase(Locale.ROOT);
        StringBuilder slug = new StringBuilder(plain.length());
        boolean gap = false;
        for (int i = 0; i < plain.length(); i++) {
            char c = plain.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (gap && slug.length() > 0) {
                    slug.append(separator);
                }
                slug.append(c);
                gap = false;
            } else {
                gap = true;
            }
        }
        return slug.length() == 0 ? "other" : slug.toString();
    }
}
