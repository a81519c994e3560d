package org.tickettriage.connectors;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.tickettriage.triage.Secret;

/** HMAC-SHA256, as both helpdesks sign their webhooks, and the constant-time comparison of signatures. */
public final class HmacSha256 {

    private static final String ALGORITHM = "HmacSHA256";

    private HmacSha256() {
    }

    /** The HMAC-SHA256 of the parts, one after the other, keyed with the secret's UTF-8 bytes. */
    public static byte[] sign(Secret key, byte[]... parts) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(key.bytes(), ALGORITHM));
            for (byte[] part : parts) {
                mac.update(part);
            }
            return mac.doFinal();
        } catch (GeneralSecurityException e) {
            // Every Java runtime provides HmacSHA256, and a non-empty key always initialises it.
            throw new IllegalStateException("HmacSHA256 unavailable: " + e.getClass().getName());
        }
    }

    /**
     * Whether two signatures are equal, in time that does not depend on where they differ (only on their lengths,
     * which are public): {@link MessageDigest#isEqual}.
     */
    public static boolean same(byte[] expected, byte[] given) {
        return MessageDigest.isEqual(expected, given);
    }
}
