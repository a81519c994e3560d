package org.tickettriage.triage;

import java.util.regex.Pattern;

/**
 * Whether a string looks like one email address ({@code local@example.com}): a check at the boundary against typing
 * mistakes and pasted display names, not a full RFC 5322 parser (no quoted local parts, comments or IP literals).
 */
public final class EmailAddress {

    /** The longest address accepted, in characters: the limit of SMTP's forward path (RFC 5321, with its errata). */
    public static final int MAX_CHARS = 254;

    // A local part of up to 64 characters without spaces, controls, @ or the punctuation of display names and lists;
    // a domain of two or more dot-separated labels of letters, digits and inner hyphens (Unicode letters included).
    private static final Pattern ADDRESS = Pattern.compile(
            "[^@\\s\\p{Cntrl}<>()\\[\\],;:\"\\\\]{1,64}"
                    + "@(?:[\\p{L}\\p{N}](?:[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}])?\\.)+\\p{L}[\\p{L}\\p{N}-]{0,61}[\\p{L}\\p{N}]");

    private EmailAddress() {
    }

    /** True when {@code text}, as given, is one plausible address of at most {@link #MAX_CHARS} characters. */
    public static boolean isPlausible(String text) {
        return text != null && text.length() <= MAX_CHARS && ADDRESS.matcher(text).matches();
    }
}
