package dev.latchkey.auth.spring.web;

import dev.latchkey.auth.http.LatchkeyApi;
import dev.latchkey.auth.http.Route;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.server.PathContainer;
import org.springframework.web.HttpRequestHandler;
import org.springframework.web.servlet.handler.AbstractHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

import java.io.IOException;
import java.util.List;
import java.util.Map;

/**
 * Serves {@code auth-http}'s route table on Spring MVC: one handler mapping that matches a request against the routes
 * (under the base path) and runs the matching one through {@link LatchkeyApi#handle(Route, dev.latchkey.auth.http.Exchange)},
 * so the routes, bodies, status codes and problem answers are those of every other host. Its order is 1: after the
 * application's own {@code @RequestMapping}s (which win on the same path), before static resources.
 *
 * <p>Also answers requests in Latchkey's own namespaces under the base path ({@code /api/auth}, {@code /api/profile},
 * {@code /api/admin} and below) that match no route of the table nor of the application with the API's 404
 * {@code not_found} problem, from a second mapping of (almost) the lowest order.
 */
public final class LatchkeyHandlerMapping extends AbstractHandlerMapping {
    /** The order of this mapping among Spring MVC's. */
    public static final int ORDER = 1;
    /** Latchkey's path namespaces: unknown requests below them get the API's 404 problem. */
    static final List<String> NAMESPACES = List.of("/api/auth", "/api/profile", "/api/admin");

    private final LatchkeyApi api;
    private final String basePath;
    private final List<Entry> entries;

    private record Entry(Route route, PathPattern pattern) {
    }

    /** Serves {@code routes} of {@code api} under {@code basePath} (empty, or starting with {@code /}). */
    public LatchkeyHandlerMapping(LatchkeyApi api, List<Route> routes, String basePath) {
        this.api = api;
        this.basePath = basePath;
        PathPatternParser parser = new PathPatternParser();
        this.entries = routes.stream().map(r -> new Entry(r, parser.parse(basePath + r.path()))).toList();
        setOrder(ORDER);
    }

    /** The routes served, each with its full path pattern (base path included). */
    public List<String> patterns() {
        return entries.stream().map(e -> e.route().method() + " " + e.pattern().getPatternString()).toList();
    }

    /** Whether a route of the table (any method) has this request's path: the API's own, for its security chain. */
    public boolean matches(HttpServletRequest request) {
        PathContainer path = path(request);
        return entries.stream().anyMatch(e -> e.pattern().matches(path)) || inNamespace(path.value());
    }

    @Override
    protected Object getHandlerInternal(HttpServletRequest request) {
        PathContainer path = path(request);
        for (Entry e : entries) {
            if (!e.route().method().equals(request.getMethod())) {
                continue;
            }
            PathPattern.PathMatchInfo match = e.pattern().matchAndExtract(path);
            if (match != null) {
                return handler(e.route(), match.getUriVariables());
            }
        }
        return null;
    }

    /** Whether a path is in one of Latchkey's {@link #NAMESPACES} under the base path. */
    private boolean inNamespace(String path) {
        return NAMESPACES.stream().map(n -> basePath + n).anyMatch(n -> path.equals(n) || path.startsWith(n + "/"));
    }

    private HttpRequestHandler handler(Route route, Map<String, String> params) {
        return (request, response) -> {
            ServletExchange exchange = new ServletExchange(request, response, params, basePath);
            commonHeaders(response);
            try {
                api.handle(route, exchange);
            } catch (RuntimeException e) {
                exchange.result(null);
                api.problems().internal(exchange, e);
            }
            exchange.finish();
        };
    }

    /** The headers of every answer of the API. */
    static void commonHeaders(HttpServletResponse response) {
        response.setHeader("Cache-Control", "no-store");
        response.setHeader("X-Content-Type-Options", "nosniff");
    }

    /** The answer for a request in a namespace that nothing else handled. */
    HttpRequestHandler notFoundHandler() {
        return (request, response) -> {
            ServletExchange exchange = new ServletExchange(request, response, Map.of(), basePath);
            commonHeaders(response);
            api.problems().notFound(exchange);
            exchange.finish();
        };
    }

    private static PathContainer path(HttpServletRequest request) {
        String uri = request.getRequestURI();
        String context = request.getContextPath();
        return PathContainer.parsePath(uri.startsWith(context) ? uri.substring(context.length()) : uri);
    }

    /** Answers unknown requests in Latchkey's namespaces; the last mapping but static resources. */
    static final class NotFound extends AbstractHandlerMapping {
        private final LatchkeyHandlerMapping routes;

        NotFound(LatchkeyHandlerMapping routes) {
            this.routes = routes;
            setOrder(Integer.MAX_VALUE - 10);
        }

        @Override
        protected Object getHandlerInternal(HttpServletRequest request) throws IOException {
            return routes.inNamespace(path(request).value()) ? routes.notFoundHandler() : null;
        }
    }
}
