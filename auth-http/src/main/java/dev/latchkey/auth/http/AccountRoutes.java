package dev.latchkey.auth.http;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The caller's own account ({@code /api/profile*}) and the admin list of users ({@code /api/admin/users}). Every route
 * needs a Bearer access token, checked online.
 */
final class AccountRoutes {
    /** The role the {@code /api/admin/*} routes require; given only by the host (never from a request). */
    static final String ADMIN_ROLE = LatchkeyApi.ADMIN_ROLE;

    private static final Set<String> NOT_PROFILE_FIELDS = Set.of("id", "email", "phone", "email_verified",
            "phone_verified", "password", "roles", "created_at");
    private static final int DEFAULT_PAGE = 50;

    private final Http http;
    private final AuthService auth;
    private final Consumer<String> accountDeleted;

    /** {@code accountDeleted} is told the id of every account its owner deleted, after the deletion. */
    AccountRoutes(Http http, Consumer<String> accountDeleted) {
        this.http = http;
        this.auth = http.auth();
        this.accountDeleted = accountDeleted;
    }

    void addTo(Routes routes) {
        routes.get("/api/profile", this::getProfile);
        routes.patch("/api/profile", this::updateProfile);
        routes.delete("/api/profile", this::deleteAccount);
        routes.post("/api/profile/email", ctx -> startContactChange(ctx, Contact.Kind.EMAIL));
        routes.post("/api/profile/phone", ctx -> startContactChange(ctx, Contact.Kind.PHONE));
        routes.post("/api/profile/email/verify", ctx -> confirmContactChange(ctx, Contact.Kind.EMAIL));
        routes.post("/api/profile/phone/verify", ctx -> confirmContactChange(ctx, Contact.Kind.PHONE));
        routes.in(RouteGroup.ADMIN).get("/api/admin/users", this::listUsers);
    }

    private void getProfile(Exchange ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        http.json(ctx, 200, Views.user(auth.accounts().get(caller.userId())));
    }

    /**
     * Merges the body's fields into the profile: either the fields themselves ({@code {"city": "Oslo"}}) or a
     * {@code profile} object ({@code {"profile": {"city": "Oslo"}}}); a null value removes a field.
     */
    private void updateProfile(Exchange ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        JsonBody body = http.body(ctx);
        Map<String, String> changes;
        if (body.has("profile")) {
            changes = body.stringMap("profile").orElse(Map.of());
        } else {
            changes = body.asStringMap();
            for (String name : changes.keySet()) {
                if (NOT_PROFILE_FIELDS.contains(name)) {
                    throw AuthException.validation(name, name + " is not a profile field; "
                            + (name.equals("email") || name.equals("phone")
                            ? "change it with POST /api/profile/" + name : "it cannot be changed here"));
                }
            }
        }
        User user = auth.accounts().updateProfile(caller.userId(), changes);
        http.json(ctx, 200, Views.user(user));
    }

    /**
     * Deletes the caller's account, confirmed by {@code password}, or, for accounts without one, by a login {@code code}
     * (from {@code /api/auth/otp/send}) with the {@code email} or {@code phone} it went to.
     */
    private void deleteAccount(Exchange ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        JsonBody body = http.body(ctx);
        if (!body.has("password") && body.has("code")) {
            auth.accounts().deleteOwnWithCode(caller, body.contact(), body.requiredString("code"));
        } else {
            auth.accounts().deleteOwn(caller, body.requiredString("password"));
        }
        accountDeleted.accept(caller.userId());
        http.noContent(ctx);
    }

    private void startContactChange(Exchange ctx, Contact.Kind kind) {
        VerifiedAccessToken caller = http.caller(ctx);
        JsonBody body = http.body(ctx);
        auth.contacts().startChange(caller, contact(body, kind), http.client(ctx));
        http.json(ctx, 202, AuthRoutes.VERIFICATION_SENT);
    }

    private void confirmContactChange(Exchange ctx, Contact.Kind kind) {
        VerifiedAccessToken caller = http.caller(ctx);
        JsonBody body = http.body(ctx);
        Contact contact = contact(body, kind);
        String code = body.requiredString("code");
        http.json(ctx, 200, Views.user(auth.contacts().confirmChange(caller, contact, code, http.client(ctx))));
    }

    private static Contact contact(JsonBody body, Contact.Kind kind) {
        return kind == Contact.Kind.EMAIL
                ? Contact.email(body.requiredString("email"))
                : Contact.phone(body.requiredString("phone"));
    }

    private void listUsers(Exchange ctx) {
        http.callerWithRole(ctx, ADMIN_ROLE);
        int offset = intParam(ctx, "offset", 0);
        int limit = intParam(ctx, "limit", DEFAULT_PAGE);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("users", auth.accounts().list(offset, limit).stream().map(Views::user).toList());
        answer.put("offset", offset);
        answer.put("limit", limit);
        http.json(ctx, 200, answer);
    }

    private static int intParam(Exchange ctx, String name, int fallback) {
        String raw = ctx.queryParam(name);
        if (raw == null || raw.isBlank()) {
            return fallback;
        }
        try {
            return Integer.parseInt(raw.strip());
        } catch (NumberFormatException e) {
            throw AuthException.validation(name, name + " must be a whole number");
        }
    }
}
