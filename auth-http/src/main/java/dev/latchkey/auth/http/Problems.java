package dev.latchkey.auth.http;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.ObjectMapper;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/**
 * Writes every error as {@code application/problem+json} (RFC 9457): {@code type}, {@code title}, {@code status},
 * {@code detail}, the stable snake_case {@code code}, and {@code field} or {@code reason} where known.
 *
 * <p>{@link AuthException} maps to its code's HTTP status; {@code too_many_attempts} adds {@code Retry-After} in whole
 * seconds (rounded up), and every 401 adds {@code WWW-Authenticate: Bearer}; for
 * {@code insufficient_user_authentication} that is RFC 9470's
 * {@code Bearer error="insufficient_user_authentication", max_age="<seconds>"}. Details come from the exception's message,
 * which by Latchkey's contract holds no secret; database and internal failures get a generic detail and are logged
 * here, without request data.
 *
 * <p>Hosts call it for what happens outside the routes: an unknown route ({@link #notFound}), a refusal of their own
 * server ({@link #http}), a bug ({@link #internal}).
 */
public final class Problems {
    /** The media type of every error answer. */
    public static final String CONTENT_TYPE = "application/problem+json";
    /** Request attribute: a map renaming core field names (such as {@code password}) to this route's own. */
    static final String FIELD_RENAMES = "latchkey.fieldRenames";
    /** Request attribute: the {@code WWW-Authenticate} value of an {@code insufficient_user_authentication} answer. */
    private static final String STEP_UP_CHALLENGE = "latchkey.stepUpChallenge";

    private static final Logger log = LoggerFactory.getLogger(Problems.class);
    private static final String TYPE_PREFIX = "tag:latchkey.dev,2025:problem:";

    private final ObjectMapper mapper;
    private final Clock clock;
    private final String realm;

    Problems(ObjectMapper mapper, Clock clock, String realm) {
        this.mapper = mapper;
        this.clock = clock;
        this.realm = realm;
    }

    /** Answers with the problem an {@link AuthException} stands for. */
    public void auth(Exchange ctx, AuthException e) {
        AuthErrorCode code = e.code();
        String detail = e.getMessage();
        if (code == AuthErrorCode.STORE_UNAVAILABLE) {
            if (e.getCause() != null) {
                log.warn("store unavailable on {} {}: {}", ctx.method(), LogText.escape(ctx.path()), rootCause(e));
            }
            detail = "the database is unavailable; try again shortly";
        } else if (code == AuthErrorCode.DELIVERY_FAILED) {
            log.warn("code delivery failed on {} {}: reason {}", ctx.method(), LogText.escape(ctx.path()),
                    e.reason().orElse("?"));
            // The provider's message names hosts and ports; the stable reason says enough to the client.
            detail = "the code could not be delivered; try again later";
        }
        Map<String, Object> extra = new LinkedHashMap<>();
        e.field().map(f -> rename(ctx, f)).ifPresent(f -> extra.put("field", f));
        e.reason().ifPresent(r -> extra.put("reason", r));
        e.retryAfterSeconds(clock).ifPresent(seconds -> ctx.header("Retry-After", Long.toString(seconds)));
        if (code == AuthErrorCode.INSUFFICIENT_USER_AUTHENTICATION) {
            // RFC 9470 section 3: the client re-authenticates (POST /api/auth/reauthenticate) and retries.
            ctx.attribute(STEP_UP_CHALLENGE, "Bearer error=\"insufficient_user_authentication\", max_age=\""
                    + e.maxAge().orElse(Duration.ZERO).toSeconds() + "\"");
        }
        write(ctx, code.httpStatus(), code.code(), title(code), detail, extra);
    }

    /**
     * Answers with the problem for a refusal by HTTP status (a body over the cap, an unknown route, a body that is not
     * JSON, ...): {@code message} is the detail of a 415 only.
     */
    public void http(Exchange ctx, int status, String message) {
        switch (status) {
            case 413 -> write(ctx, 413, "payload_too_large", "Payload too large",
                    "the request body is larger than " + LatchkeyApi.MAX_BODY_BYTES + " bytes", Map.of());
            case 404 -> notFound(ctx);
            case 415 -> write(ctx, 415, "unsupported_media_type", "Unsupported media type", message, Map.of());
            case 400 -> write(ctx, 400, AuthErrorCode.VALIDATION_FAILED.code(), title(AuthErrorCode.VALIDATION_FAILED),
                    "the request could not be read", Map.of("field", "body"));
            default -> write(ctx, status, statusCode(status), statusTitle(status), "the request failed", Map.of());
        }
    }

    /** The answer for an unknown route or resource. */
    public void notFound(Exchange ctx) {
        write(ctx, 404, AuthErrorCode.NOT_FOUND.code(), title(AuthErrorCode.NOT_FOUND),
                "no such route: " + ctx.method() + " " + ctx.path(), Map.of());
    }

    /** The answer for a bug: 500 {@code internal_error}, the exception logged here with its stack trace. */
    public void internal(Exchange ctx, Throwable e) {
        log.error("unexpected failure on {} {}", ctx.method(), LogText.escape(ctx.path()), e);
        write(ctx, 500, "internal_error", "Internal error", "something went wrong on our side", Map.of());
    }

    /** The bytes of the 500 {@code internal_error} problem, for a host that must write it outside an exchange. */
    public byte[] internalBytes() {
        return mapper.writeValueAsBytes(body(500, "internal_error", "Internal error", "something went wrong on our side",
                Map.of()));
    }

    /** Writes one problem with {@code status}, stable {@code code}, {@code title} and {@code detail}. */
    public void write(Exchange ctx, int status, String code, String title, String detail, Map<String, Object> extra) {
        String stepUp = ctx.attribute(STEP_UP_CHALLENGE);
        if (status == 401 && stepUp != null && code.equals(AuthErrorCode.INSUFFICIENT_USER_AUTHENTICATION.code())) {
            ctx.header("WWW-Authenticate", stepUp);
        } else if (status == 401) {
            String authorization = ctx.header("Authorization");
            ctx.header("WWW-Authenticate", authorization != null && code.equals("invalid_token")
                    ? "Bearer realm=\"" + realm + "\", error=\"invalid_token\"" : "Bearer realm=\"" + realm + "\"");
        }
        ctx.header("Cache-Control", "no-store");
        byte[] bytes;
        try {
            bytes = mapper.writeValueAsBytes(body(status, code, title, detail, extra));
        } catch (JacksonException e) {
            bytes = ("{\"type\":\"" + TYPE_PREFIX + "internal_error\",\"title\":\"Internal error\",\"status\":500,"
                    + "\"code\":\"internal_error\"}").getBytes(StandardCharsets.UTF_8);
            status = 500;
        }
        ctx.status(status).contentType(CONTENT_TYPE).result(bytes);
    }

    private static Map<String, Object> body(int status, String code, String title, String detail,
                                            Map<String, Object> extra) {
        Map<String, Object> body = new LinkedHashMap<>();
        body.put("type", TYPE_PREFIX + code);
        body.put("title", title);
        body.put("status", status);
        body.put("detail", detail);
        body.put("code", code);
        body.putAll(extra);
        return body;
    }

    /** The bytes of a generic problem for {@code status}, for answers written outside an exchange. */
    public byte[] bytes(int status) {
        return mapper.writeValueAsBytes(body(status, statusCode(status), statusTitle(status),
                "the request could not be handled", Map.of()));
    }

    private static String rename(Exchange ctx, String field) {
        Map<String, String> renames = ctx.attribute(FIELD_RENAMES);
        return renames == null ? field : renames.getOrDefault(field, field);
    }

    static String title(AuthErrorCode code) {
        return switch (code) {
            case INVALID_CREDENTIALS -> "Invalid credentials";
            case INVALID_CODE -> "Invalid code";
            case INVALID_TOKEN -> "Invalid token";
            case WEAK_PASSWORD -> "Weak password";
            case VALIDATION_FAILED -> "Validation failed";
            case INVALID_CREDENTIAL -> "Invalid credential";
            case VERIFICATION_REQUIRED -> "Verification required";
            case FORBIDDEN -> "Forbidden";
            case INSUFFICIENT_USER_AUTHENTICATION -> "Insufficient user authentication";
            case TOO_MANY_ATTEMPTS -> "Too many attempts";
            case ACCOUNT_EXISTS -> "Account exists";
            case NOT_FOUND -> "Not found";
            case VERSION_CONFLICT -> "Version conflict";
            case LAST_CREDENTIAL -> "Last credential";
            case DELIVERY_FAILED -> "Delivery failed";
            case STORE_UNAVAILABLE -> "Store unavailable";
        };
    }

    /** The stable code of a generic problem for {@code status}. */
    public static String statusCode(int status) {
        return switch (status) {
            case 400 -> "validation_failed";
            case 401 -> "invalid_token";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 413 -> "payload_too_large";
            case 415 -> "unsupported_media_type";
            case 503 -> "store_unavailable";
            default -> status >= 500 ? "internal_error" : "http_" + status;
        };
    }

    /** The title of a generic problem for {@code status}. */
    public static String statusTitle(int status) {
        String code = statusCode(status);
        String words = code.replace('_', ' ');
        return words.substring(0, 1).toUpperCase(Locale.ROOT) + words.substring(1);
    }

    private static String rootCause(Throwable e) {
        Throwable t = e;
        while (t.getCause() != null && t.getCause() != t) {
            t = t.getCause();
        }
        return t.getClass().getName();
    }
}
