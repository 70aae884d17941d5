package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.SigningAlgorithm;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Each token has exactly one spelling: a segment whose last base64url character carries set bits past the last whole
 * byte (which the JDK decoder ignores) is rejected, so the 4 or 16 spellings of a signature that decode alike are not
 * all accepted (hardening item 14).
 */
class CanonicalBase64urlTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String ISSUER = "https://issuer.test";
    private static final String ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static JwsKey key(SigningAlgorithm alg) {
        if (alg == SigningAlgorithm.HS256) {
            return JwsKey.hmac("k1", Secrets.randomBytes(32));
        }
        KeyPair pair = SigningKeyCipher.generate(alg);
        return JwsKey.asymmetric("k1", alg, pair.getPrivate(), pair.getPublic());
    }

    private static AccessTokenCodec codec(JwsKey key) {
        return new AccessTokenCodec(KeySource.fixed(key, List.of(key)), ISSUER, "api", Duration.ofSeconds(60));
    }

    /** Every other spelling of {@code segment}: the same leading bits, any other value in the unused low bits. */
    private static List<String> otherSpellings(String segment) {
        int unusedBits = switch (segment.length() % 4) {
            case 2 -> 4;
            case 3 -> 2;
            default -> 0;
        };
        char last = segment.charAt(segment.length() - 1);
        int value = ALPHABET.indexOf(last);
        List<String> spellings = new ArrayList<>();
        for (int low = 1; low < (1 << unusedBits); low++) {
            char other = ALPHABET.charAt((value & ~((1 << unusedBits) - 1)) | low);
            spellings.add(segment.substring(0, segment.length() - 1) + other);
        }
        return spellings;
    }

    private static void assertRejected(AccessTokenCodec codec, String token) {
        assertThatThrownBy(() -> codec.verify(token, NOW))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.INVALID_TOKEN));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void everyNonCanonicalSpellingOfTheSignature_isRejected_andTheCanonicalOneAccepted(SigningAlgorithm alg) {
        AccessTokenCodec codec = codec(key(alg));
        String token = codec.issue("user-1", "s1", List.of("user"), List.of("pwd"), NOW, NOW, NOW.plusSeconds(900));
        int dot = token.lastIndexOf('.');
        String signature = token.substring(dot + 1);
        List<String> others = otherSpellings(signature);
        // 32-byte HMAC: 43 characters, 2 unused bits; 64-byte ES256/EdDSA and 256-byte RS256: 4 unused bits.
        assertThat(others).hasSize(alg == SigningAlgorithm.HS256 ? 3 : 15);

        // Verified (and so remembered) first: a remembered token must not vouch for its other spellings either.
        assertThat(codec.verify(token, NOW).subject()).isEqualTo("user-1");
        for (String other : others) {
            assertThat(Base64.getUrlDecoder().decode(other)).isEqualTo(Base64.getUrlDecoder().decode(signature));
            assertRejected(codec, token.substring(0, dot + 1) + other);
        }
        assertThat(codec.verify(token, NOW).subject()).isEqualTo("user-1");
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void nonCanonicalPayloadSegment_evenWithAValidSignatureOverIt_isRejected(SigningAlgorithm alg) {
        JwsKey key = key(alg);
        AccessTokenCodec codec = codec(key);
        String payload = null;
        for (int pad = 0; payload == null || payload.length() % 4 != 2; pad++) {
            String json = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"api\",\"sub\":\"user-1\",\"iat\":"
                    + NOW.getEpochSecond() + ",\"exp\":" + NOW.plusSeconds(900).getEpochSecond()
                    + ",\"jti\":\"j1\",\"sid\":\"s1\",\"x\":\"" + "x".repeat(pad) + "\"}";
            payload = B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
        }

        assertThat(codec.verify(signedWith(key, payload), NOW).subject()).isEqualTo("user-1");
        for (String other : otherSpellings(payload)) {
            assertRejected(codec, signedWith(key, other));
        }
    }

    private static String signedWith(JwsKey key, String payloadSegment) {
        String input = key.headerSegment() + "." + payloadSegment;
        return input + "." + B64.encodeToString(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }
}
