package dev.latchkey.auth.webauthn.internal;

import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.credential.CredentialRecordImpl;
import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * What a passkey credential keeps in its {@code data} (JSON; nothing in it is secret): the attested credential data
 * (AAGUID, credential id, COSE public key) as base64url, the flags it registered with and last showed, its transports
 * and the attestation format. The sign count is the credential's counter.
 */
public record StoredPasskey(byte[] attestedCredentialData, boolean backupEligible, boolean backedUp,
                            boolean uvInitialized, String format, List<String> transports, String aaguid) {
    /** Copies the lists. */
    public StoredPasskey {
        attestedCredentialData = attestedCredentialData.clone();
        transports = List.copyOf(transports);
    }

    /** The JSON kept in the credential's data. */
    public String toJson(JsonMapper mapper) {
        ObjectNode node = mapper.createObjectNode();
        node.put("v", 1);
        node.put("acd", Base64Url.encode(attestedCredentialData));
        node.put("be", backupEligible);
        node.put("bs", backedUp);
        node.put("uv", uvInitialized);
        node.put("fmt", format);
        node.put("aaguid", aaguid);
        ArrayNode list = node.putArray("transports");
        transports.forEach(list::add);
        return mapper.writeValueAsString(node);
    }

    /** Reads what {@link #toJson} wrote. */
    public static StoredPasskey parse(String json, JsonMapper mapper) {
        JsonNode node = mapper.readTree(json);
        List<String> transports = new ArrayList<>();
        node.path("transports").forEach(t -> transports.add(t.asString()));
        return new StoredPasskey(Base64Url.decode(node.path("acd").asString()), node.path("be").asBoolean(),
                node.path("bs").asBoolean(), node.path("uv").asBoolean(), node.path("fmt").asString(), transports,
                node.path("aaguid").asString());
    }

    /** The same passkey after an assertion that showed these flags. */
    public StoredPasskey after(boolean nowBackedUp, boolean userVerified) {
        return new StoredPasskey(attestedCredentialData, backupEligible, nowBackedUp, uvInitialized || userVerified,
                format, transports, aaguid);
    }

    /** webauthn4j's record of it, with this sign count, to verify an assertion against. */
    public CredentialRecord record(long signCount, AttestedCredentialDataConverter converter) {
        AttestedCredentialData data = converter.convert(attestedCredentialData);
        Set<AuthenticatorTransport> kinds = new LinkedHashSet<>();
        transports.forEach(t -> kinds.add(AuthenticatorTransport.create(t)));
        return new CredentialRecordImpl(null, uvInitialized, backupEligible, backedUp, signCount, data, null, null,
                null, kinds);
    }
}
