package dev.latchkey.auth.http;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.node.ObjectNode;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A request's JSON object body with typed, validating accessors.
 *
 * <p>The request must say {@code Content-Type: application/json} (parameters such as {@code charset} allowed): anything
 * else is 415 {@code unsupported_media_type} before the body is read. That is what keeps a cross-site HTML form, which
 * can post {@code text/plain} but never {@code application/json} without a CORS preflight, from driving any route.
 *
 * <p>Every other problem is {@link AuthException#validation(String, String) validation_failed} naming the field:
 * {@code body} for an empty, malformed or non-object body, the member's name for a wrong type. A JSON {@code null}
 * counts as absent. Unknown members are ignored, so clients may send more than a route reads (roles among them: never
 * read).
 */
public final class JsonBody {
    /** The one media type a body may have. */
    public static final String MEDIA_TYPE = "application/json";

    private final ObjectNode node;

    private JsonBody(ObjectNode node) {
        this.node = node;
    }

    /** Reads the body (at most {@link LatchkeyApi#MAX_BODY_BYTES}; the host answers 413 beyond) as a JSON object. */
    static JsonBody read(Exchange ctx, ObjectMapper mapper) {
        if (!isJson(ctx.header("Content-Type"))) {
            throw new HttpProblem(415, "the body must be JSON sent as Content-Type: " + MEDIA_TYPE);
        }
        byte[] bytes = ctx.bodyAsBytes();
        if (bytes.length == 0) {
            throw AuthException.validation("body", "a JSON object body is required");
        }
        JsonNode parsed;
        try {
            parsed = mapper.readTree(bytes);
        } catch (JacksonException e) {
            throw AuthException.validation("body", "the body is not valid JSON");
        }
        if (parsed == null || !parsed.isObject()) {
            throw AuthException.validation("body", "the body must be a JSON object");
        }
        return new JsonBody((ObjectNode) parsed);
    }

    /** Whether a {@code Content-Type} value is {@code application/json}, in any case, with or without parameters. */
    static boolean isJson(String contentType) {
        if (contentType == null) {
            return false;
        }
        int semicolon = contentType.indexOf(';');
        String type = (semicolon < 0 ? contentType : contentType.substring(0, semicolon)).strip();
        return type.equalsIgnoreCase(MEDIA_TYPE);
    }

    /** The string member, or empty when absent or null; {@code validation_failed} for any other type. */
    public Optional<String> string(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isString()) {
            throw AuthException.validation(field, field + " must be a string");
        }
        return Optional.of(value.stringValue());
    }

    /** The string member; {@code validation_failed} when absent, null or not a string. */
    public String requiredString(String field) {
        return string(field).orElseThrow(() -> AuthException.validation(field, field + " is required"));
    }

    /**
     * The object member as JSON text (a WebAuthn credential's {@code toJSON()}), or empty when absent or null;
     * {@code validation_failed} for any other type.
     */
    Optional<String> objectJson(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw AuthException.validation(field, field + " must be a JSON object");
        }
        return Optional.of(value.toString());
    }

    /** Whether the member is present (even as null). */
    public boolean has(String field) {
        return node.has(field);
    }

    /** The number of members. */
    int size() {
        return node.size();
    }

    /**
     * The object member as a map of strings (null values kept, meaning "remove"), or empty when absent or null;
     * {@code validation_failed} naming {@code field} or {@code field.member} for wrong types.
     */
    Optional<Map<String, String>> stringMap(String field) {
        JsonNode value = node.get(field);
        if (value == null || value.isNull()) {
            return Optional.empty();
        }
        if (!value.isObject()) {
            throw AuthException.validation(field, field + " must be an object");
        }
        return Optional.of(stringsOf((ObjectNode) value, field + "."));
    }

    /** Every member of the body as a string or null, naming a member of another type. */
    Map<String, String> asStringMap() {
        return stringsOf(node, "");
    }

    private static Map<String, String> stringsOf(ObjectNode object, String prefix) {
        Map<String, String> out = new LinkedHashMap<>();
        object.properties().forEach(e -> {
            JsonNode v = e.getValue();
            if (v.isNull()) {
                out.put(e.getKey(), null);
            } else if (v.isString()) {
                out.put(e.getKey(), v.stringValue());
            } else {
                throw AuthException.validation(prefix + e.getKey(), prefix + e.getKey() + " must be a string or null");
            }
        });
        return out;
    }

    /**
     * The destination the body names: {@code email} if present, else {@code phone}; {@code validation_failed} on
     * {@code email} when neither is given.
     */
    Contact contact() {
        Optional<String> email = string("email");
        if (email.isPresent()) {
            return Contact.email(email.get());
        }
        Optional<String> phone = string("phone");
        if (phone.isPresent()) {
            return Contact.phone(phone.get());
        }
        throw AuthException.validation("email", "email or phone is required");
    }
}
