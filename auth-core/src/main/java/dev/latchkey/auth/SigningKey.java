package dev.latchkey.auth;

import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import dev.latchkey.auth.internal.JwsKey;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.Key;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.cert.Certificate;
import java.security.spec.PKCS8EncodedKeySpec;
import java.security.spec.X509EncodedKeySpec;
import java.text.ParseException;
import java.util.Arrays;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Objects;

/**
 * An access-token signing key the host supplies (from PEM or JWK files, or a {@link KeyStore}) instead of letting
 * Latchkey generate and store one; see {@link dev.latchkey.auth.token.SigningConfig.Builder#keys(List)}.
 *
 * <p>The algorithm follows from the key: RSA (2048 bits or more) signs RS256, EC P-256 signs ES256, Ed25519 signs
 * EdDSA. Every factory checks that the private and the public key belong together. {@link #toString()} shows the
 * {@code kid} and algorithm only.
 */
public final class SigningKey {
    private static final byte[] ED25519_PKCS8_PREFIX = HexFormat.of().parseHex("302e020100300506032b657004220420");
    private static final List<String> KEY_FACTORIES = List.of("RSA", "EC", "Ed25519");

    private final JwsKey key;

    private SigningKey(JwsKey key) {
        this.key = key;
    }

    /**
     * A key from a JDK key pair.
     *
     * @throws IllegalArgumentException for a bad {@code kid} (1-64 of {@code A-Z a-z 0-9 _ . -}), an unsupported or
     *                                  too small key, or halves that do not match
     */
    public static SigningKey of(String keyId, KeyPair keyPair) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(keyPair, "keyPair");
        PublicKey publicKey = Objects.requireNonNull(keyPair.getPublic(), "keyPair.getPublic()");
        PrivateKey privateKey = Objects.requireNonNull(keyPair.getPrivate(), "keyPair.getPrivate()");
        JwsKey key = JwsKey.asymmetric(keyId, JwsKey.algorithmOf(publicKey), privateKey, publicKey);
        byte[] probe = "latchkey signing key check".getBytes(StandardCharsets.US_ASCII);
        boolean matches;
        try {
            matches = key.verify(probe, key.sign(probe));
        } catch (IllegalStateException e) {
            matches = false;
        }
        if (!matches) {
            throw new IllegalArgumentException("the private and public key of " + keyId + " do not belong together");
        }
        return new SigningKey(key);
    }

    /**
     * A key that only verifies, for tokens signed by a key the host has since replaced; it is published in the JWKS
     * until removed from the configuration.
     */
    public static SigningKey verificationOnly(String keyId, PublicKey publicKey) {
        Objects.requireNonNull(keyId, "keyId");
        Objects.requireNonNull(publicKey, "publicKey");
        return new SigningKey(JwsKey.asymmetric(keyId, JwsKey.algorithmOf(publicKey), null, publicKey));
    }

    /**
     * A key from PEM text: an unencrypted PKCS#8 private key ({@code -----BEGIN PRIVATE KEY-----}) and its X.509 public
     * key ({@code -----BEGIN PUBLIC KEY-----}), as {@code openssl genpkey} and {@code openssl pkey -pubout} write them.
     */
    public static SigningKey fromPem(String keyId, String privateKeyPem, String publicKeyPem) {
        Objects.requireNonNull(privateKeyPem, "privateKeyPem");
        Objects.requireNonNull(publicKeyPem, "publicKeyPem");
        byte[] privateDer = pem(privateKeyPem, "PRIVATE KEY");
        byte[] publicDer = pem(publicKeyPem, "PUBLIC KEY");
        for (String kind : KEY_FACTORIES) {
            try {
                KeyFactory factory = KeyFactory.getInstance(kind);
                PublicKey publicKey = factory.generatePublic(new X509EncodedKeySpec(publicDer));
                PrivateKey privateKey = factory.generatePrivate(new PKCS8EncodedKeySpec(privateDer));
                return of(keyId, new KeyPair(publicKey, privateKey));
            } catch (GeneralSecurityException | ClassCastException e) {
                // not this kind of key; try the next
            }
        }
        throw new IllegalArgumentException("the PEM keys are not an RSA, EC or Ed25519 key pair");
    }

    /**
     * A key from a private JWK (RFC 7517) with its {@code kid}: {@code kty} {@code RSA}, {@code EC} with {@code crv}
     * {@code P-256}, or {@code OKP} with {@code crv} {@code Ed25519}.
     */
    public static SigningKey fromJwk(String jwkJson) {
        Objects.requireNonNull(jwkJson, "jwkJson");
        JWK jwk;
        try {
            jwk = JWK.parse(jwkJson);
        } catch (ParseException e) {
            throw new IllegalArgumentException("not a JWK: " + e.getMessage());
        }
        if (jwk.getKeyID() == null || !jwk.isPrivate()) {
            throw new IllegalArgumentException("the JWK needs a kid and its private part");
        }
        try {
            if (jwk instanceof RSAKey rsa) {
                return of(jwk.getKeyID(), rsa.toKeyPair());
            }
            if (jwk instanceof ECKey ec && Curve.P_256.equals(ec.getCurve())) {
                return of(jwk.getKeyID(), ec.toKeyPair());
            }
            if (jwk instanceof OctetKeyPair okp && Curve.Ed25519.equals(okp.getCurve())) {
                PublicKey publicKey = JwsKey.ed25519PublicKey(okp.getX().decode());
                byte[] d = okp.getD().decode();
                byte[] der = Arrays.copyOf(ED25519_PKCS8_PREFIX, ED25519_PKCS8_PREFIX.length + 32);
                System.arraycopy(d, 0, der, ED25519_PKCS8_PREFIX.length, Math.min(32, d.length));
                PrivateKey privateKey = KeyFactory.getInstance("Ed25519").generatePrivate(new PKCS8EncodedKeySpec(der));
                return of(jwk.getKeyID(), new KeyPair(publicKey, privateKey));
            }
        } catch (JOSEException | GeneralSecurityException e) {
            throw new IllegalArgumentException("the JWK does not hold a usable key pair");
        }
        throw new IllegalArgumentException("unsupported JWK; use RSA, EC P-256 or OKP Ed25519");
    }

    /** The key pair stored under {@code alias} in {@code keyStore}; the alias becomes the {@code kid}. */
    public static SigningKey fromKeyStore(KeyStore keyStore, String alias, char[] password) {
        Objects.requireNonNull(keyStore, "keyStore");
        Objects.requireNonNull(alias, "alias");
        Objects.requireNonNull(password, "password");
        try {
            Key key = keyStore.getKey(alias, password);
            Certificate certificate = keyStore.getCertificate(alias);
            if (!(key instanceof PrivateKey privateKey) || certificate == null) {
                throw new IllegalArgumentException("the key store has no private key and certificate under " + alias);
            }
            return of(alias, new KeyPair(certificate.getPublicKey(), privateKey));
        } catch (GeneralSecurityException e) {
            throw new IllegalArgumentException("could not read " + alias + " from the key store", e);
        }
    }

    private static byte[] pem(String text, String label) {
        String begin = "-----BEGIN " + label + "-----";
        String end = "-----END " + label + "-----";
        int from = text.indexOf(begin);
        int to = text.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("expected a PEM block " + begin);
        }
        try {
            return Base64.getMimeDecoder().decode(text.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the PEM block " + begin + " is not base64");
        }
    }

    /** The {@code kid}. */
    public String keyId() {
        return key.keyId();
    }

    /** The algorithm this key signs with. */
    public SigningAlgorithm algorithm() {
        return key.algorithm();
    }

    /** Whether it holds a private key (false for {@link #verificationOnly}). */
    public boolean canSign() {
        return key.canSign();
    }

    JwsKey jwsKey() {
        return key;
    }

    @Override
    public String toString() {
        return "SigningKey[" + key.keyId() + ", " + key.algorithm().jwsName() + (key.canSign() ? "" : ", verify only")
                + "]";
    }
}
