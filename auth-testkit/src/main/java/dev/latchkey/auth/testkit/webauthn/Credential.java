package dev.latchkey.auth.testkit.webauthn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyPair;

/**
 * A credential a {@link SoftwareAuthenticator} made: its id, the response that registered it, and assertions
 * signed with its private key. Its sign count starts at 0 and grows by one with every assertion, unless set.
 */
public final class Credential {
    private final SoftwareAuthenticator authenticator;
    private final byte[] rawId;
    private final KeyPair keys;
    private final byte[] userHandle;
    Registration registration;
    private long signCount;
    private boolean counting = true;

    Credential(SoftwareAuthenticator authenticator, byte[] rawId, KeyPair keys, byte[] userHandle) {
        this.authenticator = authenticator;
        this.rawId = rawId.clone();
        this.keys = keys;
        this.userHandle = userHandle.clone();
    }

    /** The credential id, base64url. */
    public String id() {
        return SoftwareAuthenticator.base64Url(rawId);
    }

    byte[] rawId() {
        return rawId.clone();
    }

    KeyPair keys() {
        return keys;
    }

    /** The user handle it was made for, base64url. */
    public String userHandle() {
        return SoftwareAuthenticator.base64Url(userHandle);
    }

    /** The answer to the creation ceremony that made it. */
    public Registration registration() {
        return registration;
    }

    /** Sets the sign count the next assertion carries (it then grows from there). */
    public Credential signCount(long next) {
        this.signCount = next - 1;
        return this;
    }

    /** Makes assertions carry sign count 0, as many passkeys do. */
    public Credential withoutSignCount() {
        this.counting = false;
        this.signCount = 0;
        return this;
    }

    /**
     * An assertion for the relying party {@code rpId} at {@code origin}, of {@code challenge} (base64url), carrying
     * the user handle it was made for.
     */
    public Assertion assertion(String rpId, String origin, String challenge) {
        long count = counting ? ++signCount : 0;
        String clientData = authenticator.clientData("webauthn.get", challenge, origin);
        byte[] authData = authenticator.authenticatorData(rpId, false, count, this);
        try {
            byte[] signature = authenticator.sign(keys, SoftwareAuthenticator.concat(authData,
                    SoftwareAuthenticator.sha256(clientData.getBytes(StandardCharsets.UTF_8))));
            return new Assertion(id(), clientData, authData, signature, userHandle());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Leaves the keys out. */
    @Override
    public String toString() {
        return "Credential[id=" + id() + "]";
    }
}
