package dev.latchkey.auth.testkit.webauthn;

import java.nio.charset.StandardCharsets;

/**
 * An authentication ceremony's answer as its parts; {@link #json()} is the {@code AuthenticationResponseJSON}. The
 * withers make broken variants (the signature is not redone): other client data, another signature, another user
 * handle (null for none).
 */
public record Assertion(String id, String clientDataJson, byte[] authenticatorData, byte[] signature,
                        String userHandle) {
    /** The same answer with other client data. */
    public Assertion withClientDataJson(String value) {
        return new Assertion(id, value, authenticatorData, signature, userHandle);
    }

    /** The same answer with another signature. */
    public Assertion withSignature(byte[] value) {
        return new Assertion(id, clientDataJson, authenticatorData, value, userHandle);
    }

    /** The same answer naming another user handle (base64url), or none. */
    public Assertion withUserHandle(String value) {
        return new Assertion(id, clientDataJson, authenticatorData, signature, value);
    }

    /** The signature with one bit flipped in its middle. */
    public Assertion withFlippedSignatureBit() {
        byte[] changed = signature.clone();
        changed[changed.length / 2] ^= 0x01;
        return withSignature(changed);
    }

    /** The {@code AuthenticationResponseJSON}, as {@code PublicKeyCredential.toJSON()} writes it. */
    public String json() {
        String clientData = SoftwareAuthenticator.base64Url(clientDataJson.getBytes(StandardCharsets.UTF_8));
        return "{\"id\":\"" + id + "\",\"rawId\":\"" + id + "\",\"type\":\"public-key\",\"response\":{"
                + "\"clientDataJSON\":\"" + clientData + "\",\"authenticatorData\":\""
                + SoftwareAuthenticator.base64Url(authenticatorData) + "\",\"signature\":\""
                + SoftwareAuthenticator.base64Url(signature) + "\""
                + (userHandle == null ? "" : ",\"userHandle\":\"" + userHandle + "\"")
                + "},\"authenticatorAttachment\":\"platform\",\"clientExtensionResults\":{}}";
    }
}
