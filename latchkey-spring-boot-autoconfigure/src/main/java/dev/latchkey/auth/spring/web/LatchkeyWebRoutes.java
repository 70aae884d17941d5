package dev.latchkey.auth.spring.web;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.http.LatchkeyApi;
import dev.latchkey.auth.http.Route;
import dev.latchkey.auth.http.RouteGroup;
import dev.latchkey.auth.otp.MockOtpProvider;
import dev.latchkey.auth.spring.LatchkeyPropertyException;
import dev.latchkey.auth.spring.properties.WebProperties;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.totp.RecoveryCodeFactor;
import dev.latchkey.auth.totp.TotpFactor;
import dev.latchkey.auth.webauthn.PasskeyFactor;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.web.servlet.HandlerMapping;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/** Builds the web API's parts from {@code latchkey.web.*}, naming the property behind a refusal. */
public final class LatchkeyWebRoutes {
    private static final Logger log = LoggerFactory.getLogger(LatchkeyWebRoutes.class);
    private static final Pattern BASE_PATH = Pattern.compile("(/[A-Za-z0-9._~-]+)*");
    /** The id looked up by the health route: no account has it. */
    private static final String PROBE_ID = "latchkey-health-probe";

    private LatchkeyWebRoutes() {
    }

    /**
     * The API over {@code auth}: the second-factor and passkey routes with their factors (when given), the outbox with
     * {@code mock} when {@code latchkey.web.groups.outbox=true}, {@code GET /health} reading the stores.
     */
    public static LatchkeyApi api(AuthService auth, AuthConfig config, AuthStores stores, MockOtpProvider mock,
                                  WebProperties web, TotpFactor totp, RecoveryCodeFactor recovery,
                                  PasskeyFactor passkeys) {
        LatchkeyApi.Builder b = LatchkeyApi.newBuilder(auth).clock(config.clock())
                .databaseCheck(() -> {
                    stores.users().findById(PROBE_ID);
                    return true;
                });
        try {
            b.realm(web.getRealm() == null ? "" : web.getRealm());
        } catch (IllegalArgumentException e) {
            throw new LatchkeyPropertyException("latchkey.web.realm", e.getMessage().replaceFirst("^realm\\s*", ""), e);
        }
        if (totp != null && recovery != null) {
            b.secondFactors(totp, recovery);
        }
        if (passkeys != null) {
            b.passkeys(passkeys);
        }
        if (web.getGroups().isOutbox()) {
            if (mock == null) {
                throw new LatchkeyPropertyException("latchkey.web.groups.outbox", "is true, but codes are not "
                        + "delivered by the mock (latchkey.delivery.* names a real provider): there is no outbox", null);
            }
            log.warn("latchkey.web.groups.outbox=true: GET /dev/outbox shows every code to whoever asks; for "
                    + "development only");
            b.outbox(mock);
        }
        return b.build();
    }

    /** The handler mapping of the groups that are on, plus the application's own routes. */
    public static LatchkeyHandlerMapping mapping(LatchkeyApi api, WebProperties web, List<Route> appRoutes) {
        String basePath = basePath(web.getBasePath());
        List<Route> routes = new ArrayList<>(api.routes(groups(web.getGroups())));
        routes.addAll(appRoutes);
        LatchkeyHandlerMapping mapping = new LatchkeyHandlerMapping(api, routes, basePath);
        log.info("Latchkey web API: {} routes under '{}'", routes.size(), basePath.isEmpty() ? "/" : basePath);
        return mapping;
    }

    /** The mapping that answers unknown paths in Latchkey's namespaces with the API's 404 problem. */
    public static HandlerMapping notFound(LatchkeyHandlerMapping routes) {
        return new LatchkeyHandlerMapping.NotFound(routes);
    }

    /** The groups {@code latchkey.web.groups.*} turn on. */
    static Set<RouteGroup> groups(WebProperties.Groups g) {
        Set<RouteGroup> on = EnumSet.of(RouteGroup.APP);
        add(on, g.isAuth(), RouteGroup.AUTH);
        add(on, g.isMfa(), RouteGroup.MFA);
        add(on, g.isPasskeys(), RouteGroup.PASSKEYS);
        add(on, g.isProfile(), RouteGroup.PROFILE);
        add(on, g.isAdmin(), RouteGroup.ADMIN);
        add(on, g.isSystem(), RouteGroup.SYSTEM);
        add(on, g.isOutbox(), RouteGroup.OUTBOX);
        return on;
    }

    private static void add(Set<RouteGroup> on, boolean enabled, RouteGroup group) {
        if (enabled) {
            on.add(group);
        }
    }

    /** {@code latchkey.web.base-path}: empty, or segments each starting with {@code /}; a trailing slash dropped. */
    static String basePath(String raw) {
        String path = raw == null ? "" : raw.strip();
        if (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        if (!BASE_PATH.matcher(path).matches()) {
            throw new LatchkeyPropertyException("latchkey.web.base-path", "must be empty or a path such as /auth "
                    + "(letters, digits, '.', '_', '~', '-' between slashes)", null);
        }
        return path;
    }
}
