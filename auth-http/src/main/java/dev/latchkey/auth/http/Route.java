package dev.latchkey.auth.http;

import java.util.Objects;
import java.util.Set;

/**
 * One row of the route table: a method, a path pattern with {@code {name}} parameters (such as
 * {@code /api/auth/sessions/{id}}), its group and its handler. Hosts register each route with their router.
 *
 * @param method  {@code GET}, {@code POST}, {@code PATCH} or {@code DELETE}
 * @param path    the path pattern, relative to the host's base path
 * @param group   the group the route belongs to
 * @param handler what answers it
 */
public record Route(String method, String path, RouteGroup group, Handler handler) {
    private static final Set<String> METHODS = Set.of("GET", "POST", "PATCH", "DELETE");

    /** Checks the fields. */
    public Route {
        Objects.requireNonNull(method, "method");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(group, "group");
        Objects.requireNonNull(handler, "handler");
        if (!METHODS.contains(method)) {
            throw new IllegalArgumentException("method must be one of " + METHODS + ": " + method);
        }
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("path must start with /: " + path);
        }
    }
}
