package dev.latchkey.auth.http;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.webauthn.Passkey;
import dev.latchkey.auth.webauthn.PasskeyFactor;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Passkeys over HTTP: registration ({@code /api/auth/passkeys/register/options}, {@code /register}), sign-in
 * ({@code /login/options}, {@code /login}) and the owner's list, rename and delete ({@code /api/auth/passkeys},
 * {@code /api/auth/passkeys/{id}}). Options and responses are WebAuthn Level 3's JSON forms, so a browser passes them
 * through {@code PublicKeyCredential.parseCreationOptionsFromJSON} / {@code parseRequestOptionsFromJSON} and
 * {@code credential.toJSON()} unchanged. Every check is {@link PasskeyFactor}'s; these routes read bodies and answer.
 */
final class PasskeyRoutes {
    private final Http http;
    private final LoginAnswers answers;
    private final PasskeyFactor passkeys;

    PasskeyRoutes(Http http, LoginAnswers answers, PasskeyFactor passkeys) {
        this.http = http;
        this.answers = answers;
        this.passkeys = passkeys;
    }

    void addTo(Routes routes) {
        routes.post("/api/auth/passkeys/register/options", this::registrationOptions);
        routes.post("/api/auth/passkeys/register", this::register);
        routes.post("/api/auth/passkeys/login/options", this::loginOptions);
        routes.post("/api/auth/passkeys/login", this::login);
        routes.get("/api/auth/passkeys", this::list);
        routes.patch("/api/auth/passkeys/{id}", this::rename);
        routes.delete("/api/auth/passkeys/{id}", this::delete);
    }

    /** Creation options for the (recent) caller's new passkey. */
    private void registrationOptions(Exchange ctx) {
        options(ctx, passkeys.registrationOptions(http.caller(ctx)));
    }

    /** {@code credential} (RegistrationResponseJSON), optional {@code label}: 201 the passkey. */
    private void register(Exchange ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        JsonBody body = http.body(ctx);
        String credential = credential(body);
        Passkey passkey = passkeys.register(caller, credential, body.string("label").orElse(null), http.client(ctx));
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", passkey.id());
        m.put("label", passkey.label());
        m.put("created_at", passkey.createdAt().toString());
        m.put("backed_up", passkey.backedUp());
        http.json(ctx, 201, m);
    }

    /**
     * Request options: for the account an optional {@code email} or {@code phone} names (the same shape whether or
     * not it exists), for a login's second step when {@code challenge} is given, else usernameless.
     */
    private void loginOptions(Exchange ctx) {
        JsonBody body = ctx.bodyAsBytes().length == 0 ? null : http.body(ctx);
        if (body != null && body.has("challenge")) {
            options(ctx, passkeys.secondStepOptions(body.requiredString("challenge")));
        } else if (body != null && (body.has("email") || body.has("phone"))) {
            options(ctx, passkeys.loginOptions(body.contact(), http.client(ctx)));
        } else {
            options(ctx, passkeys.loginOptions(http.client(ctx)));
        }
    }

    /** {@code credential} (AuthenticationResponseJSON): 200 token response or the second step. */
    private void login(Exchange ctx) {
        answers.answer(ctx, passkeys.login(credential(http.body(ctx)), http.client(ctx)));
    }

    private void list(Exchange ctx) {
        String userId = http.caller(ctx).userId();
        http.json(ctx, 200, Map.of("passkeys", passkeys.list(userId).stream().map(PasskeyRoutes::view).toList()));
    }

    /** {@code label}: 200 the passkey. */
    private void rename(Exchange ctx) {
        String userId = http.caller(ctx).userId();
        String label = http.body(ctx).requiredString("label");
        http.json(ctx, 200, view(passkeys.rename(userId, ctx.pathParam("id"), label)));
    }

    /** Deletes one of the (recent) caller's passkeys: 204; 409 {@code last_credential} for the last way in. */
    private void delete(Exchange ctx) {
        passkeys.delete(http.caller(ctx), ctx.pathParam("id"), http.client(ctx));
        http.noContent(ctx);
    }

    /** The {@code credential} member, a JSON object, as JSON text; else {@code validation_failed} on it. */
    static String credential(JsonBody body) {
        return body.objectJson("credential").orElseThrow(() -> AuthException.validation("credential",
                "credential is required: the PublicKeyCredential's toJSON()"));
    }

    /** A passkey: {@code id, label, created_at, last_used_at, backed_up}. */
    static Map<String, Object> view(Passkey passkey) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", passkey.id());
        m.put("label", passkey.label());
        m.put("created_at", passkey.createdAt().toString());
        m.put("last_used_at", passkey.lastUsedAt().map(Instant::toString).orElse(null));
        m.put("backed_up", passkey.backedUp());
        return m;
    }

    private static void options(Exchange ctx, String json) {
        ctx.status(200).contentType(JsonBody.MEDIA_TYPE).result(json.getBytes(StandardCharsets.UTF_8));
    }
}
