package dev.latchkey.auth.internal;

import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.sun.net.httpserver.HttpServer;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.SigningAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.time.Duration;
import java.time.Instant;
import java.util.Arrays;
import java.util.Base64;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The JWT attack suite (RFC 8725; security bar items 15-19) against every algorithm: each forged or broken token is
 * rejected with {@link AuthErrorCode#INVALID_TOKEN}, never with another exception.
 */
class AccessTokenAttackTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private static final String ISSUER = "https://issuer.test";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Map<SigningAlgorithm, JwsKey> OURS = new EnumMap<>(SigningAlgorithm.class);
    private static final Map<SigningAlgorithm, JwsKey> ATTACKERS = new EnumMap<>(SigningAlgorithm.class);
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);

    private static synchronized JwsKey key(Map<SigningAlgorithm, JwsKey> cache, SigningAlgorithm alg, String kid) {
        return cache.computeIfAbsent(alg, a -> {
            if (a == SigningAlgorithm.HS256) {
                return JwsKey.hmac(kid, Secrets.randomBytes(32));
            }
            KeyPair pair = SigningKeyCipher.generate(a);
            return JwsKey.asymmetric(kid, a, pair.getPrivate(), pair.getPublic());
        });
    }

    private static JwsKey ours(SigningAlgorithm alg) {
        return key(OURS, alg, "our-key-1");
    }

    /** The attacker's own key of the same kind, under our kid. */
    private static JwsKey attackers(SigningAlgorithm alg) {
        return key(ATTACKERS, alg, "our-key-1");
    }

    private static AccessTokenCodec codec(SigningAlgorithm alg) {
        JwsKey key = ours(alg);
        return new AccessTokenCodec(KeySource.fixed(key, List.of(key)), ISSUER, "api", Duration.ofSeconds(60));
    }

    private static String ourHeaderJson(SigningAlgorithm alg) {
        return new String(Base64.getUrlDecoder().decode(ours(alg).headerSegment()), StandardCharsets.UTF_8);
    }

    private static String claims(String extra) {
        return "{\"iss\":\"" + ISSUER + "\",\"aud\":\"api\",\"sub\":\"user-1\",\"iat\":" + NOW.getEpochSecond()
                + ",\"exp\":" + NOW.plusSeconds(900).getEpochSecond() + ",\"jti\":\"j1\",\"sid\":\"s1\"" + extra + "}";
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String signed(JwsKey key, String headerJson, String payloadJson) {
        String input = b64(headerJson) + "." + b64(payloadJson);
        return input + "." + B64.encodeToString(key.sign(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String withSignature(String headerJson, String payloadJson, byte[] signature) {
        return b64(headerJson) + "." + b64(payloadJson) + "." + B64.encodeToString(signature);
    }

    private static void assertRejected(SigningAlgorithm alg, String token) {
        assertThatThrownBy(() -> codec(alg).verify(token, NOW))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.INVALID_TOKEN));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void ourToken_verifies(SigningAlgorithm alg) {
        String token = codec(alg).issue("user-1", "s1", List.of("user"), List.of("pwd"), NOW, NOW, NOW.plusSeconds(900));

        assertThat(codec(alg).verify(token, NOW).subject()).isEqualTo("user-1");
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void handMadeTokenWithOurHeaderAndKey_verifies(SigningAlgorithm alg) {
        String token = signed(ours(alg), ourHeaderJson(alg), claims(""));

        assertThat(codec(alg).verify(token, NOW).sessionId()).isEqualTo("s1");
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void algNone_inEveryCasing_isRejected(SigningAlgorithm alg) {
        for (String none : List.of("none", "None", "NONE", "nOnE")) {
            String header = "{\"alg\":\"" + none + "\",\"typ\":\"at+jwt\",\"kid\":\"our-key-1\"}";
            assertRejected(alg, b64(header) + "." + b64(claims("")) + ".");
            assertRejected(alg, b64(header) + "." + b64(claims("")));
        }
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void ourHeaderWithEmptyOrTruncatedSignature_isRejected(SigningAlgorithm alg) {
        String good = signed(ours(alg), ourHeaderJson(alg), claims(""));
        String withoutSignature = good.substring(0, good.lastIndexOf('.') + 1);

        assertRejected(alg, withoutSignature);
        assertRejected(alg, good.substring(0, good.length() - 10));
        assertRejected(alg, good + "AA");
    }

    @ParameterizedTest
    @EnumSource(value = SigningAlgorithm.class, names = {"RS256", "ES256", "EDDSA"})
    void hs256SignedWithThePublicKeyAsSecret_isRejected(SigningAlgorithm alg) {
        JwsKey ours = ours(alg);
        String jwk = ours.toPublicJwk().toJSONString();
        String pem = "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder().encodeToString(ours.publicKey().getEncoded())
                + "\n-----END PUBLIC KEY-----\n";
        for (byte[] secret : List.of(ours.publicKey().getEncoded(), pem.getBytes(StandardCharsets.US_ASCII),
                jwk.getBytes(StandardCharsets.UTF_8))) {
            JwsKey confused = JwsKey.hmac("our-key-1", secret);
            assertRejected(alg, signed(confused, "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"our-key-1\"}", claims("")));
            assertRejected(alg, signed(confused, ourHeaderJson(alg), claims("")));
        }
    }

    @Test
    void es256_allZeroSignature_isRejected() {
        assertRejected(SigningAlgorithm.ES256, withSignature(ourHeaderJson(SigningAlgorithm.ES256), claims(""), new byte[64]));
    }

    @Test
    void es256_rAndSEqualToTheCurveOrder_isRejected() {
        byte[] n = Arrays.copyOfRange(P256_ORDER.toByteArray(), 1, 33);
        byte[] signature = new byte[64];
        System.arraycopy(n, 0, signature, 0, 32);
        System.arraycopy(n, 0, signature, 32, 32);

        assertRejected(SigningAlgorithm.ES256, withSignature(ourHeaderJson(SigningAlgorithm.ES256), claims(""), signature));
    }

    @Test
    void es256_derEncodedZeroSignature_isRejected() {
        byte[] der = {0x30, 0x06, 0x02, 0x01, 0x00, 0x02, 0x01, 0x00};

        assertRejected(SigningAlgorithm.ES256, withSignature(ourHeaderJson(SigningAlgorithm.ES256), claims(""), der));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void embeddedJwk_signedWithTheAttackersKey_isRejected(SigningAlgorithm alg) {
        SigningAlgorithm attackerAlg = alg == SigningAlgorithm.HS256 ? SigningAlgorithm.RS256 : alg;
        JwsKey attacker = attackers(attackerAlg);
        String header = "{\"alg\":\"" + attackerAlg.jwsName() + "\",\"typ\":\"at+jwt\",\"kid\":\"our-key-1\",\"jwk\":"
                + attacker.toPublicJwk().toJSONString() + "}";

        assertRejected(alg, signed(attacker, header, claims("")));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void jkuAndX5uPointingAtALocalServer_areRejectedWithoutAnyRequest(SigningAlgorithm alg) throws Exception {
        SigningAlgorithm attackerAlg = alg == SigningAlgorithm.HS256 ? SigningAlgorithm.RS256 : alg;
        JwsKey attacker = attackers(attackerAlg);
        AtomicInteger requests = new AtomicInteger();
        HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        byte[] jwks = new JWKSet(List.<JWK>of(attacker.toPublicJwk())).toString(true).getBytes(StandardCharsets.UTF_8);
        server.createContext("/", exchange -> {
            requests.incrementAndGet();
            exchange.sendResponseHeaders(200, jwks.length);
            exchange.getResponseBody().write(jwks);
            exchange.close();
        });
        server.start();
        try {
            String base = "http://127.0.0.1:" + server.getAddress().getPort();
            for (String header : List.of(
                    "{\"alg\":\"" + attackerAlg.jwsName() + "\",\"typ\":\"at+jwt\",\"kid\":\"our-key-1\",\"jku\":\""
                            + base + "/jwks.json\"}",
                    "{\"alg\":\"" + attackerAlg.jwsName() + "\",\"typ\":\"at+jwt\",\"kid\":\"our-key-1\",\"x5u\":\""
                            + base + "/cert.pem\"}",
                    "{\"alg\":\"" + attackerAlg.jwsName() + "\",\"typ\":\"at+jwt\",\"kid\":\"our-key-1\",\"x5c\":[\""
                            + Base64.getEncoder().encodeToString(attacker.publicKey().getEncoded()) + "\"]}")) {
                assertRejected(alg, signed(attacker, header, claims("")));
            }
        } finally {
            server.stop(0);
        }
        assertThat(requests).hasValue(0);
    }

    @ParameterizedTest
    @ValueSource(strings = {"../../../../../dev/null", "/etc/passwd", "' OR '1'='1", "x'; DROP TABLE users; --", ""})
    void hostileKid_isRejected(String kid) {
        for (SigningAlgorithm alg : SigningAlgorithm.values()) {
            String escaped = kid.replace("\"", "\\\"");
            String rsHeader = "{\"alg\":\"RS256\",\"typ\":\"at+jwt\",\"kid\":\"" + escaped + "\"}";
            String hsHeader = "{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + escaped + "\"}";
            assertRejected(alg, signed(attackers(SigningAlgorithm.RS256), rsHeader, claims("")));
            assertRejected(alg, signed(JwsKey.hmac("x", new byte[32]), hsHeader, claims("")));
        }
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void unknownCrit_evenWithOurValidSignature_isRejected(SigningAlgorithm alg) {
        String header = ourHeaderJson(alg).replaceFirst("}$", ",\"crit\":[\"x-latchkey-test\"],\"x-latchkey-test\":1}");

        assertRejected(alg, signed(ours(alg), header, claims("")));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void oneMegabyteToken_isRejected(SigningAlgorithm alg) {
        String huge = ours(alg).headerSegment() + "." + "A".repeat(1024 * 1024) + ".AAAA";

        assertRejected(alg, huge);
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void deeplyNestedClaims_areRejected(SigningAlgorithm alg) {
        String nested = "[".repeat(5000) + "]".repeat(5000);
        String payload = "{\"iss\":\"" + ISSUER + "\",\"aud\":\"api\",\"sub\":" + nested + "}";
        String bigNested = "{\"a\":" + "[".repeat(500_000) + "]".repeat(500_000) + "}";

        assertRejected(alg, signed(ours(alg), ourHeaderJson(alg), payload));
        assertRejected(alg, signed(ours(alg), ourHeaderJson(alg), bigNested));
        assertRejected(alg, signed(ours(alg), ourHeaderJson(alg), claims(",\"roles\":" + nested)));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void expired_isRejected(SigningAlgorithm alg) {
        String payload = claims("").replace("\"exp\":" + NOW.plusSeconds(900).getEpochSecond(),
                "\"exp\":" + NOW.minusSeconds(61).getEpochSecond());

        assertRejected(alg, signed(ours(alg), ourHeaderJson(alg), payload));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void notYetValid_isRejected(SigningAlgorithm alg) {
        String futureIat = claims("").replace("\"iat\":" + NOW.getEpochSecond(),
                "\"iat\":" + NOW.plusSeconds(120).getEpochSecond());

        assertRejected(alg, signed(ours(alg), ourHeaderJson(alg), futureIat));
        assertRejected(alg, signed(ours(alg), ourHeaderJson(alg), claims(",\"nbf\":" + NOW.plusSeconds(120).getEpochSecond())));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void wrongIssuerOrAudience_isRejected(SigningAlgorithm alg) {
        assertRejected(alg, signed(ours(alg), ourHeaderJson(alg), claims("").replace(ISSUER, "https://evil.test")));
        assertRejected(alg, signed(ours(alg), ourHeaderJson(alg), claims("").replace("\"aud\":\"api\"", "\"aud\":\"other\"")));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void wrongOrMissingTyp_isRejected(SigningAlgorithm alg) {
        String jwtTyp = ourHeaderJson(alg).replace("at+jwt", "JWT");
        String noTyp = ourHeaderJson(alg).replace(",\"typ\":\"at+jwt\"", "").replace("\"typ\":\"at+jwt\",", "");

        assertRejected(alg, signed(ours(alg), jwtTyp, claims("")));
        assertRejected(alg, signed(ours(alg), noTyp, claims("")));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void validSignatureOverAModifiedPayload_isRejected(SigningAlgorithm alg) {
        String good = codec(alg).issue("user-1", "s1", List.of("user"), List.of("pwd"), NOW, NOW, NOW.plusSeconds(900));
        String[] parts = good.split("\\.");
        String admin = b64(claims(",\"roles\":[\"admin\"]").replace("user-1", "user-2"));

        assertRejected(alg, parts[0] + "." + admin + "." + parts[2]);
    }

    @ParameterizedTest
    @EnumSource(value = SigningAlgorithm.class, names = {"RS256", "ES256", "EDDSA"})
    void tokenSignedByAnotherKeyUnderOurKid_isRejected(SigningAlgorithm alg) {
        assertRejected(alg, signed(attackers(alg), ourHeaderJson(alg), claims("")));
    }

    @ParameterizedTest
    @EnumSource(SigningAlgorithm.class)
    void garbage_isRejected(SigningAlgorithm alg) {
        for (String token : List.of("", ".", "..", "a.b.c", "a.b.c.d", ours(alg).headerSegment() + ".!!.??", "\u0000")) {
            assertRejected(alg, token);
        }
        assertThatThrownBy(() -> codec(alg).verify(null, NOW)).isInstanceOf(AuthException.class);
    }

    @ParameterizedTest
    @EnumSource(value = SigningAlgorithm.class, names = {"RS256", "ES256", "EDDSA"})
    void publicJwk_hasKidAlgAndNoPrivatePart(SigningAlgorithm alg) {
        Map<String, Object> jwk = ours(alg).toPublicJwk().toJSONObject();

        assertThat(jwk).containsEntry("kid", "our-key-1").containsEntry("alg", alg.jwsName()).containsEntry("use", "sig")
                .doesNotContainKeys("d", "p", "q", "dp", "dq", "qi");
    }
}
