package dev.latchkey.auth.http;

import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.SessionInfo;
import dev.latchkey.auth.User;
import dev.latchkey.auth.factor.EnrolledFactor;
import dev.latchkey.auth.otp.SentMessage;
import dev.latchkey.auth.totp.TotpEnrollment;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** The JSON shapes of the API's answers, as ordered maps with snake_case names and ISO-8601 instants. */
final class Views {
    private Views() {
    }

    /**
     * A user: {@code id, email, phone, email_verified, phone_verified, roles, profile, created_at, has_password}
     * ({@code has_password} last, added later: whether the account has a password, which accounts made by a code
     * login may not; the pages offer the password to confirm it is you only then).
     */
    static Map<String, Object> user(User user) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", user.id());
        m.put("email", user.email().orElse(null));
        m.put("phone", user.phone().orElse(null));
        m.put("email_verified", user.emailVerified());
        m.put("phone_verified", user.phoneVerified());
        m.put("roles", user.roles().stream().sorted().toList());
        m.put("profile", new TreeMap<>(user.profile()));
        m.put("created_at", user.createdAt().toString());
        m.put("has_password", user.hasPassword());
        return m;
    }

    /**
     * A token response: {@code access_token, token_type, expires_in, refresh_token, user}, and {@code device_token}
     * after a password login.
     */
    static Map<String, Object> tokens(Session session, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("access_token", session.accessToken());
        m.put("token_type", "Bearer");
        m.put("expires_in", Math.max(0, Duration.between(now, session.accessTokenExpiresAt()).toSeconds()));
        m.put("refresh_token", session.refreshToken());
        session.deviceToken().ifPresent(token -> m.put("device_token", token));
        m.put("user", user(session.user()));
        return m;
    }

    /**
     * The second step of a login: {@code status: "second_factor_required", challenge, factors, expires_in}, the
     * factors in the core's order (strongest first: {@code totp, recovery_code, sms, email}).
     */
    static Map<String, Object> secondStep(LoginResult.SecondFactorRequired step, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "second_factor_required");
        m.put("challenge", step.challenge());
        m.put("factors", step.factors());
        m.put("expires_in", Math.max(0, Duration.between(now, step.expiresAt()).toSeconds()));
        return m;
    }

    /**
     * A login waiting for the enrolment the policy requires: {@code status: "enrollment_required", challenge,
     * factors, expires_in}; the factors are those that can be enrolled.
     */
    static Map<String, Object> enrollmentStep(LoginResult.EnrollmentRequired step, Instant now) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("status", "enrollment_required");
        m.put("challenge", step.challenge());
        m.put("factors", step.factors());
        m.put("expires_in", Math.max(0, Duration.between(now, step.expiresAt()).toSeconds()));
        return m;
    }

    /** A new TOTP enrolment, shown once: {@code secret, otpauth_uri, qr_svg}. */
    static Map<String, Object> totpEnrollment(TotpEnrollment enrollment) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("secret", enrollment.secret());
        m.put("otpauth_uri", enrollment.otpauthUri());
        m.put("qr_svg", enrollment.qrSvg());
        return m;
    }

    /** The caller's second factors: {@code factors: [{type, created_at, last_used_at}], recovery_codes_left, required}. */
    static Map<String, Object> secondFactors(List<EnrolledFactor> enrolled, int recoveryCodesLeft, boolean required) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("factors", enrolled.stream().map(f -> {
            Map<String, Object> factor = new LinkedHashMap<>();
            factor.put("type", f.type());
            factor.put("created_at", f.createdAt().toString());
            factor.put("last_used_at", f.lastUsedAt().map(Instant::toString).orElse(null));
            return factor;
        }).toList());
        m.put("recovery_codes_left", recoveryCodesLeft);
        m.put("required", required);
        return m;
    }

    /** One session of the caller, flagged {@code current} when the request's access token belongs to it. */
    static Map<String, Object> session(SessionInfo s, String currentSessionId) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", s.id());
        m.put("current", s.id().equals(currentSessionId));
        m.put("created_at", s.createdAt().toString());
        m.put("last_used_at", s.lastUsedAt().toString());
        m.put("expires_at", s.expiresAt().toString());
        m.put("client_address", s.clientAddress().orElse(null));
        m.put("user_agent", s.userAgent().orElse(null));
        return m;
    }

    /** A message of the mock outbox: {@code to, purpose, text, sent_at}. */
    static Map<String, Object> outboxMessage(SentMessage sent) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("to", sent.message().destination());
        m.put("purpose", sent.message().purpose().name().toLowerCase(Locale.ROOT));
        m.put("text", sent.message().text());
        m.put("sent_at", sent.sentAt().toString());
        return m;
    }
}
