package dev.latchkey.auth.internal;

import com.nimbusds.jwt.JWTClaimsSet;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.SigningAlgorithm;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Issues and verifies access tokens (RFC 9068 profile: header {@code typ: at+jwt}; claims {@code iss}, {@code exp},
 * {@code aud}, {@code sub}, {@code client_id}, {@code iat}, {@code jti}) with the keys of a {@link KeySource}:
 * HS256, RS256, ES256 or EdDSA, the algorithm always fixed by the key.
 *
 * <p>Verification follows RFC 8725: the header must be byte-for-byte one this codec writes for one of the keys it
 * holds (so {@code alg}, {@code typ}, {@code kid} are pinned and {@code jwk}, {@code jku}, {@code x5u}, {@code x5c},
 * {@code crit} can never appear, and an unknown {@code kid} fails without any lookup), the token is capped at 8 KiB
 * before any decoding, each segment must be canonical base64url (one spelling per token), and the signature is checked
 * before the payload's JSON is parsed (HMAC in constant time).
 * Then {@code iss}, {@code aud}, {@code exp}, {@code iat}, {@code nbf}, {@code sub}, {@code jti} and {@code sid} are
 * checked with the configured clock skew. {@code client_id} is written for other resource servers and not required
 * here, so tokens issued before it was written keep verifying.
 *
 * <p>A token that passed all of this is remembered (up to {@value #CACHE_CAPACITY} tokens), keyed by its exact text, so
 * verifying it again costs a map lookup plus the checks that can change: its expiry, and that its key is still in the
 * set. Only the online check of the service consults the store for revocation.
 */
public final class AccessTokenCodec {
    /** Tokens longer than this are rejected before decoding (security bar item 19). */
    public static final int MAX_TOKEN_LENGTH = 8192;
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();
    private static final Base64.Encoder B64URL_ENCODER = Base64.getUrlEncoder().withoutPadding();
    private static final String BEARER_PREFIX = "pass the token without the 'Bearer ' prefix";

    /** The verified content of an access token. */
    public record Claims(String subject, String sessionId, List<String> roles, List<String> amr, Instant authTime,
                         Instant issuedAt, Instant expiresAt, String tokenId) {
    }

    /** How many verified tokens are remembered; when full, the cache starts afresh. */
    static final int CACHE_CAPACITY = 10_000;

    /** A token verified before: its claims and the key that checked it. */
    private record Verified(Claims claims, JwsKey key, String header) {
    }

    private final KeySource keys;
    private final String issuer;
    private final String audience;
    private final String clientId;
    private final Duration skew;
    private final ConcurrentHashMap<String, Verified> verified = new ConcurrentHashMap<>();

    /** A codec for HS256 tokens signed with {@code key} (at least 32 bytes) under the given key id. */
    public AccessTokenCodec(byte[] key, String keyId, String issuer, String audience, Duration skew) {
        this(hmacSource(key, keyId), issuer, audience, skew);
    }

    /** A codec signing and verifying with the keys of {@code keys}, issuing to the audience as its client. */
    public AccessTokenCodec(KeySource keys, String issuer, String audience, Duration skew) {
        this(keys, issuer, audience, audience, skew);
    }

    /**
     * A codec signing and verifying with the keys of {@code keys}; every token it issues names {@code clientId} in
     * its {@code client_id} claim (RFC 9068 2.2).
     */
    public AccessTokenCodec(KeySource keys, String issuer, String audience, String clientId, Duration skew) {
        this.keys = keys;
        this.issuer = issuer;
        this.audience = audience;
        this.clientId = clientId;
        this.skew = skew;
    }

    private static KeySource hmacSource(byte[] key, String keyId) {
        JwsKey hmac;
        try {
            hmac = JwsKey.hmac(keyId, key);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("access token key is too short for HS256", e);
        }
        return KeySource.fixed(hmac, List.of(hmac));
    }

    /** A key id derived from the key itself, so every instance given the same key names it alike. */
    public static String deriveKeyId(byte[] key) {
        return Secrets.deriveKeyId(key);
    }

    /** The public keys as JWKS JSON at {@code now}. */
    public String jwksJson(Instant now) {
        return keys.current(now).jwksJson();
    }

    /**
     * A signed token for {@code subject} in session {@code sessionId}, valid from {@code issuedAt} to
     * {@code expiresAt}, saying how ({@code amr}, RFC 8176) and when ({@code auth_time}) the user authenticated.
     */
    public String issue(String subject, String sessionId, Collection<String> roles, Collection<String> amr,
                        Instant authTime, Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(Secrets.randomToken(16))
                .claim("client_id", clientId)
                .claim("sid", sessionId)
                .claim("roles", new ArrayList<>(roles))
                .claim("amr", new ArrayList<>(amr))
                .claim("auth_time", authTime.getEpochSecond())
                .build();
        JwsKey signer = keys.current(issuedAt).signer();
        String signingInput = signer.headerSegment() + "."
                + B64URL_ENCODER.encodeToString(claims.toString().getBytes(StandardCharsets.UTF_8));
        byte[] signature = signer.sign(signingInput.getBytes(StandardCharsets.US_ASCII));
        return signingInput + "." + B64URL_ENCODER.encodeToString(signature);
    }

    /** The claims of a valid token at {@code now}, or {@link AuthErrorCode#INVALID_TOKEN}. */
    public Claims verify(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid("malformed token");
        }
        Verified seen = verified.get(token);
        if (seen != null) {
            // The very same string passed every check before; what can change since is time and the key set.
            if (keys.current(now).forHeader(seen.header()) == seen.key()) {
                checkTime(seen.claims().expiresAt(), seen.claims().issuedAt(), null, now);
                return seen.claims();
            }
            verified.remove(token);
        }
        int dot1 = token.indexOf('.');
        if (dot1 <= 0) {
            throw bearerPrefixed(token) ? invalid(BEARER_PREFIX) : invalid("malformed token");
        }
        String header = token.substring(0, dot1);
        KeySet keySet = keys.current(now);
        JwsKey key = keySet.forHeader(header);
        if (key == null) {
            throw unknownHeader(token, header, keySet);
        }
        int dot2 = token.indexOf('.', dot1 + 1);
        if (dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0 || token.indexOf('=', dot1) >= 0) {
            throw invalid("malformed token"); // three segments, and base64url without padding (RFC 7515 2)
        }
        // One copy of the token as bytes serves the signature check and both decodings. A character outside ASCII
        // turns into '?', which is outside base64url, so such a token fails to decode below.
        byte[] bytes = token.getBytes(StandardCharsets.US_ASCII);
        byte[] signature = decode(bytes, dot2 + 1, bytes.length);
        if (!key.verify(bytes, dot2, signature)) {
            throw invalid("bad signature");
        }
        Map<String, Object> payload;
        try {
            ByteBuffer json = B64URL.decode(canonical(bytes, dot1 + 1, dot2));
            payload = ClaimsJson.parseObject(new String(json.array(), json.arrayOffset() + json.position(),
                    json.remaining(), StandardCharsets.UTF_8));
        } catch (RuntimeException e) {
            throw invalid("malformed claims");
        }
        Claims claims = checkClaims(payload, now);
        if (verified.size() >= CACHE_CAPACITY) {
            verified.clear();
        }
        verified.put(token, new Verified(claims, key, header));
        return claims;
    }

    private Claims checkClaims(Map<String, Object> c, Instant now) {
        if (!issuer.equals(c.get("iss"))) {
            throw invalid("wrong issuer");
        }
        Object aud = c.get("aud");
        boolean audienceOk = audience.equals(aud) || (aud instanceof List<?> list && list.contains(audience));
        if (!audienceOk) {
            throw invalid("wrong audience");
        }
        Instant exp = numericDate(c, "exp", true);
        Instant iat = numericDate(c, "iat", true);
        Instant nbf = numericDate(c, "nbf", false);
        checkTime(exp, iat, nbf, now);
        String sub = string(c, "sub");
        String jti = string(c, "jti");
        String sid = string(c, "sid");
        List<String> roles = strings(c, "roles");
        List<String> amr = strings(c, "amr");
        Instant authTime = numericDate(c, "auth_time", false);
        return new Claims(sub, sid, roles, amr, authTime != null ? authTime : iat, iat, exp, jti);
    }

    private static List<String> strings(Map<String, Object> c, String name) {
        Object claim = c.get(name);
        List<String> values = new ArrayList<>();
        if (claim != null) {
            if (!(claim instanceof List<?> list)) {
                throw invalid("malformed " + name);
            }
            for (Object r : list) {
                if (!(r instanceof String s)) {
                    throw invalid("malformed " + name);
                }
                values.add(s);
            }
        }
        return List.copyOf(values);
    }

    private void checkTime(Instant exp, Instant iat, Instant nbf, Instant now) {
        if (!now.isBefore(exp.plus(skew))) {
            throw invalid("expired");
        }
        if (iat.isAfter(now.plus(skew)) || (nbf != null && nbf.isAfter(now.plus(skew)))) {
            throw invalid("not yet valid");
        }
    }

    private static Instant numericDate(Map<String, Object> c, String name, boolean required) {
        Object v = c.get(name);
        if (v == null) {
            if (required) {
                throw invalid("missing " + name);
            }
            return null;
        }
        if (!(v instanceof Number n)) {
            throw invalid("malformed " + name);
        }
        double seconds = n.doubleValue();
        if (!Double.isFinite(seconds) || seconds < 0 || seconds > 32_503_680_000d) {
            throw invalid("malformed " + name);
        }
        return Instant.ofEpochSecond(n.longValue());
    }

    private static String string(Map<String, Object> c, String name) {
        Object v = c.get(name);
        if (!(v instanceof String s) || s.isEmpty()) {
            throw invalid("missing " + name);
        }
        return s;
    }

    /** The base64url bytes {@code from} to {@code to} of {@code ascii}, decoded; {@code invalid} when they are not. */
    private static byte[] decode(byte[] ascii, int from, int to) {
        ByteBuffer decoded;
        try {
            decoded = B64URL.decode(canonical(ascii, from, to));
        } catch (IllegalArgumentException e) {
            throw invalid("malformed token");
        }
        byte[] out = new byte[decoded.remaining()];
        decoded.get(out);
        return out;
    }

    /**
     * The bytes {@code from} to {@code to} of {@code ascii}, when they are the canonical base64url spelling of what
     * they decode to; {@code IllegalArgumentException} otherwise. The JDK decoder ignores the bits of the last
     * character that fall past the last whole byte (2 bits after 3 characters, 4 after 2), so without this check each
     * segment would have 4 or 16 spellings, all decoding alike; RFC 4648 3.5 lets a decoder reject them, and we do.
     */
    private static ByteBuffer canonical(byte[] ascii, int from, int to) {
        int unusedBits = switch ((to - from) % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> 0; // a whole number of bytes (0), or a length no base64 has (1), which the decoder rejects
        };
        if (unusedBits > 0 && (sextet(ascii[to - 1]) & ((1 << unusedBits) - 1)) != 0) {
            throw new IllegalArgumentException("non-canonical base64url");
        }
        return ByteBuffer.wrap(ascii, from, to - from);
    }

    /** The 6-bit value of a base64url character, or 0 for any other byte (which the decoder then rejects). */
    private static int sextet(byte c) {
        if (c >= 'A' && c <= 'Z') {
            return c - 'A';
        }
        if (c >= 'a' && c <= 'z') {
            return c - 'a' + 26;
        }
        if (c >= '0' && c <= '9') {
            return c - '0' + 52;
        }
        return c == '-' ? 62 : c == '_' ? 63 : 0;
    }

    private static boolean bearerPrefixed(String token) {
        return token.regionMatches(true, 0, "Bearer ", 0, 7);
    }

    /**
     * Why a token whose header none of our keys writes is refused: a pasted {@code Bearer } prefix; a header of our
     * own shape ({@code alg}, {@code typ: at+jwt}, {@code kid}) whose {@code kid} is in no key of the set (another
     * master key, or an old key since retired); or anything else. Runs only once the token is refused; the header is
     * read with the strict claims reader, and nothing of it is repeated in the message.
     */
    private static AuthException unknownHeader(String token, String header, KeySet keySet) {
        if (bearerPrefixed(token)) {
            return invalid(BEARER_PREFIX);
        }
        try {
            Map<String, Object> fields = ClaimsJson.parseObject(
                    new String(B64URL.decode(header), StandardCharsets.UTF_8));
            if (fields.size() == 3 && "at+jwt".equals(fields.get("typ")) && fields.get("alg") instanceof String alg
                    && fields.get("kid") instanceof String kid && knownAlgorithm(alg)
                    && keySet.verifiers().stream().noneMatch(k -> k.keyId().equals(kid))) {
                return invalid("signed with a key this service does not have (another master key or an old key)");
            }
        } catch (IllegalArgumentException e) {
            // not base64url or not a JSON object: not a header of ours at all
        }
        return invalid("unexpected token header");
    }

    private static boolean knownAlgorithm(String alg) {
        try {
            SigningAlgorithm.fromJwsName(alg);
            return true;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static AuthException invalid(String why) {
        return new AuthException(AuthErrorCode.INVALID_TOKEN, "access token rejected: " + why);
    }

    @Override
    public String toString() {
        return "AccessTokenCodec[issuer=" + issuer + ", audience=" + audience + "]";
    }
}
