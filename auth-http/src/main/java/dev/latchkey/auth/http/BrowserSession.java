package dev.latchkey.auth.http;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Session;

import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Browser session mode: the refresh token lives only in the {@value #REFRESH_COOKIE} cookie ({@code HttpOnly},
 * {@code SameSite=Strict}, {@code Path=/api/auth}, {@code Secure} unless the request is plain HTTP to a loopback
 * name), never in a body a script can read; the page keeps the access token in memory and renews it through the
 * cookie.
 *
 * <p>A client opts in per request with the header {@value #HEADER}{@code : cookie}. With it, every answer that would
 * carry a refresh token (login, code login, registration, second step, TOTP enrolment that ends a login, refresh,
 * re-authentication) sets the cookie instead and leaves {@code refresh_token} and {@code device_token} out of the
 * body; {@code token/refresh} and {@code logout} read the cookie (and no body); {@code logout} and {@code logout-all}
 * clear it. Without the header nothing changes: tokens travel in bodies and the cookie is never read.
 *
 * <p>The header is also the guard against cross-site requests: an HTML form cannot send it, and a script of another
 * origin cannot send it without a CORS preflight, which this app never grants. On top of that, a request carrying it
 * is refused (403 {@code forbidden}, reason {@value #CROSS_SITE}) when the browser says it comes from elsewhere:
 * {@code Sec-Fetch-Site} other than {@code same-origin} or {@code none}, or an {@code Origin} whose host and port are
 * not the request's {@code Host}.
 */
final class BrowserSession {
    /** The request header that asks for browser session mode; its one accepted value is {@value #MODE}. */
    static final String HEADER = "X-Latchkey-Session";
    /** The value of {@value #HEADER}. */
    static final String MODE = "cookie";
    /** The cookie holding the refresh token in browser session mode. */
    static final String REFRESH_COOKIE = "latchkey_refresh";
    /** The path every cookie of the app is scoped to: the routes that read them. */
    static final String COOKIE_PATH = "/api/auth";
    /** The {@code reason} of the 403 answer to a cross-site request. */
    static final String CROSS_SITE = "cross_site_request";

    private static final Set<String> LOOPBACK_NAMES = Set.of("localhost", "::1");
    private static final Set<String> SAME_ORIGIN_FETCHES = Set.of("same-origin", "none");

    private BrowserSession() {
    }

    /** Whether the request asked for browser session mode (and passed the cross-site guard, which runs first). */
    static boolean requested(Exchange ctx) {
        return ctx.header(HEADER) != null;
    }

    /**
     * Refuses a browser-session request that the browser says is cross-site, and a header value other than
     * {@value #MODE}.
     */
    static void guard(Exchange ctx) {
        String mode = ctx.header(HEADER);
        if (mode == null) {
            return;
        }
        if (!mode.strip().equalsIgnoreCase(MODE)) {
            throw AuthException.validation(HEADER, HEADER + " must be '" + MODE + "'");
        }
        String fetchSite = ctx.header("Sec-Fetch-Site");
        if (fetchSite != null && !SAME_ORIGIN_FETCHES.contains(fetchSite.strip().toLowerCase(Locale.ROOT))) {
            throw AuthException.forbidden(CROSS_SITE, "a browser session request must come from this origin");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameHost(origin, ctx.host())) {
            throw AuthException.forbidden(CROSS_SITE, "a browser session request must come from this origin");
        }
    }

    /** The refresh token in the cookie, or {@code invalid_token} when there is none. */
    static String refreshToken(Exchange ctx) {
        String token = ctx.cookie(REFRESH_COOKIE);
        if (token == null || token.isBlank()) {
            throw new AuthException(AuthErrorCode.INVALID_TOKEN, "no browser session");
        }
        return token;
    }

    /**
     * In browser session mode, moves the session's refresh token (and a device token, which has its own cookie) out
     * of {@code tokens} into the refresh cookie, which lives as long as the refresh token.
     */
    static void keepInCookie(Exchange ctx, Session session, Map<String, Object> tokens, Instant now) {
        if (!requested(ctx)) {
            return;
        }
        tokens.remove("refresh_token");
        tokens.remove("device_token");
        long maxAge = Math.max(0, Duration.between(now, session.refreshTokenExpiresAt()).toSeconds());
        setCookie(ctx, REFRESH_COOKIE, session.refreshToken(), maxAge);
    }

    /** Clears the refresh cookie. */
    static void clear(Exchange ctx) {
        setCookie(ctx, REFRESH_COOKIE, "", 0);
    }

    /**
     * Adds a cookie of the app: {@code HttpOnly}, {@code SameSite=Strict}, {@code Path=/api/auth} (under the host's
     * base path), {@code Secure} unless the request came over plain HTTP to this machine (http://localhost, where a
     * test or curl has no TLS).
     */
    static void setCookie(Exchange ctx, String name, String value, long maxAgeSeconds) {
        ctx.addHeader("Set-Cookie", name + "=" + value + "; Path=" + ctx.basePath() + COOKIE_PATH + "; Max-Age=" + maxAgeSeconds
                + "; HttpOnly; SameSite=Strict" + (isPlainLoopback(ctx) ? "" : "; Secure"));
    }

    private static boolean isPlainLoopback(Exchange ctx) {
        String host = ctx.host();
        if (!"http".equalsIgnoreCase(ctx.scheme()) || host == null) {
            return false;
        }
        String name = hostName(host).toLowerCase(Locale.ROOT);
        return LOOPBACK_NAMES.contains(name) || name.endsWith(".localhost") || name.matches("127(\\.\\d{1,3}){3}");
    }

    /** Whether an {@code Origin} ({@code scheme://host[:port]}) names the same host and port as {@code Host}. */
    private static boolean sameHost(String origin, String host) {
        int scheme = origin.indexOf("://");
        if (scheme < 0 || host == null) {
            return false; // "null" (an opaque origin, such as a sandboxed frame) or garbage
        }
        String originHost = origin.substring(scheme + 3);
        return originHost.equalsIgnoreCase(host.strip());
    }

    /** The name in a {@code Host} value, without the port or an IPv6 literal's brackets. */
    private static String hostName(String host) {
        if (host.startsWith("[")) {
            int end = host.indexOf(']');
            return host.substring(1, end < 0 ? host.length() : end);
        }
        int colon = host.indexOf(':');
        return colon < 0 ? host : host.substring(0, colon);
    }
}
