package dev.latchkey.auth.http;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.factor.SecondSteps;
import dev.latchkey.auth.totp.RecoveryCodeFactor;
import dev.latchkey.auth.totp.TotpFactor;
import dev.latchkey.auth.webauthn.PasskeyFactor;

import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Second factors over HTTP: the second step of a login ({@code /api/auth/mfa/verify}, {@code /api/auth/mfa/send}),
 * TOTP and recovery codes ({@code /api/auth/mfa/totp*}, {@code /api/auth/mfa/recovery-codes}, {@code GET
 * /api/auth/mfa}), step-up ({@code /api/auth/reauthenticate}) and an admin's reset
 * ({@code /api/admin/users/{id}/mfa/reset}).
 *
 * <p>Enrolling TOTP works two ways: with a Bearer token of a recent login (step-up), or, for a login that a
 * {@code required} policy stopped at {@code enrollment_required}, with that login's {@code challenge} and no token;
 * confirming it then ends the login with a token response. Every check (step-up, the policy, a challenge's single use,
 * the budgets of wrong answers) is the core's; these routes read bodies and answer.
 */
final class MfaRoutes {
    /** The longest TOTP code looked at; longer, or anything but digits, is {@code validation_failed} on {@code code}. */
    private static final int MAX_TOTP_CODE = 10;

    private final Http http;
    private final AuthService auth;
    private final SecondSteps steps;
    private final TotpFactor totp;
    private final RecoveryCodeFactor recovery;
    private final LoginAnswers answers;

    MfaRoutes(Http http, LoginAnswers answers, TotpFactor totp, RecoveryCodeFactor recovery) {
        this.http = http;
        this.auth = http.auth();
        this.steps = auth.secondSteps();
        this.answers = answers;
        this.totp = totp;
        this.recovery = recovery;
    }

    void addTo(Routes routes) {
        routes.post("/api/auth/mfa/verify", this::verify);
        routes.post("/api/auth/mfa/send", this::send);
        routes.get("/api/auth/mfa", this::status);
        routes.post("/api/auth/mfa/totp", this::enrollTotp);
        routes.post("/api/auth/mfa/totp/confirm", this::confirmTotp);
        routes.delete("/api/auth/mfa/totp", this::removeTotp);
        routes.post("/api/auth/mfa/recovery-codes", this::regenerateRecoveryCodes);
        routes.post("/api/auth/reauthenticate", this::reauthenticate);
        routes.in(RouteGroup.ADMIN).post("/api/admin/users/{id}/mfa/reset", this::reset);
    }

    /**
     * {@code challenge, factor, code} (or, for {@code passkey}, {@code credential}: an AuthenticationResponseJSON):
     * the second step's answer; 200 token response ({@code amr} lists both).
     */
    private void verify(Exchange ctx) {
        JsonBody body = http.body(ctx);
        String challenge = body.requiredString("challenge");
        String factor = body.requiredString("factor");
        String code = answer(body, factor);
        answers.answer(ctx, steps.complete(challenge, factor, code, http.client(ctx)));
    }

    /**
     * {@code challenge, factor}: a code for the second step to the user's proved phone ({@code sms}) or email
     * ({@code email}); with a Bearer token and no challenge, a code to re-authenticate with instead. 202.
     */
    private void send(Exchange ctx) {
        JsonBody body = http.body(ctx);
        Optional<String> challenge = body.string("challenge");
        String factor = body.requiredString("factor");
        ClientInfo client = http.client(ctx);
        if (challenge.isEmpty() && http.hasAuthorization(ctx)) {
            auth.stepUp().prepare(http.caller(ctx), factor, client);
        } else {
            steps.prepare(challenge.orElseThrow(() -> AuthException.validation("challenge",
                    "challenge is required (or a Bearer token, to re-authenticate)")), factor, client);
        }
        http.json(ctx, 202, AuthRoutes.CODE_SENT);
    }

    /** The caller's second factors, recovery codes left, and whether the policy requires one. */
    private void status(Exchange ctx) {
        String userId = http.caller(ctx).userId();
        http.json(ctx, 200, Views.secondFactors(steps.enrolled(userId), recovery.remaining(userId),
                steps.required(userId)));
    }

    /**
     * A new TOTP secret, not active until confirmed: for the (recent) caller, or for an enrolment challenge. Without
     * either (no token, no body), 401 {@code invalid_token} as on any protected route.
     */
    private void enrollTotp(Exchange ctx) {
        if (bearerRoute(ctx)) {
            http.json(ctx, 200, Views.totpEnrollment(totp.enroll(http.caller(ctx))));
        } else {
            String challenge = http.body(ctx).requiredString("challenge");
            http.json(ctx, 200, Views.totpEnrollment(totp.enroll(steps.enrollingUser(challenge))));
        }
    }

    /**
     * {@code code}: TOTP becomes active and a fresh set of recovery codes is shown once. With a Bearer token, 200
     * {@code {"recovery_codes"}}; with an enrolment {@code challenge} instead, the login ends: 200 token response
     * plus {@code recovery_codes}.
     */
    private void confirmTotp(Exchange ctx) {
        boolean bearer = bearerRoute(ctx);
        VerifiedAccessToken caller = bearer ? http.caller(ctx) : null;
        JsonBody body = http.body(ctx);
        String challenge = bearer ? null : body.requiredString("challenge");
        String code = totpCode(body);
        ClientInfo client = http.client(ctx);
        String userId;
        if (bearer) {
            userId = caller.userId();
            totp.confirm(userId, code, client);
        } else {
            // Confirmed under this login's challenge: only this login ends with it.
            userId = totp.confirmEnrollment(challenge, code, client);
        }
        List<String> codes = recovery.regenerate(userId, client);
        if (bearer) {
            http.json(ctx, 200, Map.of("recovery_codes", codes));
        } else {
            LoginResult result = steps.completeEnrollment(challenge, client);
            answers.answer(ctx, result, Map.of("recovery_codes", codes));
        }
    }

    /** Removes the (recent) caller's TOTP; 403 {@code forbidden} for the last factor where one is required. 204. */
    private void removeTotp(Exchange ctx) {
        totp.remove(http.caller(ctx), http.client(ctx));
        http.noContent(ctx);
    }

    /** A new set of recovery codes for the (recent) caller, shown once; the old set is void. */
    private void regenerateRecoveryCodes(Exchange ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        http.json(ctx, 200, Map.of("recovery_codes", recovery.regenerate(caller, http.client(ctx))));
    }

    /** {@code password}, or {@code factor} and {@code code}: fresh tokens with a new {@code auth_time}, same session. */
    private void reauthenticate(Exchange ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        JsonBody body = http.body(ctx);
        ClientInfo client = http.client(ctx);
        Session session;
        if (body.has("password") || !body.has("factor")) {
            session = auth.stepUp().reauthenticate(caller, body.requiredString("password"), client);
        } else {
            String factor = body.requiredString("factor");
            session = auth.stepUp().reauthenticate(caller, factor, answer(body, factor), client);
        }
        answers.tokens(ctx, session);
    }

    /** An admin (role {@code admin}, recent authentication) removes every second factor of a user. 204. */
    private void reset(Exchange ctx) {
        VerifiedAccessToken admin = http.callerWithRole(ctx, AccountRoutes.ADMIN_ROLE);
        auth.stepUp().requireRecent(admin);
        steps.reset(ctx.pathParam("id"), http.client(ctx));
        http.noContent(ctx);
    }

    /** Whether a route taking a Bearer token or an enrolment challenge is called as the former (or with neither). */
    private boolean bearerRoute(Exchange ctx) {
        return http.hasAuthorization(ctx) || ctx.bodyAsBytes().length == 0;
    }

    /** The answer to a step: {@code credential} (as JSON text) for a passkey, else {@code code}. */
    private static String answer(JsonBody body, String factor) {
        return PasskeyFactor.ID.equals(factor) ? PasskeyRoutes.credential(body) : body.requiredString("code");
    }

    /** A TOTP code: 1 to 10 digits, else {@code validation_failed} on {@code code}. */
    private static String totpCode(JsonBody body) {
        String code = body.requiredString("code");
        if (code.isEmpty() || code.length() > MAX_TOTP_CODE || !code.chars().allMatch(c -> c >= '0' && c <= '9')) {
            throw AuthException.validation("code", "code must be the 6-digit code the authenticator app shows");
        }
        return code;
    }
}
