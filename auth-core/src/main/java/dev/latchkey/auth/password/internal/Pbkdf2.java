package dev.latchkey.auth.password.internal;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.security.GeneralSecurityException;
import java.util.Arrays;

/**
 * PBKDF2 (RFC 8018, section 5.2) over the JDK's HMAC, on the password's bytes as given: the JDK's own
 * {@code SecretKeyFactory} takes characters, and an empty password, awkwardly.
 */
public final class Pbkdf2 {
    /** The most iterations a legacy hash may ask for: a login must end in reasonable time. */
    public static final int MAX_ITERATIONS = 10_000_000;

    private Pbkdf2() {
    }

    /** {@code length} bytes of PBKDF2 with {@code HmacSHA256} (or another JCA HMAC name). */
    public static byte[] derive(String hmac, byte[] password, byte[] salt, int iterations, int length) {
        try {
            Mac mac = Mac.getInstance(hmac);
            // SecretKeySpec refuses an empty key; HMAC pads keys with zeros to its block size, so one zero byte is the
            // same key as none.
            mac.init(new SecretKeySpec(password.length == 0 ? new byte[1] : password, hmac));
            int hLen = mac.getMacLength();
            byte[] out = new byte[length];
            byte[] block = new byte[salt.length + 4];
            System.arraycopy(salt, 0, block, 0, salt.length);
            for (int i = 1, done = 0; done < length; i++) {
                block[salt.length] = (byte) (i >>> 24);
                block[salt.length + 1] = (byte) (i >>> 16);
                block[salt.length + 2] = (byte) (i >>> 8);
                block[salt.length + 3] = (byte) i;
                byte[] u = mac.doFinal(block);
                byte[] t = u.clone();
                for (int c = 1; c < iterations; c++) {
                    u = mac.doFinal(u);
                    for (int k = 0; k < t.length; k++) {
                        t[k] ^= u[k];
                    }
                }
                int n = Math.min(hLen, length - done);
                System.arraycopy(t, 0, out, done, n);
                Arrays.fill(t, (byte) 0);
                done += n;
            }
            return out;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(hmac + " is missing from this JDK", e);
        }
    }
}
