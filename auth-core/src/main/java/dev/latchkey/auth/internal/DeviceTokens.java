package dev.latchkey.auth.internal;

import dev.latchkey.auth.store.StoredUser;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;

/**
 * Device tokens (OWASP "Slow Down Online Guessing Attacks with Device Cookies"): proof that this client logged in to
 * this account with its password before. Stateless: base64url of a version byte, the issue time (epoch seconds, 8
 * bytes), a 16-byte random nonce and HMAC-SHA-256 over all of them and the account id, under a key derived from the
 * configuration's secrets, so every instance given the same configuration accepts them. The token names no account
 * and carries nothing secret; only the key can make one.
 *
 * <p>A token is valid for the account it was issued for, within its lifetime, and only if it was issued at or after
 * the account's cut-off ({@link StoredUser#tokensValidFrom()}), so password change, reset and logout everywhere void
 * every earlier device token. Counters are keyed by {@link #counterId}, a digest of the token, never the token.
 *
 * <p>New tokens are made under the current master key's device-token key; tokens made under a previous master key
 * stay valid while that key is configured (the MAC is checked under each configured key, a few HMACs at most), and
 * after its removal their clients simply count as untrusted until their next password login.
 */
public final class DeviceTokens {
    private static final byte VERSION = 1;
    private static final int NONCE_BYTES = 16;
    private static final int MAC_BYTES = 32;
    private static final int PAYLOAD_BYTES = 1 + Long.BYTES + NONCE_BYTES;
    private static final int TOKEN_BYTES = PAYLOAD_BYTES + MAC_BYTES;
    private static final int MAX_CHARS = 128;
    private static final byte[] CONTEXT = "latchkey/device-token".getBytes(StandardCharsets.UTF_8);
    private static final Base64.Encoder ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder DECODER = Base64.getUrlDecoder();

    private final List<byte[]> keys;
    private final Duration ttl;

    /**
     * Tokens made under the first of {@code keys} and accepted under any (32 bytes each, derived for this purpose
     * only), valid for {@code ttl}.
     */
    public DeviceTokens(List<byte[]> keys, Duration ttl) {
        this.keys = keys.stream().map(byte[]::clone).toList();
        this.ttl = ttl;
    }

    /** A fresh token for {@code user}, issued now (or at the account's cut-off, if that is later). */
    public String issue(StoredUser user, Instant now) {
        long issuedAt = now.getEpochSecond();
        if (user.tokensValidFrom() != null) {
            issuedAt = Math.max(issuedAt, user.tokensValidFrom().getEpochSecond());
        }
        ByteBuffer token = ByteBuffer.allocate(TOKEN_BYTES);
        token.put(VERSION).putLong(issuedAt).put(Secrets.randomBytes(NONCE_BYTES));
        byte[] payload = Arrays.copyOf(token.array(), PAYLOAD_BYTES);
        token.put(mac(keys.get(0), user.id(), payload));
        return ENCODER.encodeToString(token.array());
    }

    /**
     * Whether {@code token} is a valid device token of {@code user} at {@code now}; false for null, malformed,
     * tampered, expired or voided tokens, for tokens of other accounts, and for any spelling but the canonical one (no
     * padding, no stray low bits), so that one token has one budget. The MAC is compared in constant time.
     */
    public boolean isValid(String token, StoredUser user, Instant now) {
        if (token == null || user == null || token.length() > MAX_CHARS) {
            return false;
        }
        byte[] bytes;
        try {
            bytes = DECODER.decode(token);
        } catch (IllegalArgumentException e) {
            return false;
        }
        if (bytes.length != TOKEN_BYTES || bytes[0] != VERSION || !ENCODER.encodeToString(bytes).equals(token)) {
            return false; // one spelling per token, so that one token has one budget
        }
        byte[] payload = Arrays.copyOf(bytes, PAYLOAD_BYTES);
        byte[] presented = Arrays.copyOfRange(bytes, PAYLOAD_BYTES, TOKEN_BYTES);
        boolean authentic = false;
        for (byte[] key : keys) {
            authentic |= MessageDigest.isEqual(presented, mac(key, user.id(), payload));
        }
        if (!authentic) {
            return false;
        }
        long issuedAt = ByteBuffer.wrap(bytes, 1, Long.BYTES).getLong();
        boolean voided = user.tokensValidFrom() != null && issuedAt < user.tokensValidFrom().getEpochSecond();
        return !voided && now.getEpochSecond() < issuedAt + ttl.toSeconds();
    }

    /** The name counters use for a token: a digest, so the stores never hold the token itself. */
    public static String counterId(String token) {
        return Secrets.sha256(token);
    }

    private static byte[] mac(byte[] key, String userId, byte[] payload) {
        byte[] user = userId.getBytes(StandardCharsets.UTF_8);
        ByteBuffer data = ByteBuffer.allocate(CONTEXT.length + 1 + Integer.BYTES + user.length + payload.length);
        data.put(CONTEXT).put((byte) 0).putInt(user.length).put(user).put(payload);
        return Secrets.hmac("HmacSHA256", key, data.array());
    }

    /** Leaves the key out. */
    @Override
    public String toString() {
        return "DeviceTokens[ttl=" + ttl + ", key=****]";
    }
}
