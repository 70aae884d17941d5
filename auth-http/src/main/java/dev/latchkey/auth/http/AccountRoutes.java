package dev.latchkey.auth.example;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The caller's own account ({@code /api/profile*}), the caller's customers ({@code /api/customers}) and the admin list
 * of users ({@code /api/admin/users}). Every route needs a Bearer access token, checked online.
 */
final class AccountRoutes {
    /** The role the {@code /api/admin/*} routes require; given only by the host (never from a request). */
    static final String ADMIN_ROLE = "admin";

    private static final Set<String> NOT_PROFILE_FIELDS = Set.of("id", "email", "phone", "email_verified",
            "phone_verified", "password", "roles", "created_at");
    private static final int MAX_NAME = 200;
    private static final int MAX_CONTACT = 200;
    private static final int MAX_ADDRESS = 500;
    private static final int DEFAULT_PAGE = 50;

    private final Http http;
    private final AuthService auth;
    private final CustomerStore customers;

    AccountRoutes(Http http, CustomerStore customers) {
        this.http = http;
        this.auth = http.auth();
        this.customers = customers;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/api/profile", this::getProfile);
        routes.patch("/api/profile", this::updateProfile);
        routes.delete("/api/profile", this::deleteAccount);
        routes.post("/api/profile/email", ctx -> startContactChange(ctx, Contact.Kind.EMAIL));
        routes.post("/api/profile/phone", ctx -> startContactChange(ctx, Contact.Kind.PHONE));
        routes.post("/api/profile/email/verify", ctx -> confirmContactChange(ctx, Contact.Kind.EMAIL));
        routes.post("/api/profile/phone/verify", ctx -> confirmContactChange(ctx, Contact.Kind.PHONE));
        routes.get("/api/customers", this::listCustomers);
        routes.post("/api/customers", this::createCustomer);
        routes.get("/api/admin/users", this::listUsers);
    }

    private void getProfile(Context ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        http.json(ctx, 200, Views.user(auth.accounts().get(caller.userId())));
    }

    /**
     * Merges the body's fields into the profile: either the fields themselves ({@code {"city": "Oslo"}}) or a
     * {@code profile} object ({@code {"profile": {"city": "Oslo"}}}); a null value removes a field.
     */
    private void updateProfile(Context ctx) {
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
    private void deleteAccount(Context ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        JsonBody body = http.body(ctx);
        if (!body.has("password") && body.has("code")) {
            auth.accounts().deleteOwnWithCode(caller, body.contact(), body.requiredString("code"));
        } else {
            auth.accounts().deleteOwn(caller, body.requiredString("password"));
        }
        customers.deleteAll(caller.userId());
        http.noContent(ctx);
    }

    private void startContactChange(Context ctx, Contact.Kind kind) {
        VerifiedAccessToken caller = http.caller(ctx);
        JsonBody body = http.body(ctx);
        auth.contacts().startChange(caller, contact(body, kind), http.client(ctx));
        http.json(ctx, 202, AuthRoutes.VERIFICATION_SENT);
    }

    private void confirmContactChange(Context ctx, Contact.Kind kind) {
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

    private void listCustomers(Context ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        http.json(ctx, 200, Map.of("customers", customers.list(caller.userId()).stream().map(Views::customer)
                .toList()));
    }

    private void createCustomer(Context ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        JsonBody body = http.body(ctx);
        String name = text(body, "name", MAX_NAME, false);
        String contact = text(body, "contact", MAX_CONTACT, false);
        String address = text(body, "address", MAX_ADDRESS, true);
        CustomerStore.Customer created = customers.create(caller.userId(), name, contact, address,
                http.clock().instant());
        ctx.header("Location", "/api/customers/" + created.id());
        http.json(ctx, 201, Views.customer(created));
    }

    private static String text(JsonBody body, String field, int max, boolean required) {
        Optional<String> raw = body.string(field).map(String::strip).filter(s -> !s.isEmpty());
        if (raw.isEmpty()) {
            if (required) {
                throw AuthException.validation(field, field + " is required");
            }
            return null;
        }
        String value = raw.get();
        if (value.codePointCount(0, value.length()) > max || value.chars().anyMatch(Character::isISOControl)) {
            throw AuthException.validation(field, field + " must be at most " + max
                    + " characters without control characters");
        }
        return value;
    }

    private void listUsers(Context ctx) {
        http.callerWithRole(ctx, ADMIN_ROLE);
        int offset = intParam(ctx, "offset", 0);
        int limit = intParam(ctx, "limit", DEFAULT_PAGE);
        Map<String, Object> answer = new LinkedHashMap<>();
        answer.put("users", auth.accounts().list(offset, limit).stream().map(Views::user).toList());
        answer.put("offset", offset);
        answer.put("limit", limit);
        http.json(ctx, 200, answer);
    }

    private static int intParam(Context ctx, String name, int fallback) {
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
