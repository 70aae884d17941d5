package dev.latchkey.auth.http;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.VerifiedAccessToken;

import java.util.Map;
import java.util.Optional;

/**
 * {@code /api/auth/*}: registration, password and code login, refresh, logout, password reset and change, sessions.
 *
 * <p>Each route reads its JSON body, calls one {@link AuthService} method and answers; every failure is an
 * {@link AuthException} that {@link Problems} turns into a problem answer. The answers of {@code otp/send} and
 * {@code password/forgot} are constants, so they are byte-identical whether or not the destination has an account.
 */
final class AuthRoutes {
    /** The answer of {@code register}: the same for a new and an already registered destination. */
    static final Map<String, Object> VERIFICATION_SENT = Map.of("status", "verification_sent");
    /** The answer of {@code otp/send} and {@code password/forgot}: the same whether or not the account exists. */
    static final Map<String, Object> CODE_SENT = Map.of("status", "code_sent");

    private static final Map<String, String> NEW_PASSWORD = Map.of("password", "new_password");
    /** The cookie that keeps a password login's device token for the next one. */
    static final String DEVICE_COOKIE = LoginAnswers.DEVICE_COOKIE;

    private final Http http;
    private final AuthService auth;
    private final LoginAnswers answers;

    AuthRoutes(Http http, LoginAnswers answers) {
        this.http = http;
        this.auth = http.auth();
        this.answers = answers;
    }

    void addTo(Routes routes) {
        routes.post("/api/auth/register", this::register);
        routes.post("/api/auth/register/verify", this::verifyRegistration);
        routes.post("/api/auth/login", this::login);
        routes.post("/api/auth/otp/send", this::sendLoginCode);
        routes.post("/api/auth/otp/verify", this::loginWithCode);
        routes.post("/api/auth/token/refresh", this::refresh);
        routes.post("/api/auth/logout", this::logout);
        routes.post("/api/auth/logout-all", this::logoutEverywhere);
        routes.post("/api/auth/password/forgot", this::forgotPassword);
        routes.post("/api/auth/password/reset", this::resetPassword);
        routes.post("/api/auth/password/change", this::changePassword);
        routes.get("/api/auth/sessions", this::listSessions);
        routes.delete("/api/auth/sessions/{id}", this::revokeSession);
    }

    private void register(Exchange ctx) {
        JsonBody body = http.body(ctx);
        Optional<String> email = body.string("email");
        Optional<String> phone = body.string("phone");
        String password = body.requiredString("password");
        if (email.isEmpty() && phone.isEmpty()) {
            throw AuthException.validation("email", "email or phone is required");
        }
        Registration.Builder registration = Registration.newBuilder().password(password);
        email.ifPresent(registration::email);
        phone.ifPresent(registration::phone);
        body.stringMap("profile").ifPresent(profile -> profile.forEach((name, value) -> {
            if (value == null) {
                throw AuthException.validation("profile." + name, "profile." + name + " must be a string");
            }
            registration.profileField(name, value);
        }));
        // Roles are never read from the request: new accounts get the configured default roles.
        auth.registrations().start(registration.build(), http.client(ctx));
        http.json(ctx, 202, VERIFICATION_SENT);
    }

    private void verifyRegistration(Exchange ctx) {
        JsonBody body = http.body(ctx);
        Contact contact = body.contact();
        String code = body.requiredString("code");
        login(ctx, auth.registrations().complete(contact, code, http.client(ctx)));
    }

    /** Password login; the device token of an earlier one comes as {@code device_token}, else as the cookie. */
    private void login(Exchange ctx) {
        JsonBody body = http.body(ctx);
        Contact contact = body.contact();
        String password = body.requiredString("password");
        String deviceToken = body.string("device_token").orElseGet(() -> ctx.cookie(DEVICE_COOKIE));
        login(ctx, auth.passwords().login(contact, password, http.client(ctx).withDeviceToken(deviceToken)));
    }

    private void sendLoginCode(Exchange ctx) {
        Contact contact = http.body(ctx).contact();
        auth.loginCodes().send(contact, http.client(ctx));
        http.json(ctx, 202, CODE_SENT);
    }

    private void loginWithCode(Exchange ctx) {
        JsonBody body = http.body(ctx);
        Contact contact = body.contact();
        String code = body.requiredString("code");
        login(ctx, auth.loginCodes().login(contact, code, http.client(ctx)));
    }

    /** The refresh token in the body, or in browser session mode the cookie ({@link BrowserSession}). */
    private void refresh(Exchange ctx) {
        String refreshToken = BrowserSession.requested(ctx) ? BrowserSession.refreshToken(ctx)
                : http.body(ctx).requiredString("refresh_token");
        tokens(ctx, auth.sessions().refresh(refreshToken, http.client(ctx)));
    }

    private void logout(Exchange ctx) {
        if (BrowserSession.requested(ctx)) {
            String refreshToken = ctx.cookie(BrowserSession.REFRESH_COOKIE);
            if (refreshToken != null && !refreshToken.isEmpty()) {
                auth.sessions().logout(refreshToken, http.client(ctx));
            }
            BrowserSession.clear(ctx);
        } else {
            auth.sessions().logout(http.body(ctx).requiredString("refresh_token"), http.client(ctx));
        }
        http.noContent(ctx);
    }

    private void logoutEverywhere(Exchange ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        auth.sessions().logoutEverywhere(caller.userId());
        if (BrowserSession.requested(ctx)) {
            BrowserSession.clear(ctx);
        }
        http.noContent(ctx);
    }

    private void forgotPassword(Exchange ctx) {
        Contact contact = http.body(ctx).contact();
        auth.passwords().requestReset(contact, http.client(ctx));
        http.json(ctx, 202, CODE_SENT);
    }

    private void resetPassword(Exchange ctx) {
        Http.renameFields(ctx, NEW_PASSWORD);
        JsonBody body = http.body(ctx);
        Contact contact = body.contact();
        String code = body.requiredString("code");
        String newPassword = body.requiredString("new_password");
        auth.passwords().reset(contact, code, newPassword, http.client(ctx));
        http.noContent(ctx);
    }

    private void changePassword(Exchange ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        Http.renameFields(ctx, NEW_PASSWORD);
        JsonBody body = http.body(ctx);
        String current = body.requiredString("current_password");
        String next = body.requiredString("new_password");
        auth.passwords().change(caller, current, next);
        http.noContent(ctx);
    }

    private void listSessions(Exchange ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        http.json(ctx, 200, Map.of("sessions", auth.sessions().list(caller.userId()).stream()
                .map(s -> Views.session(s, caller.sessionId()))
                .toList()));
    }

    private void revokeSession(Exchange ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        auth.sessions().revoke(caller.userId(), ctx.pathParam("id"));
        http.noContent(ctx);
    }

    private void tokens(Exchange ctx, Session session) {
        answers.tokens(ctx, session);
    }

    private void login(Exchange ctx, LoginResult result) {
        answers.answer(ctx, result);
    }
}
