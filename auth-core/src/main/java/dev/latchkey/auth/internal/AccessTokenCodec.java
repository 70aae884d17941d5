package dev.latchkey.auth.internal;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.util.JSONObjectUtils;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.text.ParseException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.Date;
import java.util.List;
import java.util.Map;

/**
 * Issues and verifies HS256 access tokens (RFC 9068 profile: header {@code typ: at+jwt}).
 *
 * <p>Verification follows RFC 8725: the header must be byte-for-byte the one this codec writes (so {@code alg},
 * {@code typ}, {@code kid} are pinned and {@code jwk}, {@code jku}, {@code x5u}, {@code x5c}, {@code crit} can never
 * appear), the token is capped at 8 KiB before any decoding, and the HMAC is checked in constant time before the
 * payload's JSON is parsed. Then {@code iss}, {@code aud}, {@code exp}, {@code iat}, {@code nbf}, {@code sub},
 * {@code jti} and {@code sid} are checked with the configured clock skew.
 */
public final class AccessTokenCodec {
    /** Tokens longer than this are rejected before decoding (security bar item 19). */
    public static final int MAX_TOKEN_LENGTH = 8192;
    private static final int HS256_SIGNATURE_BYTES = 32;
    private static final Base64.Decoder B64URL = Base64.getUrlDecoder();

    /** The verified content of an access token. */
    public record Claims(String subject, String sessionId, List<String> roles, Instant issuedAt, Instant expiresAt,
                         String tokenId) {
    }

    private final byte[] key;
    private final String issuer;
    private final String audience;
    private final Duration skew;
    private final JWSHeader header;
    private final String headerSegment;
    private final MACSigner signer;
    private final ThreadLocal<Mac> macs;

    /** A codec for tokens signed with {@code key} (at least 32 bytes) under the given key id. */
    public AccessTokenCodec(byte[] key, String keyId, String issuer, String audience, Duration skew) {
        this.key = key.clone();
        this.issuer = issuer;
        this.audience = audience;
        this.skew = skew;
        this.header = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).keyID(keyId).build();
        this.headerSegment = header.toBase64URL().toString();
        try {
            this.signer = new MACSigner(this.key);
        } catch (JOSEException e) {
            throw new IllegalArgumentException("access token key is too short for HS256", e);
        }
        this.macs = ThreadLocal.withInitial(this::newMac);
    }

    /** A key id derived from the key itself, so every instance given the same key names it alike. */
    public static String deriveKeyId(byte[] key) {
        return Secrets.hmacSha256(key, "latchkey access token key id").substring(0, 16);
    }

    private Mac newMac() {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        }
    }

    /** A signed token for {@code subject} in session {@code sessionId}, valid from {@code issuedAt} to {@code expiresAt}. */
    public String issue(String subject, String sessionId, Collection<String> roles, Instant issuedAt, Instant expiresAt) {
        JWTClaimsSet claims = new JWTClaimsSet.Builder()
                .issuer(issuer)
                .audience(audience)
                .subject(subject)
                .issueTime(Date.from(issuedAt))
                .expirationTime(Date.from(expiresAt))
                .jwtID(Secrets.randomToken(16))
                .claim("sid", sessionId)
                .claim("roles", new ArrayList<>(roles))
                .build();
        SignedJWT jwt = new SignedJWT(header, claims);
        try {
            jwt.sign(signer);
        } catch (JOSEException e) {
            throw new IllegalStateException("signing an access token failed", e);
        }
        return jwt.serialize();
    }

    /** The claims of a valid token at {@code now}, or {@link AuthErrorCode#INVALID_TOKEN}. */
    public Claims verify(String token, Instant now) {
        if (token == null || token.isEmpty() || token.length() > MAX_TOKEN_LENGTH) {
            throw invalid("malformed token");
        }
        int dot1 = headerSegment.length();
        if (token.length() <= dot1 || token.charAt(dot1) != '.' || !token.startsWith(headerSegment)) {
            throw invalid("unexpected token header");
        }
        int dot2 = token.indexOf('.', dot1 + 1);
        if (dot2 < 0 || token.indexOf('.', dot2 + 1) >= 0) {
            throw invalid("malformed token");
        }
        byte[] signature = decode(token, dot2 + 1, token.length());
        if (signature.length != HS256_SIGNATURE_BYTES) {
            throw invalid("bad signature");
        }
        Mac mac = macs.get();
        byte[] expected = mac.doFinal(token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII));
        if (!MessageDigest.isEqual(expected, signature)) {
            throw invalid("bad signature");
        }
        Map<String, Object> payload;
        try {
            payload = JSONObjectUtils.parse(new String(decode(token, dot1 + 1, dot2), StandardCharsets.UTF_8));
        } catch (ParseException | RuntimeException | StackOverflowError e) {
            throw invalid("malformed claims");
        }
        return checkClaims(payload, now);
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
        if (!now.isBefore(exp.plus(skew))) {
            throw invalid("expired");
        }
        if (iat.isAfter(now.plus(skew)) || (nbf != null && nbf.isAfter(now.plus(skew)))) {
            throw invalid("not yet valid");
        }
        String sub = string(c, "sub");
        String jti = string(c, "jti");
        String sid = string(c, "sid");
        Object rolesClaim = c.get("roles");
        List<String> roles = new ArrayList<>();
        if (rolesClaim != null) {
            if (!(rolesClaim instanceof List<?> list)) {
                throw invalid("malformed roles");
            }
            for (Object r : list) {
                if (!(r instanceof String s)) {
                    throw invalid("malformed roles");
                }
                roles.add(s);
            }
        }
        return new Claims(sub, sid, List.copyOf(roles), iat, exp, jti);
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

    private static byte[] decode(String token, int from, int to) {
        for (int i = from; i < to; i++) {
            char ch = token.charAt(i);
            boolean ok = (ch >= 'A' && ch <= 'Z') || (ch >= 'a' && ch <= 'z') || (ch >= '0' && ch <= '9')
                    || ch == '-' || ch == '_';
            if (!ok) {
                throw invalid("malformed token");
            }
        }
        try {
            return B64URL.decode(token.substring(from, to));
        } catch (IllegalArgumentException e) {
            throw invalid("malformed token");
        }
    }

    private static AuthException invalid(String why) {
        return new AuthException(AuthErrorCode.INVALID_TOKEN, "access token rejected: " + why);
    }

    @Override
    public String toString() {
        return "AccessTokenCodec[HS256, issuer=" + issuer + ", audience=" + audience + "]";
    }
}
