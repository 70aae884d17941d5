package dev.latchkey.auth.example;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.http.LatchkeyApi;
import dev.latchkey.auth.http.Problems;
import dev.latchkey.auth.http.Route;
import io.javalin.config.RoutesConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import io.javalin.http.HttpResponseException;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * The Javalin adapter of {@code auth-http}'s {@link LatchkeyApi}: registers its routes (and the app's own routes over
 * the same exchange) with Javalin, and answers what Javalin and Jetty refuse themselves (an unknown route, a body over
 * the cap, an {@link Error}) with the same problem answers.
 */
final class JavalinApi {
    private static final Logger log = LoggerFactory.getLogger(JavalinApi.class);

    private final LatchkeyApi api;
    private final Problems problems;

    JavalinApi(LatchkeyApi api) {
        this.api = api;
        this.problems = api.problems();
    }

    /** The shared JSON bodies, answers and caller checks, for the app's own routes. */
    dev.latchkey.auth.http.Http http() {
        return api.http();
    }

    /** The shared problem answers. */
    Problems problems() {
        return problems;
    }

    /**
     * Registers every route of the API and the app's own ({@code appRoutes}, over the same exchange), the
     * browser-session guard before {@code /api/*} and the error answers.
     */
    void addTo(RoutesConfig routes, List<Route> appRoutes) {
        routes.before("/api/*", ctx -> api.guard(new JavalinExchange(ctx)));
        List<Route> all = new ArrayList<>(api.routes());
        all.addAll(appRoutes);
        for (Route route : all) {
            add(routes, route.method(), route.path(), ctx -> api.handle(route, new JavalinExchange(ctx)));
        }
        routes.exception(AuthException.class, (e, ctx) -> problems.auth(new JavalinExchange(ctx), e));
        routes.exception(HttpResponseException.class, (e, ctx) -> problems.http(new JavalinExchange(ctx),
                e.getStatus(), e.getMessage()));
        routes.exception(Exception.class, (e, ctx) -> problems.internal(new JavalinExchange(ctx), e));
        for (int status : new int[] {400, 401, 403, 404, 405, 413, 415, 500, 503}) {
            routes.error(status, this::fillIn);
        }
    }

    private static void add(RoutesConfig routes, String method, String path, Handler handler) {
        switch (method) {
            case "GET" -> routes.get(path, handler);
            case "POST" -> routes.post(path, handler);
            case "PATCH" -> routes.patch(path, handler);
            case "DELETE" -> routes.delete(path, handler);
            default -> throw new IllegalArgumentException("unsupported method " + method);
        }
    }

    /** The answer for an error status set without a body (by Javalin or Jetty), unless a problem was written. */
    void fillIn(Context ctx) {
        String current = ctx.res().getContentType();
        if (current != null && current.startsWith(Problems.CONTENT_TYPE)) {
            return;
        }
        int status = ctx.statusCode();
        JavalinExchange exchange = new JavalinExchange(ctx);
        if (status == 404) {
            problems.notFound(exchange);
        } else {
            problems.write(exchange, status, Problems.statusCode(status), Problems.statusTitle(status),
                    "the request failed", Map.of());
        }
    }

    /** Writes a problem straight to the servlet response, for {@link Error}s that escape Javalin's handlers. */
    void internal(HttpServletResponse res, Error e) {
        log.error("unexpected error", e);
        if (res.isCommitted()) {
            return;
        }
        try {
            res.reset();
            res.setStatus(500);
            res.setContentType(Problems.CONTENT_TYPE);
            res.getOutputStream().write(problems.internalBytes());
        } catch (IOException | IllegalStateException ignored) {
            // nothing more can be done for this response
        }
    }
}
