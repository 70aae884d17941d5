package dev.latchkey.auth.internal;

import java.util.regex.Pattern;

/**
 * The master-key id a stored value was made under, written in front of it: {@code @<12-character key id>:<value>}.
 * Password hashes, code hashes, recovery-code hashes, encrypted factor secrets and encrypted signing keys all carry
 * it, so a check costs one computation under the right key. A value without it was written before key ids existed
 * and belongs to the key the database was first set up with. No format Latchkey stores or imports starts with
 * {@code @}.
 */
public final class KeyTag {
    /** Characters of the prefix: {@code @}, the id, {@code :}. */
    public static final int PREFIX_LENGTH = 14;
    /** What a master-key id is: 12 base64url characters. */
    public static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9_-]{12}$");

    private KeyTag() {
    }

    /** {@code value} tagged with {@code keyId}. */
    public static String tag(String keyId, String value) {
        return "@" + keyId + ":" + value;
    }

    /** The key id {@code stored} is tagged with, or null for an untagged (or null) value. */
    public static String keyIdOf(String stored) {
        if (stored == null || stored.length() < PREFIX_LENGTH || stored.charAt(0) != '@'
                || stored.charAt(PREFIX_LENGTH - 1) != ':') {
            return null;
        }
        String id = stored.substring(1, PREFIX_LENGTH - 1);
        return KEY_ID.matcher(id).matches() ? id : null;
    }

    /** {@code stored} without its tag (as it is when untagged). */
    public static String valueOf(String stored) {
        return keyIdOf(stored) == null ? stored : stored.substring(PREFIX_LENGTH);
    }
}
