package dev.latchkey.auth.example;

import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.otp.MockOtpProvider;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;

import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * {@code GET /health}, {@code GET /.well-known/jwks.json} and, while the mock provider delivers codes and the app
 * listens on loopback only (or {@code AUTH_DEV_OUTBOX=true} says otherwise), {@code GET /dev/outbox}.
 */
final class SystemRoutes {
    /**
     * How long the JWKS may be cached: well under the hour a new key is published before it signs (minus the five
     * minutes instances take to see it), so no cache misses a key.
     */
    static final int JWKS_MAX_AGE_SECONDS = 300;

    private static final int HEALTH_CHECK_SECONDS = 2;

    private final Http http;
    private final HikariDataSource dataSource;
    private final MockOtpProvider outbox;

    /**
     * {@code outbox} is null when no channel uses the mock provider, or when the app listens beyond loopback without
     * {@code AUTH_DEV_OUTBOX=true}: then there is no {@code /dev/outbox} (404 like any unknown route).
     */
    SystemRoutes(Http http, HikariDataSource dataSource, MockOtpProvider outbox) {
        this.http = http;
        this.dataSource = dataSource;
        this.outbox = outbox;
    }

    void addTo(RoutesConfig routes) {
        routes.get("/health", this::health);
        routes.get("/.well-known/jwks.json", this::jwks);
        if (outbox != null) {
            routes.get("/dev/outbox", this::outbox);
        }
    }

    /**
     * 200 when a pooled connection answers, 503 {@code store_unavailable} when the database cannot be reached. A
     * connection that does not answer is evicted from the pool, so the next check opens a fresh one.
     */
    private void health(Context ctx) {
        boolean up;
        try (Connection connection = dataSource.getConnection()) {
            up = connection.isValid(HEALTH_CHECK_SECONDS);
            if (!up) {
                dataSource.evictConnection(connection);
            }
        } catch (SQLException | RuntimeException e) {
            up = false;
        }
        if (!up) {
            throw AuthException.storeUnavailable("the database is unreachable", null);
        }
        http.json(ctx, 200, Map.of("status", "ok"));
    }

    /**
     * The public keys that verify this app's access tokens (RS256, rotated every 30 days), for resource servers in any
     * language; every instance over the same database and master key serves the same set.
     */
    private void jwks(Context ctx) {
        ctx.header("Cache-Control", "public, max-age=" + JWKS_MAX_AGE_SECONDS);
        ctx.status(200).contentType("application/json").result(http.auth().tokens().publicJwks());
    }

    /** The mock outbox for one destination, newest first: {@code {"messages": [{to, purpose, text, sent_at}]}}. */
    private void outbox(Context ctx) {
        String to = ctx.queryParam("to");
        if (to == null || to.isBlank()) {
            throw AuthException.validation("to", "to (an email or phone) is required");
        }
        http.json(ctx, 200, Map.of("messages", outbox.messages(destination(to)).stream()
                .map(Views::outboxMessage)
                .toList()));
    }

    /**
     * The outbox's key for what the user typed: emails trimmed and lower-cased, phones as {@code +digits}. A {@code +}
     * left unencoded in a query string arrives as a space, so a phone without one gets it back.
     */
    static String destination(String raw) {
        String s = raw.strip();
        if (s.contains("@")) {
            return s.toLowerCase(Locale.ROOT);
        }
        String digits = s.replaceAll("[\\s().-]", "");
        return digits.startsWith("+") ? digits : "+" + digits;
    }
}
