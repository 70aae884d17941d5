package dev.latchkey.auth.example;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.http.Exchange;
import dev.latchkey.auth.http.Http;
import dev.latchkey.auth.http.JsonBody;
import dev.latchkey.auth.http.Route;
import dev.latchkey.auth.http.RouteGroup;
import dev.latchkey.auth.http.Routes;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The app's own protected resource, {@code /api/customers}: the caller's customers, each visible to its owner only.
 * Written over {@code auth-http}'s {@link Exchange} like Latchkey's routes, so the caller is checked the same way
 * (a Bearer access token, verified online) and failures are the same problem answers, on either host.
 */
public final class CustomerRoutes {
    private static final int MAX_NAME = 200;
    private static final int MAX_CONTACT = 200;
    private static final int MAX_ADDRESS = 500;

    private final Http http;
    private final CustomerStore customers;

    /** The routes over {@code customers}, with the API's {@code http} (from {@code LatchkeyApi.http()}). */
    public CustomerRoutes(Http http, CustomerStore customers) {
        this.http = http;
        this.customers = customers;
    }

    /** {@code GET} and {@code POST /api/customers}, in the {@link RouteGroup#APP} group. */
    public List<Route> routes() {
        return new Routes(RouteGroup.APP)
                .get("/api/customers", this::listCustomers)
                .post("/api/customers", this::createCustomer)
                .list();
    }

    private void listCustomers(Exchange ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        http.json(ctx, 200, Map.of("customers", customers.list(caller.userId()).stream().map(CustomerRoutes::view)
                .toList()));
    }

    private void createCustomer(Exchange ctx) {
        VerifiedAccessToken caller = http.caller(ctx);
        JsonBody body = http.body(ctx);
        String name = text(body, "name", MAX_NAME, false);
        String contact = text(body, "contact", MAX_CONTACT, false);
        String address = text(body, "address", MAX_ADDRESS, true);
        CustomerStore.Customer created = customers.create(caller.userId(), name, contact, address,
                http.clock().instant());
        ctx.header("Location", "/api/customers/" + created.id());
        http.json(ctx, 201, view(created));
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

    /** A customer: {@code id, name, contact, address, created_at}. */
    static Map<String, Object> view(CustomerStore.Customer c) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("id", c.id());
        m.put("name", c.name());
        m.put("contact", c.contact());
        m.put("address", c.address());
        m.put("created_at", c.createdAt().toString());
        return m;
    }
}
