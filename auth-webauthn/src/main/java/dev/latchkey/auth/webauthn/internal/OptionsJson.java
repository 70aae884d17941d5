package dev.latchkey.auth.webauthn.internal;

import dev.latchkey.auth.webauthn.PasskeyConfig;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.List;

/**
 * WebAuthn Level 3's JSON forms of ceremony options, binary values in base64url:
 * {@code PublicKeyCredentialCreationOptionsJSON} and {@code PublicKeyCredentialRequestOptionsJSON}, which
 * {@code PublicKeyCredential.parseCreationOptionsFromJSON} and {@code parseRequestOptionsFromJSON} take as they are.
 */
public final class OptionsJson {
    private final PasskeyConfig config;
    private final JsonMapper mapper;

    /** Options of this relying party. */
    public OptionsJson(PasskeyConfig config, JsonMapper mapper) {
        this.config = config;
        this.mapper = mapper;
    }

    /** A credential a ceremony names: its id and the transports it was reached by. */
    public record Descriptor(String id, List<String> transports) {
    }

    /** Creation options for the user known to authenticators by {@code userHandle} as {@code name}. */
    public String creation(String challenge, byte[] userHandle, String name, List<Descriptor> exclude) {
        ObjectNode root = mapper.createObjectNode();
        ObjectNode rp = root.putObject("rp");
        rp.put("id", config.rpId());
        rp.put("name", config.rpName());
        ObjectNode user = root.putObject("user");
        user.put("id", Base64Url.encode(userHandle));
        user.put("name", name);
        user.put("displayName", name);
        root.put("challenge", challenge);
        ArrayNode params = root.putArray("pubKeyCredParams");
        for (long alg : WebAuthnChecks.ALGORITHMS) {
            params.addObject().put("type", "public-key").put("alg", alg);
        }
        root.put("timeout", config.timeoutMillis());
        descriptors(root.putArray("excludeCredentials"), exclude);
        ObjectNode selection = root.putObject("authenticatorSelection");
        selection.put("residentKey", config.residentKey().value());
        selection.put("requireResidentKey", config.residentKey() == dev.latchkey.auth.webauthn.ResidentKey.REQUIRED);
        selection.put("userVerification", config.userVerification().value());
        root.put("attestation", "none");
        root.putObject("extensions").put("credProps", true);
        return mapper.writeValueAsString(root);
    }

    /** Request options; {@code allow} empty for a discoverable (usernameless) ceremony. */
    public String request(String challenge, List<Descriptor> allow) {
        ObjectNode root = mapper.createObjectNode();
        root.put("challenge", challenge);
        root.put("timeout", config.timeoutMillis());
        root.put("rpId", config.rpId());
        descriptors(root.putArray("allowCredentials"), allow);
        root.put("userVerification", config.userVerification().value());
        return mapper.writeValueAsString(root);
    }

    private static void descriptors(ArrayNode into, List<Descriptor> credentials) {
        for (Descriptor d : credentials) {
            ObjectNode node = into.addObject();
            node.put("type", "public-key");
            node.put("id", d.id());
            ArrayNode transports = node.putArray("transports");
            d.transports().forEach(transports::add);
        }
    }
}
