package dev.latchkey.auth.internal;

import java.time.Instant;
import java.util.UUID;

/**
 * Ids of new rows: UUID version 7 (RFC 9562 section 5.7), 48 bits of Unix milliseconds then 74 random bits from
 * {@link Secrets}. Ids made one after another sort one after another, so every index on them grows at its end instead of
 * at a random page: importing a million accounts or opening sessions at cluster rates touches few index pages. An id
 * says when its row was made (to the millisecond) and is never a secret.
 */
public final class Ids {
    private static final long MAX_MILLIS = (1L << 48) - 1;

    private Ids() {
    }

    /** A new version 7 UUID stamped with {@code now}, in its canonical 36-character text form. */
    public static String timeOrdered(Instant now) {
        long millis = Math.min(Math.max(now.toEpochMilli(), 0), MAX_MILLIS);
        byte[] random = Secrets.randomBytes(10);
        long randA = ((random[0] & 0xFFL) << 8 | (random[1] & 0xFFL)) & 0x0FFFL;
        long randB = 0;
        for (int i = 2; i < 10; i++) {
            randB = randB << 8 | (random[i] & 0xFFL);
        }
        long most = millis << 16 | 0x7000L | randA;
        long least = randB & 0x3FFFFFFFFFFFFFFFL | 0x8000000000000000L;
        return new UUID(most, least).toString();
    }
}
