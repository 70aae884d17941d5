package dev.latchkey.auth.example;

import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Session;
import io.javalin.http.Context;

import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * How every login route answers a {@link LoginResult}: a token response (with a password login's device token, also
 * as the {@value #DEVICE_COOKIE} cookie), {@code second_factor_required} or {@code enrollment_required}. The primary
 * routes ({@code login}, {@code otp/verify}, {@code register/verify}) and the second step's ({@code mfa/verify},
 * {@code mfa/totp/confirm}) share it, so a second factor is enforced on each in the same way.
 */
final class LoginAnswers {
    /** The cookie that keeps a password login's device token for the next one. */
    static final String DEVICE_COOKIE = "latchkey_device";

    private static final long DEVICE_COOKIE_MAX_AGE = Duration.ofDays(365).toSeconds();
    private static final Set<String> LOCAL_HOSTS = Set.of("localhost", "127.0.0.1", "::1");

    private final Http http;

    LoginAnswers(Http http) {
        this.http = http;
    }

    /** A token response, or the second step, or the enrolment the policy asks for; 200 in every case. */
    void answer(Context ctx, LoginResult result) {
        answer(ctx, result, Map.of());
    }

    /** As {@link #answer(Context, LoginResult)}, a token response carrying {@code extra} fields after its own. */
    void answer(Context ctx, LoginResult result, Map<String, Object> extra) {
        if (result instanceof LoginResult.SecondFactorRequired step) {
            http.json(ctx, 200, Views.secondStep(step, http.clock().instant()));
        } else if (result instanceof LoginResult.EnrollmentRequired step) {
            http.json(ctx, 200, Views.enrollmentStep(step, http.clock().instant()));
        } else {
            Session session = result.sessionOrThrow();
            session.deviceToken().ifPresent(token -> setDeviceCookie(ctx, token));
            Map<String, Object> tokens = Views.tokens(session, http.clock().instant());
            tokens.putAll(extra);
            http.json(ctx, 200, tokens);
        }
    }

    /** A token response for a refreshed or re-authenticated session (which carries no new device token). */
    void tokens(Context ctx, Session session) {
        http.json(ctx, 200, Views.tokens(session, http.clock().instant()));
    }

    /**
     * {@code latchkey_device}: HttpOnly, SameSite=Strict, only sent to {@code /api/auth}, for a year; Secure unless the
     * request came over plain HTTP to this machine (http://localhost, where a test or curl has no TLS).
     */
    private static void setDeviceCookie(Context ctx, String token) {
        String cookie = DEVICE_COOKIE + "=" + token + "; Path=/api/auth; Max-Age=" + DEVICE_COOKIE_MAX_AGE
                + "; HttpOnly; SameSite=Strict" + (isPlainLocalhost(ctx) ? "" : "; Secure");
        ctx.res().addHeader("Set-Cookie", cookie);
    }

    private static boolean isPlainLocalhost(Context ctx) {
        String host = ctx.host();
        if (!"http".equalsIgnoreCase(ctx.scheme()) || host == null) {
            return false;
        }
        String name = host.startsWith("[") ? host.substring(1, Math.max(1, host.indexOf(']')))
                : host.contains(":") ? host.substring(0, host.indexOf(':')) : host;
        return LOCAL_HOSTS.contains(name.toLowerCase(Locale.ROOT));
    }
}
