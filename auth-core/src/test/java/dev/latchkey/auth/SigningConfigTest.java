package dev.latchkey.auth;

import dev.latchkey.auth.token.SigningConfig;

import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.gen.ECKeyGenerator;
import com.nimbusds.jose.jwk.gen.RSAKeyGenerator;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.util.Base64;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The signing settings of {@link AuthConfig} and the host-supplied {@link SigningKey}s. */
class SigningConfigTest {
    private static final byte[] MASTER = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);

    private static SigningConfig rs256() {
        return SigningConfig.newBuilder().algorithm(SigningAlgorithm.RS256).build();
    }

    private static AuthConfig.Builder valid() {
        return AuthConfig.newBuilder().issuer("https://example.test").audience("api").masterKey(MASTER);
    }

    private static KeyPair pair(String algorithm, Object spec) throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance(algorithm);
        if (spec instanceof Integer bits) {
            g.initialize(bits);
        } else if (spec instanceof String curve) {
            g.initialize(new ECGenParameterSpec(curve));
        }
        return g.generateKeyPair();
    }

    private static String pem(String label, byte[] der) {
        return "-----BEGIN " + label + "-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END " + label
                + "-----\n";
    }

    @Test
    void byDefault_signsWithHs256() {
        assertThat(valid().build().signing().algorithm()).isEqualTo(SigningAlgorithm.HS256);
    }

    @Test
    void asymmetricSigning_choosesRs256() {
        assertThat(valid().signing(SigningConfig.newBuilder().asymmetric().build()).build().signing().algorithm()).isEqualTo(SigningAlgorithm.RS256);
    }

    @Test
    void masterKey_derivesASigningKeyEncryptionKeyOfItsOwn() {
        AuthConfig config = valid().signing(rs256()).build();

        assertThat(config.keys().keyEncryptionKey()).hasSize(32)
                .isNotEqualTo(config.keys().accessTokenKey()).isNotEqualTo(config.keys().pepper())
                .isNotEqualTo(config.keys().codeKey());
        assertThat(valid().build().keys().keyEncryptionKey()).isEqualTo(config.keys().keyEncryptionKey());
    }

    @Test
    void asymmetricAlgorithm_withoutAKeyEncryptionKey_isRejectedByName() {
        AuthConfig.Builder b = AuthConfig.newBuilder().issuer("https://example.test").audience("api")
                .accessTokenKey(MASTER).passwordPepper(MASTER)
                .signing(SigningConfig.newBuilder().algorithm(SigningAlgorithm.EDDSA).build());

        assertThatThrownBy(b::build).isInstanceOf(IllegalArgumentException.class).hasMessageContaining("keyEncryptionKey");
    }

    @Test
    void keyEncryptionKey_ofWrongLength_isRejected() {
        assertThatThrownBy(() -> valid().signing(SigningConfig.newBuilder().algorithm(SigningAlgorithm.ES256).build())
                .keyEncryptionKey(new byte[16]).build())
                .hasMessageContaining("keyEncryptionKey must be exactly 32 bytes");
    }

    @Test
    void publishLead_shorterThanTheRefreshInterval_isRejected() {
        assertThatThrownBy(() -> SigningConfig.newBuilder().refreshInterval(Duration.ofMinutes(10))
                .publishLead(Duration.ofMinutes(5)).build()).hasMessageContaining("publishLead");
    }

    @Test
    void rotationPeriod_outOfRange_isRejected() {
        assertThatThrownBy(() -> SigningConfig.newBuilder().rotationPeriod(Duration.ofMinutes(30)).build())
                .hasMessageContaining("rotationPeriod");
    }

    @Test
    void signingKeys_setTheAlgorithmFromTheFirstKey() throws Exception {
        SigningConfig config = SigningConfig.newBuilder().keys(List.of(SigningKey.of("k1", pair("EC", "secp256r1"))))
                .build();

        assertThat(config.algorithm()).isEqualTo(SigningAlgorithm.ES256);
    }

    @Test
    void signingKeys_contradictingTheAlgorithm_areRejected() throws Exception {
        SigningConfig.Builder b = SigningConfig.newBuilder().algorithm(SigningAlgorithm.RS256)
                .keys(List.of(SigningKey.of("k1", pair("Ed25519", null))));

        assertThatThrownBy(b::build).hasMessageContaining("algorithm");
    }

    @Test
    void signingKeys_whoseFirstOnlyVerifies_areRejected() throws Exception {
        SigningConfig.Builder b = SigningConfig.newBuilder().keys(List.of(SigningKey.verificationOnly("k1", pair("Ed25519", null).getPublic())));

        assertThatThrownBy(b::build).hasMessageContaining("first key");
    }

    @Test
    void signingKey_ofRsa1024_isRejected() throws Exception {
        KeyPair weak = pair("RSA", 1024);

        assertThatThrownBy(() -> SigningKey.of("k1", weak)).hasMessageContaining("2048");
    }

    @Test
    void signingKey_onP384_isRejected() throws Exception {
        KeyPair p384 = pair("EC", "secp384r1");

        assertThatThrownBy(() -> SigningKey.of("k1", p384)).hasMessageContaining("P-256");
    }

    @Test
    void signingKey_withMismatchedHalves_isRejected() throws Exception {
        KeyPair a = pair("EC", "secp256r1");
        KeyPair b = pair("EC", "secp256r1");

        assertThatThrownBy(() -> SigningKey.of("k1", new KeyPair(a.getPublic(), b.getPrivate())))
                .hasMessageContaining("do not belong together");
    }

    @Test
    void signingKey_withAHostileKid_isRejected() throws Exception {
        KeyPair p = pair("Ed25519", null);

        assertThatThrownBy(() -> SigningKey.of("../etc/passwd", p)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> SigningKey.of("", p)).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void fromPem_readsEveryKind() throws Exception {
        for (KeyPair p : List.of(pair("RSA", 2048), pair("EC", "secp256r1"), pair("Ed25519", null))) {
            SigningKey key = SigningKey.fromPem("k1", pem("PRIVATE KEY", p.getPrivate().getEncoded()),
                    pem("PUBLIC KEY", p.getPublic().getEncoded()));
            assertThat(key.canSign()).isTrue();
        }
    }

    @Test
    void fromJwk_readsRsaAndEcPrivateJwks() throws Exception {
        SigningKey rsa = SigningKey.fromJwk(new RSAKeyGenerator(2048).keyID("r1").generate().toJSONString());
        SigningKey ec = SigningKey.fromJwk(new ECKeyGenerator(Curve.P_256).keyID("e1").generate().toJSONString());

        assertThat(rsa.algorithm()).isEqualTo(SigningAlgorithm.RS256);
        assertThat(ec.algorithm()).isEqualTo(SigningAlgorithm.ES256);
    }

    @Test
    void fromJwk_readsAnEd25519OctetKeyPair() throws Exception {
        KeyPair p = pair("Ed25519", null);
        byte[] d = p.getPrivate().getEncoded();
        byte[] x = p.getPublic().getEncoded();
        Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
        String jwk = "{\"kty\":\"OKP\",\"crv\":\"Ed25519\",\"kid\":\"o1\",\"x\":\""
                + b64.encodeToString(java.util.Arrays.copyOfRange(x, x.length - 32, x.length)) + "\",\"d\":\""
                + b64.encodeToString(java.util.Arrays.copyOfRange(d, d.length - 32, d.length)) + "\"}";

        SigningKey key = SigningKey.fromJwk(jwk);

        assertThat(key.algorithm()).isEqualTo(SigningAlgorithm.EDDSA);
        assertThat(key.keyId()).isEqualTo("o1");
    }

    @Test
    void fromJwk_withoutThePrivatePart_isRejected() throws Exception {
        String publicOnly = new ECKeyGenerator(Curve.P_256).keyID("e1").generate().toPublicJWK().toJSONString();

        assertThatThrownBy(() -> SigningKey.fromJwk(publicOnly)).hasMessageContaining("private part");
    }

    @Test
    void toString_showsNoKeyMaterial() throws Exception {
        KeyPair p = pair("EC", "secp256r1");
        SigningKey key = SigningKey.of("k1", p);
        String encoded = Base64.getEncoder().encodeToString(p.getPrivate().getEncoded());

        assertThat(key.toString()).isEqualTo("SigningKey[k1, ES256]").doesNotContain(encoded);
        assertThat(valid().signing(rs256()).build().toString()).contains("algorithm=RS256");
    }
}
