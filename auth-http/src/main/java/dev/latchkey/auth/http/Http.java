package dev.latchkey.auth.http;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.VerifiedAccessToken;
import tools.jackson.databind.ObjectMapper;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;

/**
 * What every route needs: JSON answers, the client's address, and the caller behind a Bearer token. A host's own
 * routes over the same {@link Exchange} (the example's {@code /api/customers}) use it too.
 */
public final class Http {
    private final AuthService auth;
    private final ObjectMapper mapper;
    private final Clock clock;

    Http(AuthService auth, ObjectMapper mapper, Clock clock) {
        this.auth = auth;
        this.mapper = mapper;
        this.clock = clock;
    }

    /** The service behind the routes. */
    public AuthService auth() {
        return auth;
    }

    /** The clock of the service's configuration. */
    public Clock clock() {
        return clock;
    }

    /** The request body as a JSON object; see {@link JsonBody}. */
    public JsonBody body(Exchange ctx) {
        return JsonBody.read(ctx, mapper);
    }

    /** Answers {@code status} with {@code value} as JSON. */
    public void json(Exchange ctx, int status, Object value) {
        ctx.status(status).contentType(JsonBody.MEDIA_TYPE).result(mapper.writeValueAsBytes(value));
    }

    /** Answers 204 without a body. */
    public void noContent(Exchange ctx) {
        ctx.status(204).contentType(null);
    }

    /** The client as the server saw it: the connection's address (no proxy header is trusted) and user agent. */
    public ClientInfo client(Exchange ctx) {
        return ClientInfo.of(ctx.ip(), ctx.userAgent());
    }

    /**
     * The caller of a protected route, checked online (account active, session alive, token not cut off);
     * {@code invalid_token} (401 with {@code WWW-Authenticate: Bearer}) when the header is missing or the token fails.
     */
    public VerifiedAccessToken caller(Exchange ctx) {
        String header = ctx.header("Authorization");
        if (header == null || header.length() < 7 || !header.substring(0, 7).toLowerCase(Locale.ROOT).equals("bearer ")) {
            throw new AuthException(AuthErrorCode.INVALID_TOKEN, "a Bearer access token is required");
        }
        String token = header.substring(7).strip();
        if (token.isEmpty()) {
            throw new AuthException(AuthErrorCode.INVALID_TOKEN, "a Bearer access token is required");
        }
        return auth.tokens().verifyOnline(token);
    }

    /** Whether the request carries an {@code Authorization} header (then {@link #caller} must accept it). */
    boolean hasAuthorization(Exchange ctx) {
        return ctx.header("Authorization") != null;
    }

    /**
     * The caller of a route for {@code role} only: {@link #caller(Exchange)}, then {@code forbidden} (403) unless the
     * verified token carries the role, which the host's {@code setRoles} decided and no request can claim.
     */
    public VerifiedAccessToken callerWithRole(Exchange ctx, String role) {
        VerifiedAccessToken caller = caller(ctx);
        if (!caller.hasRole(role)) {
            throw new AuthException(AuthErrorCode.FORBIDDEN, "the " + role + " role is required");
        }
        return caller;
    }

    /** Renames core field names in this request's problems, e.g. {@code password} to {@code new_password}. */
    static void renameFields(Exchange ctx, Map<String, String> renames) {
        ctx.attribute(Problems.FIELD_RENAMES, renames);
    }
}
