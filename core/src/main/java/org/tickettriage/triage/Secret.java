package org.tickettriage.triage;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Objects;

/**
 * A credential (an API token, a webhook signing secret) that never shows itself: {@link #toString()} is redacted, so a
 * settings record, an exception message or a log line that includes one prints {@value #REDACTED}. Read the value with
 * {@link #reveal()} only where it is used (a header, an HMAC key).
 */
public final class Secret {

    /** What {@link #toString()} prints instead of the value. */
    public static final String REDACTED = "[redacted]";

    private final String value;

    private Secret(String value) {
        this.value = value;
    }

    /** A secret holding {@code value}, which must not be blank. */
    public static Secret of(String value) {
        Objects.requireNonNull(value, "value");
        if (value.isBlank()) {
            throw new IllegalArgumentException("a secret must not be blank");
        }
        return new Secret(value);
    }

    /** The value itself: for the one place that uses it, never for a message. */
    public String reveal() {
        return value;
    }

    /** The value's UTF-8 bytes (an HMAC key). */
    public byte[] bytes() {
        return value.getBytes(StandardCharsets.UTF_8);
    }

    /** Constant-time equality, so that comparing secrets leaks no prefix length. */
    @Override
    public boolean equals(Object other) {
        return other instanceof Secret secret && MessageDigest.isEqual(bytes(), secret.bytes());
    }

    @Override
    public int hashCode() {
        return 0; // a hash of the value would leak a little of it; secrets are never map keys
    }

    @Override
    public String toString() {
        return REDACTED;
    }
}
