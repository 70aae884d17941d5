package dev.latchkey.auth.http;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.otp.MockOtpProvider;
import dev.latchkey.auth.totp.RecoveryCodeFactor;
import dev.latchkey.auth.totp.TotpFactor;
import dev.latchkey.auth.webauthn.PasskeyFactor;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.ObjectMapper;
import tools.jackson.databind.json.JsonMapper;

import java.time.Clock;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

/**
 * Latchkey's JSON HTTP API, written once for every host: the route table ({@link #routes()}), how a route is run
 * ({@link #handle(Route, Exchange)}: the browser-session guard, the handler, its failures as problem answers) and the
 * problem answers for what happens outside the routes ({@link #problems()}).
 *
 * <p>A host adapts its server to {@link Exchange}, registers every route it wants with its router, and for each
 * request calls {@link #handle(Route, Exchange)}. It refuses bodies over {@link #MAX_BODY_BYTES} (413), answers
 * unknown routes with {@link Problems#notFound(Exchange)}, sets {@code Cache-Control: no-store} and
 * {@code X-Content-Type-Options: nosniff} on every answer, and maps any other exception to
 * {@link Problems#internal(Exchange, Throwable)}.
 */
public final class LatchkeyApi {
    /** The largest request body a host accepts; larger ones get 413 {@code payload_too_large}. */
    public static final int MAX_BODY_BYTES = 64 * 1024;
    /** The role the {@code /api/admin/*} routes require; given only by the host (never from a request). */
    public static final String ADMIN_ROLE = "admin";
    /** The cookie that keeps a password login's device token for the next one. */
    public static final String DEVICE_COOKIE = LoginAnswers.DEVICE_COOKIE;
    /** The request header that asks for browser session mode (the refresh token in an {@code HttpOnly} cookie). */
    public static final String SESSION_HEADER = BrowserSession.HEADER;
    /** The cookie holding the refresh token in browser session mode. */
    public static final String REFRESH_COOKIE = BrowserSession.REFRESH_COOKIE;

    private final Http http;
    private final Problems problems;
    private final List<Route> routes;

    private LatchkeyApi(Builder b) {
        ObjectMapper mapper = objectMapper();
        this.http = new Http(b.auth, mapper, b.clock);
        this.problems = new Problems(mapper, b.clock, b.realm);
        LoginAnswers answers = new LoginAnswers(http);
        Routes table = new Routes(RouteGroup.AUTH);
        new AuthRoutes(http, answers).addTo(table);
        if (b.totp != null) {
            new MfaRoutes(http, answers, b.totp, b.recovery).addTo(table.in(RouteGroup.MFA));
        }
        if (b.passkeys != null) {
            new PasskeyRoutes(http, answers, b.passkeys).addTo(table.in(RouteGroup.PASSKEYS));
        }
        new AccountRoutes(http, b.accountDeleted).addTo(table.in(RouteGroup.PROFILE));
        new SystemRoutes(http, problems, b.database, b.outbox).addTo(table.in(RouteGroup.SYSTEM));
        this.routes = table.list();
    }

    /** A builder over {@code auth}. */
    public static Builder newBuilder(AuthService auth) {
        return new Builder(auth);
    }

    /** Every route, in registration order. */
    public List<Route> routes() {
        return routes;
    }

    /** The routes of {@code groups} only, in registration order. */
    public List<Route> routes(Set<RouteGroup> groups) {
        return routes.stream().filter(r -> groups.contains(r.group())).toList();
    }

    /** The problem answers, for a host's own refusals (unknown route, body too large, a bug). */
    public Problems problems() {
        return problems;
    }

    /** JSON bodies, answers and the caller, for a host's own routes over {@link Exchange}. */
    public Http http() {
        return http;
    }

    /**
     * Runs a route: for {@code /api/*} paths first the browser-session guard (a cross-site request in that mode is 403
     * {@code forbidden}, reason {@code cross_site_request}), then its handler; an {@link AuthException} or an
     * {@link HttpProblem} becomes its problem answer. Any other exception is the host's to answer.
     */
    public void handle(Route route, Exchange ctx) {
        handle(route.path(), route.handler(), ctx);
    }

    /** As {@link #handle(Route, Exchange)}, for a host's own route at {@code path} (such as the example's customers). */
    public void handle(String path, Handler handler, Exchange ctx) {
        try {
            if (path.startsWith("/api/")) {
                guard(ctx);
            }
            handler.handle(ctx);
        } catch (AuthException e) {
            problems.auth(ctx, e);
        } catch (HttpProblem e) {
            problems.http(ctx, e.status(), e.getMessage());
        }
    }

    /** The browser-session guard alone, for a host that runs it before its own filters; throws its refusal. */
    public void guard(Exchange ctx) {
        BrowserSession.guard(ctx);
    }

    /** The JSON mapper of bodies and answers: duplicate keys and trailing tokens are errors. */
    static ObjectMapper objectMapper() {
        return JsonMapper.builder()
                .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS)
                .build();
    }

    /** Collects the API's parts; only the service and the database check are required. */
    public static final class Builder {
        private final AuthService auth;
        private Clock clock = Clock.systemUTC();
        private String realm = "latchkey";
        private TotpFactor totp;
        private RecoveryCodeFactor recovery;
        private PasskeyFactor passkeys;
        private MockOtpProvider outbox;
        private BooleanSupplier database;
        private Consumer<String> accountDeleted = id -> { };

        private Builder(AuthService auth) {
            this.auth = Objects.requireNonNull(auth, "auth");
        }

        /** The service's clock (its {@code AuthConfig.clock()}), for {@code expires_in} and {@code Retry-After}. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** The {@code realm} of {@code WWW-Authenticate: Bearer} answers; default {@code latchkey}. */
        public Builder realm(String realm) {
            this.realm = Objects.requireNonNull(realm, "realm");
            if (realm.isEmpty() || !realm.chars().allMatch(c -> c > 0x20 && c < 0x7f && c != '"' && c != '\\')) {
                throw new IllegalArgumentException("realm must be printable ASCII without spaces or quotes");
            }
            return this;
        }

        /** TOTP and recovery codes, registered with the service: adds the {@link RouteGroup#MFA} routes. */
        public Builder secondFactors(TotpFactor totp, RecoveryCodeFactor recovery) {
            this.totp = Objects.requireNonNull(totp, "totp");
            this.recovery = Objects.requireNonNull(recovery, "recovery");
            return this;
        }

        /** Passkeys, registered with the service: adds the {@link RouteGroup#PASSKEYS} routes. */
        public Builder passkeys(PasskeyFactor passkeys) {
            this.passkeys = Objects.requireNonNull(passkeys, "passkeys");
            return this;
        }

        /**
         * The mock provider whose messages {@code GET /dev/outbox} shows to anyone who asks (the
         * {@link RouteGroup#OUTBOX} route); for development only. Without it, there is no such route.
         */
        public Builder outbox(MockOtpProvider outbox) {
            this.outbox = outbox;
            return this;
        }

        /** Whether the database answers, for {@code GET /health} (503 {@code store_unavailable} when not). */
        public Builder databaseCheck(BooleanSupplier database) {
            this.database = Objects.requireNonNull(database, "database");
            return this;
        }

        /** Told the id of every account its owner deleted, after the deletion (to delete the host's own rows). */
        public Builder onAccountDeleted(Consumer<String> accountDeleted) {
            this.accountDeleted = Objects.requireNonNull(accountDeleted, "accountDeleted");
            return this;
        }

        /** The API. */
        public LatchkeyApi build() {
            if (database == null) {
                throw new IllegalStateException("databaseCheck is required (GET /health answers with it)");
            }
            return new LatchkeyApi(this);
        }
    }
}
