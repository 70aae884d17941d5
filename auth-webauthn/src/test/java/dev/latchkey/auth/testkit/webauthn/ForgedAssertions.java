package dev.latchkey.auth.testkit.webauthn;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;

/**
 * Assertions whose authenticator data a test writes itself, signed properly with the credential's key: what an
 * authenticator under an attacker's control (or a tampered one) could send. Review tests only.
 */
public final class ForgedAssertions {
    private ForgedAssertions() {
    }

    /**
     * An assertion of {@code credential}, made by {@code authenticator}, for {@code challenge} at {@code origin} and
     * {@code rpId}, whose flags byte is {@code flags} and sign count {@code signCount}; validly signed.
     */
    public static Assertion withFlags(SoftwareAuthenticator authenticator, Credential credential, String rpId,
                                      String origin, String challenge, int flags, long signCount) {
        String clientData = authenticator.clientData("webauthn.get", challenge, origin);
        byte[] authData = authenticator.authenticatorData(rpId, false, signCount, credential);
        authData[32] = (byte) flags;
        try {
            byte[] signature = authenticator.sign(credential.keys(), SoftwareAuthenticator.concat(authData,
                    SoftwareAuthenticator.sha256(clientData.getBytes(StandardCharsets.UTF_8))));
            return new Assertion(credential.id(), clientData, authData, signature, credential.userHandle());
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
