package dev.latchkey.auth.example;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.latchkey.auth.example.SourceRecord.Unreadable;
import dev.latchkey.auth.imports.ImportedUser;

import java.time.Instant;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Set;

/**
 * A user of a Keycloak realm export as an {@link ImportedUser}: {@code id} is the external id, {@code email} and
 * {@code emailVerified} the email, the {@code phoneNumber} attribute (and {@code phoneNumberVerified}) the phone,
 * {@code username}, {@code firstName} and {@code lastName} the profile, {@code createdTimestamp} the creation time and
 * {@code realmRoles} the roles (less Keycloak's own {@code default-roles-*}, {@code offline_access} and
 * {@code uma_authorization}). The first credential of type {@code password} becomes a hash Latchkey's formats read:
 * {@code pbkdf2-sha256} and {@code pbkdf2-sha512} a PHC {@code $pbkdf2-sha256$i=N,l=L$salt$hash}, {@code argon2} a PHC
 * {@code $argon2id$v=19$m=M,t=T,p=P$salt$hash}. Disabled users are refused: imported accounts are active.
 */
final class KeycloakUsers {
    private static final Set<String> KEYCLOAK_ROLES = Set.of("offline_access", "uma_authorization");
    private static final Base64.Encoder B64 = Base64.getEncoder().withoutPadding();

    private final ObjectMapper mapper;

    KeycloakUsers(ObjectMapper mapper) {
        this.mapper = mapper;
    }

    /** Whether this is a client's service account rather than a person (skipped, not imported). */
    static boolean serviceAccount(JsonNode user) {
        return user.hasNonNull("serviceAccountClientId");
    }

    /** The user as an import record; {@link Unreadable} naming the field at fault. */
    ImportedUser user(JsonNode u) {
        if (u.has("enabled") && !u.path("enabled").asBoolean(true)) {
            throw new Unreadable("enabled", "the Keycloak user is disabled; imported accounts are active, so it is "
                    + "not imported");
        }
        Map<String, String> profile = new LinkedHashMap<>();
        for (String[] pair : new String[][] {{"username", "username"}, {"firstName", "first_name"},
                {"lastName", "last_name"}}) {
            String v = text(u, pair[0]);
            if (v != null && !v.isEmpty()) {
                profile.put(pair[1], v);
            }
        }
        Set<String> roles = null;
        if (u.path("realmRoles").isArray()) {
            roles = new LinkedHashSet<>();
            for (JsonNode role : u.get("realmRoles")) {
                String name = role.asText();
                if (!name.startsWith("default-roles-") && !KEYCLOAK_ROLES.contains(name)) {
                    roles.add(name);
                }
            }
        }
        JsonNode created = u.get("createdTimestamp");
        return ImportedUser.newBuilder()
                .externalId(text(u, "id"))
                .email(text(u, "email"), u.path("emailVerified").asBoolean(false))
                .phone(attribute(u, "phoneNumber"), "true".equalsIgnoreCase(attribute(u, "phoneNumberVerified")))
                .profile(profile.isEmpty() ? null : profile)
                .roles(roles)
                .createdAt(created != null && created.canConvertToLong() ? Instant.ofEpochMilli(created.asLong()) : null)
                .passwordHash(passwordHash(u.path("credentials")))
                .build();
    }

    /** The user's JSON with its credentials replaced by {@code [redacted]}. */
    String redacted(JsonNode user) {
        JsonNode copy = user.deepCopy();
        if (copy.isObject() && copy.has("credentials")) {
            ((com.fasterxml.jackson.databind.node.ObjectNode) copy).put("credentials", SourceRecord.REDACTED);
        }
        try {
            return mapper.writeValueAsString(copy);
        } catch (JsonProcessingException e) {
            return null;
        }
    }

    private String passwordHash(JsonNode credentials) {
        for (JsonNode c : credentials) {
            if ("password".equals(c.path("type").asText())) {
                return hash(c);
            }
        }
        return null;
    }

    /** The credential as a PHC string; {@link Unreadable} (field {@code password_hash}) when it cannot be. */
    String hash(JsonNode credential) {
        JsonNode secret;
        JsonNode data;
        if (credential.has("secretData")) {
            secret = embedded(credential.get("secretData"));
            data = embedded(credential.get("credentialData"));
        } else {
            // Before Keycloak 12 the parts were fields of the credential itself.
            secret = mapper.createObjectNode().put("value", credential.path("hashedSaltedValue").asText(null))
                    .put("salt", credential.path("salt").asText(null));
            data = credential;
        }
        byte[] value = base64(secret.path("value").asText(null));
        byte[] salt = base64(secret.path("salt").asText(null));
        String algorithm = data.path("algorithm").asText("");
        int iterations = data.path("hashIterations").asInt(-1);
        if (value == null || salt == null) {
            throw bad("the Keycloak password credential has no base64 value and salt");
        }
        if (iterations < 1) {
            throw bad("the Keycloak password credential has no hashIterations");
        }
        return switch (algorithm) {
            case "pbkdf2-sha256", "pbkdf2-sha512" -> "$" + algorithm + "$i=" + iterations + ",l=" + value.length + "$"
                    + B64.encodeToString(salt) + "$" + B64.encodeToString(value);
            case "argon2" -> argon2(data.path("additionalParameters"), iterations, salt, value);
            case "pbkdf2" -> throw bad("Keycloak's pbkdf2 (PBKDF2 with HMAC-SHA1) has no Latchkey hash format");
            default -> throw bad("the Keycloak password algorithm is not pbkdf2-sha256, pbkdf2-sha512 or argon2");
        };
    }

    private static String argon2(JsonNode params, int iterations, byte[] salt, byte[] value) {
        String type = param(params, "type", "id");
        String version = param(params, "version", "1.3");
        if (!type.equals("id") && !type.equals("i")) {
            throw bad("Keycloak argon2 of type " + ("d".equals(type) ? "d" : "other than id or i")
                    + " has no Latchkey hash format");
        }
        String v = switch (version) {
            case "1.3" -> "19";
            case "1.0" -> "16";
            default -> throw bad("the Keycloak argon2 version must be 1.3 or 1.0");
        };
        String memory = param(params, "memory", "7168");
        String parallelism = param(params, "parallelism", "1");
        if (!memory.matches("[0-9]{1,9}") || !parallelism.matches("[0-9]{1,3}")) {
            throw bad("the Keycloak argon2 memory and parallelism must be numbers");
        }
        return "$argon2" + type + "$v=" + v + "$m=" + memory + ",t=" + iterations + ",p=" + parallelism + "$"
                + B64.encodeToString(salt) + "$" + B64.encodeToString(value);
    }

    /** An additional parameter, which Keycloak writes as a list of one string. */
    private static String param(JsonNode params, String name, String fallback) {
        JsonNode p = params.path(name);
        JsonNode v = p.isArray() ? p.path(0) : p;
        return v.isValueNode() ? v.asText() : fallback;
    }

    /** secretData and credentialData are JSON objects written as strings. */
    private JsonNode embedded(JsonNode node) {
        if (node == null || node.isNull()) {
            return mapper.createObjectNode();
        }
        if (node.isObject()) {
            return node;
        }
        try {
            JsonNode parsed = mapper.readTree(node.asText());
            return parsed != null && parsed.isObject() ? parsed : mapper.createObjectNode();
        } catch (JsonProcessingException e) {
            throw bad("the Keycloak password credential's secretData or credentialData is not JSON");
        }
    }

    private static byte[] base64(String text) {
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return Base64.getDecoder().decode(text);
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static String text(JsonNode u, String field) {
        JsonNode v = u.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String attribute(JsonNode u, String name) {
        JsonNode v = u.path("attributes").path(name);
        JsonNode first = v.isArray() ? v.path(0) : v;
        return first.isValueNode() && !first.isNull() ? first.asText() : null;
    }

    private static Unreadable bad(String reason) {
        return new Unreadable("password_hash", reason);
    }
}
