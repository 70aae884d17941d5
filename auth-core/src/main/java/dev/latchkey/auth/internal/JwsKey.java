package dev.latchkey.auth.internal;

import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.jwk.Curve;
import com.nimbusds.jose.jwk.ECKey;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.KeyUse;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.RSAKey;
import com.nimbusds.jose.util.Base64URL;
import dev.latchkey.auth.SigningAlgorithm;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.MessageDigest;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * One access-token key: its {@code kid}, its algorithm (fixed by the key, never by a token), the exact header segment
 * tokens signed with it start with, and the JDK primitives that sign and verify with it.
 *
 * <p>Signing and verifying use the JDK only ({@code SHA256withRSA}, {@code SHA256withECDSAinP1363Format},
 * {@code Ed25519}, {@code HmacSHA256}); Nimbus is used for the header and the public JWK. ES256 signatures are checked
 * for {@code 0 < r, s < n} before the JDK sees them (CVE-2022-21449).
 */
public final class JwsKey {
    /** What a {@code kid} may contain: it is pasted into the token header and kept in the database. */
    public static final Pattern KEY_ID = Pattern.compile("^[A-Za-z0-9_.-]{1,64}$");
    private static final int MIN_RSA_BITS = 2048;
    private static final BigInteger P256_ORDER =
            new BigInteger("FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16);
    private static final byte[] ED25519_SPKI_PREFIX = HexFormat.of().parseHex("302a300506032b6570032100");

    private final String keyId;
    private final SigningAlgorithm algorithm;
    private final String headerSegment;
    private final PrivateKey privateKey;
    private final PublicKey publicKey;
    private final byte[] secret;
    private final int signatureLength;
    private final ThreadLocal<Object> verifiers;

    private JwsKey(String keyId, SigningAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey, byte[] secret) {
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("key id must be 1-64 characters of A-Z a-z 0-9 _ . -");
        }
        this.keyId = keyId;
        this.algorithm = algorithm;
        this.privateKey = privateKey;
        this.publicKey = publicKey;
        this.secret = secret;
        JWSHeader header = new JWSHeader.Builder(JWSAlgorithm.parse(algorithm.jwsName()))
                .type(new JOSEObjectType("at+jwt")).keyID(keyId).build();
        this.headerSegment = header.toBase64URL().toString();
        this.signatureLength = switch (algorithm) {
            case HS256 -> 32;
            case RS256 -> (((RSAPublicKey) publicKey).getModulus().bitLength() + 7) / 8;
            case ES256, EDDSA -> 64;
        };
        this.verifiers = ThreadLocal.withInitial(this::newVerifier);
    }

    /** An HS256 key; {@code secret} must be at least 32 bytes. */
    public static JwsKey hmac(String keyId, byte[] secret) {
        Objects.requireNonNull(secret, "secret");
        if (secret.length < 32) {
            throw new IllegalArgumentException("an HS256 key must be at least 32 bytes");
        }
        return new JwsKey(keyId, SigningAlgorithm.HS256, null, null, secret.clone());
    }

    /**
     * An asymmetric key; {@code privateKey} may be null for a key that only verifies. The algorithm is checked against
     * the key: RSA of at least 2048 bits for RS256, P-256 for ES256, Ed25519 for EdDSA.
     */
    public static JwsKey asymmetric(String keyId, SigningAlgorithm algorithm, PrivateKey privateKey, PublicKey publicKey) {
        Objects.requireNonNull(algorithm, "algorithm");
        Objects.requireNonNull(publicKey, "publicKey");
        if (!algorithm.isAsymmetric()) {
            throw new IllegalArgumentException("HS256 keys are made with hmac()");
        }
        checkFits(algorithm, publicKey);
        if (privateKey != null && !privateKey.getAlgorithm().equals(publicKey.getAlgorithm())
                && !(algorithm == SigningAlgorithm.EDDSA && isEd25519(privateKey.getAlgorithm()))) {
            throw new IllegalArgumentException("private and public key are of different kinds");
        }
        return new JwsKey(keyId, algorithm, privateKey, publicKey, null);
    }

    /** The algorithm a public key implies: RS256 for RSA, ES256 for EC (P-256 only), EdDSA for Ed25519. */
    public static SigningAlgorithm algorithmOf(PublicKey publicKey) {
        String kind = publicKey.getAlgorithm();
        if ("RSA".equals(kind)) {
            return SigningAlgorithm.RS256;
        }
        if ("EC".equals(kind)) {
            return SigningAlgorithm.ES256;
        }
        if (isEd25519(kind)) {
            return SigningAlgorithm.EDDSA;
        }
        throw new IllegalArgumentException("unsupported key type " + kind + "; use RSA, EC P-256 or Ed25519");
    }

    private static boolean isEd25519(String kind) {
        return "EdDSA".equals(kind) || "Ed25519".equals(kind);
    }

    private static void checkFits(SigningAlgorithm algorithm, PublicKey publicKey) {
        if (algorithmOf(publicKey) != algorithm) {
            throw new IllegalArgumentException(algorithm + " needs a different key type than " + publicKey.getAlgorithm());
        }
        switch (algorithm) {
            case RS256 -> {
                if (((RSAPublicKey) publicKey).getModulus().bitLength() < MIN_RSA_BITS) {
                    throw new IllegalArgumentException("RS256 keys must have at least " + MIN_RSA_BITS + " bits");
                }
            }
            case ES256 -> {
                ECParameterSpec params = ((ECPublicKey) publicKey).getParams();
                if (!params.getOrder().equals(P256_ORDER)) {
                    throw new IllegalArgumentException("ES256 keys must be on the P-256 curve");
                }
            }
            case EDDSA -> {
                byte[] der = publicKey.getEncoded();
                if (der.length != ED25519_SPKI_PREFIX.length + 32
                        || !Arrays.equals(der, 0, ED25519_SPKI_PREFIX.length, ED25519_SPKI_PREFIX, 0,
                        ED25519_SPKI_PREFIX.length)) {
                    throw new IllegalArgumentException("EdDSA keys must be Ed25519");
                }
            }
            default -> throw new IllegalArgumentException("not an asymmetric algorithm");
        }
    }

    /** The Ed25519 public key whose raw 32 bytes are {@code x}. */
    public static PublicKey ed25519PublicKey(byte[] x) throws GeneralSecurityException {
        byte[] der = Arrays.copyOf(ED25519_SPKI_PREFIX, ED25519_SPKI_PREFIX.length + 32);
        System.arraycopy(x, 0, der, ED25519_SPKI_PREFIX.length, 32);
        return KeyFactory.getInstance("Ed25519").generatePublic(new X509EncodedKeySpec(der));
    }

    /** The {@code kid}. */
    public String keyId() {
        return keyId;
    }

    /** The algorithm this key signs and verifies with. */
    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    /** The public key; null for HS256. */
    public PublicKey publicKey() {
        return publicKey;
    }

    /** Whether this key can sign (it holds a private key or a secret). */
    public boolean canSign() {
        return privateKey != null || secret != null;
    }

    /** The base64url header every token signed with this key starts with. */
    public String headerSegment() {
        return headerSegment;
    }

    /** The signature of {@code signingInput}. */
    public byte[] sign(byte[] signingInput) {
        if (!canSign()) {
            throw new IllegalStateException("key " + keyId + " only verifies");
        }
        try {
            if (algorithm == SigningAlgorithm.HS256) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac.doFinal(signingInput);
            }
            Signature signature = Signature.getInstance(jcaName(algorithm));
            signature.initSign(privateKey);
            signature.update(signingInput);
            return signature.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("signing with " + algorithm + " failed", e);
        }
    }

    /** Whether {@code signature} is a valid signature of {@code signingInput} under this key; never throws. */
    public boolean verify(byte[] signingInput, byte[] signature) {
        return verify(signingInput, signingInput.length, signature);
    }

    /**
     * Whether {@code signature} is a valid signature of the first {@code length} bytes of {@code input} under this
     * key; never throws. (The verifier reads the token's bytes in place, without copying out the signing input.)
     */
    public boolean verify(byte[] input, int length, byte[] signature) {
        if (signature.length != signatureLength || length < 0 || length > input.length) {
            return false;
        }
        try {
            if (algorithm == SigningAlgorithm.HS256) {
                Mac mac = (Mac) verifiers.get();
                mac.update(input, 0, length);
                return MessageDigest.isEqual(mac.doFinal(), signature);
            }
            if (algorithm == SigningAlgorithm.ES256 && !validEcdsaSignature(signature)) {
                return false;
            }
            Signature verifier = (Signature) verifiers.get();
            verifier.initVerify(publicKey);
            verifier.update(input, 0, length);
            return verifier.verify(signature);
        } catch (GeneralSecurityException | RuntimeException e) {
            return false;
        }
    }

    /** r and s of a P1363 ES256 signature must both lie in [1, n - 1]; zero or n is a forgery (CVE-2022-21449). */
    private static boolean validEcdsaSignature(byte[] signature) {
        BigInteger r = new BigInteger(1, Arrays.copyOfRange(signature, 0, 32));
        BigInteger s = new BigInteger(1, Arrays.copyOfRange(signature, 32, 64));
        return r.signum() > 0 && s.signum() > 0 && r.compareTo(P256_ORDER) < 0 && s.compareTo(P256_ORDER) < 0;
    }

    /** The public JWK (with {@code kid}, {@code alg}, {@code use: sig}); null for HS256, whose key is never published. */
    public JWK toPublicJwk() {
        JWSAlgorithm alg = JWSAlgorithm.parse(algorithm.jwsName());
        return switch (algorithm) {
            case HS256 -> null;
            case RS256 -> new RSAKey.Builder((RSAPublicKey) publicKey)
                    .keyID(keyId).algorithm(alg).keyUse(KeyUse.SIGNATURE).build();
            case ES256 -> new ECKey.Builder(Curve.P_256, (ECPublicKey) publicKey)
                    .keyID(keyId).algorithm(alg).keyUse(KeyUse.SIGNATURE).build();
            case EDDSA -> {
                byte[] der = publicKey.getEncoded();
                byte[] x = Arrays.copyOfRange(der, der.length - 32, der.length);
                yield new OctetKeyPair.Builder(Curve.Ed25519, Base64URL.encode(x))
                        .keyID(keyId).algorithm(alg).keyUse(KeyUse.SIGNATURE).build();
            }
        };
    }

    private Object newVerifier() {
        try {
            if (algorithm == SigningAlgorithm.HS256) {
                Mac mac = Mac.getInstance("HmacSHA256");
                mac.init(new SecretKeySpec(secret, "HmacSHA256"));
                return mac;
            }
            return Signature.getInstance(jcaName(algorithm));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(algorithm + " is missing from this JDK", e);
        }
    }

    private static String jcaName(SigningAlgorithm algorithm) {
        return switch (algorithm) {
            case RS256 -> "SHA256withRSA";
            case ES256 -> "SHA256withECDSAinP1363Format";
            case EDDSA -> "Ed25519";
            case HS256 -> "HmacSHA256";
        };
    }

    @Override
    public String toString() {
        return "JwsKey[" + keyId + ", " + algorithm + "]";
    }
}
