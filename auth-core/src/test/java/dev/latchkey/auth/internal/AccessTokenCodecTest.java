package dev.latchkey.auth.internal;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.crypto.ECDSASigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.util.Base64URL;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class AccessTokenCodecTest {
    private static final byte[] KEY = Secrets.randomBytes(32);
    private static final String KID = AccessTokenCodec.deriveKeyId(KEY);
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final AccessTokenCodec codec = new AccessTokenCodec(KEY, KID, "https://issuer.test", "api", Duration.ofSeconds(60));

    private String issue() {
        return codec.issue("user-1", "session-1", List.of("user", "admin"), List.of("pwd"), NOW, NOW, NOW.plusSeconds(900));
    }

    private static void assertRejected(Runnable verification) {
        assertThatThrownBy(verification::run)
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.code()).isEqualTo(AuthErrorCode.INVALID_TOKEN));
    }

    /** A token signed with our own key whose header and claims a test shapes; the attacker's best case. */
    private static String forge(Consumer<JWSHeader.Builder> header, Consumer<JWTClaimsSet.Builder> claims) throws Exception {
        JWSHeader.Builder h = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).keyID(KID);
        header.accept(h);
        JWTClaimsSet.Builder c = new JWTClaimsSet.Builder().issuer("https://issuer.test").audience("api").subject("user-1")
                .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(900))).jwtID("j1").claim("sid", "session-1");
        claims.accept(c);
        SignedJWT jwt = new SignedJWT(h.build(), c.build());
        jwt.sign(new MACSigner(KEY));
        return jwt.serialize();
    }

    @Test
    void issuedToken_verifiesWithItsClaims() {
        AccessTokenCodec.Claims claims = codec.verify(issue(), NOW.plusSeconds(10));
        assertThat(claims.subject()).isEqualTo("user-1");
        assertThat(claims.sessionId()).isEqualTo("session-1");
        assertThat(claims.roles()).containsExactly("user", "admin");
        assertThat(claims.issuedAt()).isEqualTo(NOW);
        assertThat(claims.expiresAt()).isEqualTo(NOW.plusSeconds(900));
        assertThat(claims.tokenId()).isNotBlank();
    }

    @Test
    void issuedToken_hasAtJwtTypeKidAndEveryRequiredClaim() throws Exception {
        SignedJWT jwt = SignedJWT.parse(issue());
        assertThat(jwt.getHeader().getType().getType()).isEqualTo("at+jwt");
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(KID);
        assertThat(jwt.getJWTClaimsSet().getClaims().keySet())
                .contains("iss", "aud", "sub", "iat", "exp", "jti", "client_id", "sid", "roles");
    }

    @Test
    void issuedToken_carriesTheClientIdRfc9068Requires() throws Exception {
        KeySource hmac = KeySource.fixed(JwsKey.hmac(KID, KEY), List.of(JwsKey.hmac(KID, KEY)));
        AccessTokenCodec named = new AccessTokenCodec(hmac, "https://issuer.test", "api", "web-app", Duration.ofSeconds(60));
        String token = named.issue("user-1", "session-1", List.of(), List.of("pwd"), NOW, NOW, NOW.plusSeconds(900));

        assertThat(SignedJWT.parse(token).getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("web-app");
        assertThat(SignedJWT.parse(issue()).getJWTClaimsSet().getStringClaim("client_id")).isEqualTo("api");
        assertThat(named.verify(token, NOW).subject()).isEqualTo("user-1");
    }

    @Test
    void tokenWithoutClientId_stillVerifies_soTokensIssuedBeforeTheClaimKeepWorking() throws Exception {
        String token = forge(h -> { }, c -> c.claim("client_id", null));

        assertThat(codec.verify(token, NOW).subject()).isEqualTo("user-1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"none", "None", "NONE", "nOnE"})
    void algNone_inAnyCasing_isRejected(String alg) {
        String header = Base64URL.encode("{\"alg\":\"" + alg + "\",\"typ\":\"at+jwt\",\"kid\":\"" + KID + "\"}").toString();
        String payload = issue().split("\\.")[1];
        assertRejected(() -> codec.verify(header + "." + payload + ".", NOW));
        assertRejected(() -> codec.verify(header + "." + payload, NOW));
    }

    @Test
    void tokenSignedWithAnotherKey_isRejected() {
        AccessTokenCodec other = new AccessTokenCodec(Secrets.randomBytes(32), KID, "https://issuer.test", "api", Duration.ofSeconds(60));
        String foreign = other.issue("user-1", "session-1", List.of(), List.of("pwd"), NOW, NOW, NOW.plusSeconds(900));
        assertRejected(() -> codec.verify(foreign, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"Bearer ", "bearer ", "BEARER "})
    void tokenWithItsBearerPrefix_isRejectedSayingToDropThePrefix(String prefix) {
        assertThatThrownBy(() -> codec.verify(prefix + issue(), NOW))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.code()).isEqualTo(AuthErrorCode.INVALID_TOKEN))
                .hasMessageContaining("without the 'Bearer ' prefix");
        assertThatThrownBy(() -> codec.verify(prefix + "x", NOW)).hasMessageContaining("without the 'Bearer ' prefix");
    }

    @Test
    void tokenOfAnotherMasterKey_isRejectedSayingTheServiceHasNotItsKey() {
        byte[] otherKey = Secrets.randomBytes(32);
        String otherKid = AccessTokenCodec.deriveKeyId(otherKey);
        AccessTokenCodec other = new AccessTokenCodec(otherKey, otherKid, "https://issuer.test", "api", Duration.ofSeconds(60));
        String foreign = other.issue("user-1", "session-1", List.of(), List.of("pwd"), NOW, NOW, NOW.plusSeconds(900));

        assertThatThrownBy(() -> codec.verify(foreign, NOW))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.code()).isEqualTo(AuthErrorCode.INVALID_TOKEN))
                .hasMessageContaining("signed with a key this service does not have (another master key or an old key)")
                .message().doesNotContain(otherKid);
    }

    @Test
    void headerNamingOurKeyWithAnotherAlgorithm_isRejectedAsAnUnexpectedHeader() throws Exception {
        String token = forge(h -> { }, c -> { });
        String es256Header = Base64URL.encode(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt"))
                .keyID(KID).build().toString()).toString();

        assertThatThrownBy(() -> codec.verify(es256Header + token.substring(token.indexOf('.')), NOW))
                .hasMessageContaining("unexpected token header");
    }

    @Test
    void asymmetricallySignedToken_isRejected() throws Exception {
        ECKey ec = new ECKeyGenerator(Curve.P_256).keyID(KID).generate();
        SignedJWT jwt = new SignedJWT(new JWSHeader.Builder(JWSAlgorithm.ES256).type(new JOSEObjectType("at+jwt")).keyID(KID).build(),
                new JWTClaimsSet.Builder().issuer("https://issuer.test").audience("api").subject("user-1")
                        .issueTime(Date.from(NOW)).expirationTime(Date.from(NOW.plusSeconds(900))).jwtID("j").claim("sid", "s").build());
        jwt.sign(new ECDSASigner(ec));
        assertRejected(() -> codec.verify(jwt.serialize(), NOW));
    }

    @Test
    void emptyOrTruncatedSignature_isRejected() {
        String token = issue();
        String unsigned = token.substring(0, token.lastIndexOf('.') + 1);
        assertRejected(() -> codec.verify(unsigned, NOW));
        assertRejected(() -> codec.verify(token.substring(0, token.length() - 4), NOW));
    }

    @Test
    void validSignatureOverModifiedPayload_isRejected() {
        String[] parts = issue().split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8).replace("user-1", "user-2");
        assertRejected(() -> codec.verify(parts[0] + "." + Base64URL.encode(payload) + "." + parts[2], NOW));
    }

    @Test
    void tokenSeenBefore_givesTheSameClaims_andAModifiedCopyIsStillCheckedInFull() {
        String token = issue();
        AccessTokenCodec.Claims first = codec.verify(token, NOW);
        assertThat(codec.verify(token, NOW.plusSeconds(1))).isEqualTo(first);
        String[] parts = token.split("\\.");
        String payload = new String(Base64URL.from(parts[1]).decode(), StandardCharsets.UTF_8).replace("user-1", "user-2");
        assertRejected(() -> codec.verify(parts[0] + "." + Base64URL.encode(payload) + "." + parts[2], NOW));
        assertRejected(() -> codec.verify(token + "x", NOW));
    }

    @Test
    void tokenSeenBefore_isStillRejectedOnceExpired() {
        String token = issue();
        codec.verify(token, NOW);
        assertRejected(() -> codec.verify(token, NOW.plusSeconds(900 + 60)));
    }

    @Test
    void embeddedJwkHeader_isRejectedEvenWhenSignedWithOurKey() throws Exception {
        ECKey attackerKey = new ECKeyGenerator(Curve.P_256).generate();
        String token = forge(h -> h.jwk(attackerKey.toPublicJWK()), c -> { });
        assertThat(SignedJWT.parse(token).getHeader().getJWK()).isNotNull();
        assertRejected(() -> codec.verify(token, NOW));
    }

    @Test
    void jkuAndX5uHeaders_areRejected() throws Exception {
        String jku = forge(h -> h.jwkURL(URI.create("http://127.0.0.1:1/jwks.json")), c -> { });
        String x5u = forge(h -> h.x509CertURL(URI.create("http://127.0.0.1:1/cert.pem")), c -> { });
        assertRejected(() -> codec.verify(jku, NOW));
        assertRejected(() -> codec.verify(x5u, NOW));
    }

    @Test
    void unknownCritHeader_isRejected() throws Exception {
        String token = forge(h -> h.criticalParams(Set.of("exp-policy")).customParam("exp-policy", "lax"), c -> { });
        assertRejected(() -> codec.verify(token, NOW));
    }

    @Test
    void wrongTyp_isRejected() throws Exception {
        String token = forge(h -> h.type(JOSEObjectType.JWT), c -> { });
        assertRejected(() -> codec.verify(token, NOW));
    }

    @Test
    void tokenOverEightKibibytes_isRejectedBeforeDecoding() throws Exception {
        String token = forge(h -> { }, c -> c.claim("pad", "x".repeat(9000)));
        assertThat(token.length()).isGreaterThan(AccessTokenCodec.MAX_TOKEN_LENGTH);
        assertRejected(() -> codec.verify(token, NOW));
    }

    @Test
    void expiredTokenBeyondSkew_isRejectedButWithinSkewAccepted() {
        String token = issue();
        assertThat(codec.verify(token, NOW.plusSeconds(900 + 59)).subject()).isEqualTo("user-1");
        assertRejected(() -> codec.verify(token, NOW.plusSeconds(900 + 60)));
    }

    @Test
    void tokenIssuedInTheFutureBeyondSkew_isRejected() {
        String token = issue();
        assertRejected(() -> codec.verify(token, NOW.minusSeconds(61)));
    }

    @Test
    void notBeforeInTheFuture_isRejected() throws Exception {
        String token = forge(h -> { }, c -> c.notBeforeTime(Date.from(NOW.plusSeconds(600))));
        assertRejected(() -> codec.verify(token, NOW));
    }

    @Test
    void wrongIssuerOrAudience_isRejected() throws Exception {
        String iss = forge(h -> { }, c -> c.issuer("https://evil.test"));
        String aud = forge(h -> { }, c -> c.audience("other-api"));
        assertRejected(() -> codec.verify(iss, NOW));
        assertRejected(() -> codec.verify(aud, NOW));
    }

    @ParameterizedTest
    @ValueSource(strings = {"iss", "aud", "exp", "iat", "sub", "jti", "sid"})
    void missingRequiredClaim_isRejected(String claim) throws Exception {
        String token = forge(h -> { }, c -> c.claim(claim, null));
        assertRejected(() -> codec.verify(token, NOW));
    }

    @Test
    void opaqueRefreshToken_isNeverAcceptedAsAccessToken() {
        assertRejected(() -> codec.verify(Secrets.randomToken(32), NOW));
    }

    @Test
    void garbageAndNull_areRejectedWithoutOtherExceptions() {
        assertRejected(() -> codec.verify(null, NOW));
        assertRejected(() -> codec.verify("", NOW));
        assertRejected(() -> codec.verify("a.b.c", NOW));
        assertRejected(() -> codec.verify(issue() + ".extra", NOW));
        assertRejected(() -> codec.verify(issue().replace('.', '='), NOW));
    }
}
