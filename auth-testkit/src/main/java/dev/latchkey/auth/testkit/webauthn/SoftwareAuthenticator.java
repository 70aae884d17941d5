package dev.latchkey.auth.testkit.webauthn;

import java.math.BigInteger;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A WebAuthn authenticator in software, for tests: it makes credentials with the JDK's own ECDSA P-256 (COSE ES256)
 * or Ed25519 (COSE EdDSA) keys and answers ceremonies as a browser would hand them to a relying party, as WebAuthn
 * Level 3 JSON ({@code RegistrationResponseJSON}, {@code AuthenticationResponseJSON}).
 *
 * <p>Attestation is {@code none} or {@code packed} self attestation (signed with the credential's own key). Every flag
 * and field a relying party checks can be set wrong on purpose: the origin and RP id are the caller's, user
 * verification and backup flags are settable, and a response's parts can be swapped ({@link Registration},
 * {@link Assertion}). Not thread-safe; one per test.
 */
public final class SoftwareAuthenticator {
    /** Which key type the credentials use. */
    public enum Algorithm {
        /** ECDSA on P-256 with SHA-256, COSE -7. */
        ES256,
        /** Ed25519, COSE -8. */
        EDDSA
    }

    /** Which attestation statement registrations carry. */
    public enum Attestation {
        /** No statement ({@code fmt: "none"}). */
        NONE,
        /** A packed self attestation: the credential's key signs the authenticator data and client data hash. */
        PACKED
    }

    private static final SecureRandom RANDOM = new SecureRandom();
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private final Algorithm algorithm;
    private Attestation attestation = Attestation.NONE;
    private boolean userVerified = true;
    private boolean backupEligible = true;
    private byte[] aaguid = new byte[16];

    private SoftwareAuthenticator(Algorithm algorithm) {
        this.algorithm = algorithm;
    }

    /** An authenticator with ES256 keys, attestation {@code none}, verifying the user, backup eligible. */
    public static SoftwareAuthenticator es256() {
        return new SoftwareAuthenticator(Algorithm.ES256);
    }

    /** An authenticator with Ed25519 keys, attestation {@code none}, verifying the user, backup eligible. */
    public static SoftwareAuthenticator ed25519() {
        return new SoftwareAuthenticator(Algorithm.EDDSA);
    }

    /** Sets the attestation of registrations to come. */
    public SoftwareAuthenticator attestation(Attestation value) {
        this.attestation = value;
        return this;
    }

    /** Sets whether ceremonies to come report user verification (flag UV). */
    public SoftwareAuthenticator userVerified(boolean value) {
        this.userVerified = value;
        return this;
    }

    /** Sets whether credentials to come are backup eligible and backed up (flags BE and BS). */
    public SoftwareAuthenticator backupEligible(boolean value) {
        this.backupEligible = value;
        return this;
    }

    /** Sets the AAGUID registrations report (default all zeros). */
    public SoftwareAuthenticator aaguid(byte[] value) {
        this.aaguid = value.clone();
        return this;
    }

    /** The base64url (unpadded) form of {@code bytes}. */
    public static String base64Url(byte[] bytes) {
        return B64.encodeToString(bytes);
    }

    /**
     * Makes a credential for the user known by {@code userHandle} (base64url, from the creation options' {@code user.id})
     * and answers the creation ceremony with {@code challenge} (base64url, the options' {@code challenge}) at
     * {@code origin}, for the relying party {@code rpId}.
     */
    public Credential register(String rpId, String origin, String challenge, String userHandle) {
        try {
            KeyPair keys = keyPair();
            byte[] id = new byte[16];
            RANDOM.nextBytes(id);
            Credential credential = new Credential(this, id, keys, Base64.getUrlDecoder().decode(userHandle));
            String clientData = clientData("webauthn.create", challenge, origin);
            byte[] authData = authenticatorData(rpId, true, 0, credential);
            Map<Object, Object> statement = new LinkedHashMap<>();
            if (attestation == Attestation.PACKED) {
                statement.put("alg", coseAlgorithm());
                statement.put("sig", sign(keys, concat(authData, sha256(clientData.getBytes(StandardCharsets.UTF_8)))));
            }
            Map<Object, Object> object = new LinkedHashMap<>();
            object.put("fmt", attestation == Attestation.PACKED ? "packed" : "none");
            object.put("attStmt", statement);
            object.put("authData", authData);
            credential.registration = new Registration(base64Url(id), clientData, Cbor.encode(object));
            return credential;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    boolean userVerifiedNow() {
        return userVerified;
    }

    String clientData(String type, String challenge, String origin) {
        return "{\"type\":\"" + type + "\",\"challenge\":\"" + challenge + "\",\"origin\":\"" + origin
                + "\",\"crossOrigin\":false}";
    }

    /** rpIdHash, flags, sign count, and (when {@code attested}) the AAGUID, credential id and COSE key. */
    byte[] authenticatorData(String rpId, boolean attested, long signCount, Credential credential) {
        int flags = 0x01 | (userVerified ? 0x04 : 0) | (backupEligible ? 0x08 | 0x10 : 0) | (attested ? 0x40 : 0);
        ByteBuffer head = ByteBuffer.allocate(37);
        head.put(sha256(rpId.getBytes(StandardCharsets.UTF_8))).put((byte) flags).putInt((int) signCount);
        if (!attested) {
            return head.array();
        }
        byte[] key = Cbor.encode(coseKey(credential.keys()));
        ByteBuffer all = ByteBuffer.allocate(37 + 16 + 2 + credential.rawId().length + key.length);
        all.put(head.array()).put(aaguid).putShort((short) credential.rawId().length).put(credential.rawId()).put(key);
        return all.array();
    }

    byte[] sign(KeyPair keys, byte[] data) throws GeneralSecurityException {
        Signature s = Signature.getInstance(algorithm == Algorithm.ES256 ? "SHA256withECDSA" : "Ed25519");
        s.initSign(keys.getPrivate());
        s.update(data);
        return s.sign();
    }

    private KeyPair keyPair() throws GeneralSecurityException {
        if (algorithm == Algorithm.ES256) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"));
            return g.generateKeyPair();
        }
        return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
    }

    private long coseAlgorithm() {
        return algorithm == Algorithm.ES256 ? -7 : -8;
    }

    private Map<Object, Object> coseKey(KeyPair keys) {
        Map<Object, Object> key = new LinkedHashMap<>();
        if (algorithm == Algorithm.ES256) {
            ECPublicKey pub = (ECPublicKey) keys.getPublic();
            key.put(1L, 2L);
            key.put(3L, -7L);
            key.put(-1L, 1L);
            key.put(-2L, unsigned32(pub.getW().getAffineX()));
            key.put(-3L, unsigned32(pub.getW().getAffineY()));
        } else {
            byte[] encoded = keys.getPublic().getEncoded();
            key.put(1L, 1L);
            key.put(3L, -8L);
            key.put(-1L, 6L);
            key.put(-2L, Arrays.copyOfRange(encoded, encoded.length - 32, encoded.length));
        }
        return key;
    }

    private static byte[] unsigned32(BigInteger n) {
        byte[] raw = n.toByteArray();
        byte[] out = new byte[32];
        int copy = Math.min(raw.length, 32);
        System.arraycopy(raw, raw.length - copy, out, 32 - copy, copy);
        return out;
    }

    static byte[] sha256(byte[] data) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(data);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    static byte[] concat(byte[] a, byte[] b) {
        byte[] out = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, out, a.length, b.length);
        return out;
    }
}
