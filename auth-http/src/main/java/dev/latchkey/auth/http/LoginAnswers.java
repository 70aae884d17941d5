package dev.latchkey.auth.http;

import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Session;

import java.time.Duration;
import java.util.Map;

/**
 * How every login route answers a {@link LoginResult}: a token response (with a password login's device token, also
 * as the {@value #DEVICE_COOKIE} cookie), {@code second_factor_required} or {@code enrollment_required}. The primary
 * routes ({@code login}, {@code otp/verify}, {@code register/verify}) and the second step's ({@code mfa/verify},
 * {@code mfa/totp/confirm}) share it, so a second factor is enforced on each in the same way. In browser session mode
 * ({@link BrowserSession}) the refresh token goes into its cookie instead of the body.
 */
final class LoginAnswers {
    /** The cookie that keeps a password login's device token for the next one. */
    static final String DEVICE_COOKIE = "latchkey_device";

    private static final long DEVICE_COOKIE_MAX_AGE = Duration.ofDays(365).toSeconds();

    private final Http http;

    LoginAnswers(Http http) {
        this.http = http;
    }

    /** A token response, or the second step, or the enrolment the policy asks for; 200 in every case. */
    void answer(Exchange ctx, LoginResult result) {
        answer(ctx, result, Map.of());
    }

    /** As {@link #answer(Exchange, LoginResult)}, a token response carrying {@code extra} fields after its own. */
    void answer(Exchange ctx, LoginResult result, Map<String, Object> extra) {
        if (result instanceof LoginResult.SecondFactorRequired step) {
            http.json(ctx, 200, Views.secondStep(step, http.clock().instant()));
        } else if (result instanceof LoginResult.EnrollmentRequired step) {
            http.json(ctx, 200, Views.enrollmentStep(step, http.clock().instant()));
        } else {
            Session session = result.sessionOrThrow();
            session.deviceToken().ifPresent(token -> setDeviceCookie(ctx, token));
            Map<String, Object> tokens = Views.tokens(session, http.clock().instant());
            tokens.putAll(extra);
            BrowserSession.keepInCookie(ctx, session, tokens, http.clock().instant());
            http.json(ctx, 200, tokens);
        }
    }

    /** A token response for a refreshed or re-authenticated session (which carries no new device token). */
    void tokens(Exchange ctx, Session session) {
        Map<String, Object> tokens = Views.tokens(session, http.clock().instant());
        BrowserSession.keepInCookie(ctx, session, tokens, http.clock().instant());
        http.json(ctx, 200, tokens);
    }

    /** {@code latchkey_device}: for a year, with the attributes of every cookie of the app ({@link BrowserSession}). */
    private static void setDeviceCookie(Exchange ctx, String token) {
        BrowserSession.setCookie(ctx, DEVICE_COOKIE, token, DEVICE_COOKIE_MAX_AGE);
    }
}
