package dev.latchkey.auth.testkit.webauthn;

import java.nio.charset.StandardCharsets;

/**
 * A creation ceremony's answer as its parts: the credential id, the client data JSON (as text) and the attestation
 * object; {@link #json()} is the {@code RegistrationResponseJSON}. The withers make broken variants.
 */
public record Registration(String id, String clientDataJson, byte[] attestationObject) {
    /** The same answer with other client data (signatures are not redone). */
    public Registration withClientDataJson(String value) {
        return new Registration(id, value, attestationObject);
    }

    /** The {@code RegistrationResponseJSON}, as {@code PublicKeyCredential.toJSON()} writes it. */
    public String json() {
        String clientData = SoftwareAuthenticator.base64Url(clientDataJson.getBytes(StandardCharsets.UTF_8));
        return "{\"id\":\"" + id + "\",\"rawId\":\"" + id + "\",\"type\":\"public-key\",\"response\":{"
                + "\"clientDataJSON\":\"" + clientData + "\",\"attestationObject\":\""
                + SoftwareAuthenticator.base64Url(attestationObject) + "\",\"transports\":[\"internal\",\"hybrid\"]},"
                + "\"authenticatorAttachment\":\"platform\",\"clientExtensionResults\":{\"credProps\":{\"rk\":true}}}";
    }
}
