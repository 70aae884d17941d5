package dev.latchkey.auth.http;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/** Collects the route table as the route classes add to it, each route in the group it is added under. */
public final class Routes {
    private final List<Route> routes;
    private final RouteGroup group;

    /** An empty table whose routes go into {@code group} until {@link #in(RouteGroup)} says otherwise. */
    public Routes(RouteGroup group) {
        this(new ArrayList<>(), group);
    }

    private Routes(List<Route> routes, RouteGroup group) {
        this.routes = routes;
        this.group = Objects.requireNonNull(group, "group");
    }

    /** A view of the same table adding to {@code other}. */
    public Routes in(RouteGroup other) {
        return new Routes(routes, other);
    }

    /** Adds {@code GET path}. */
    public Routes get(String path, Handler handler) {
        return add("GET", path, handler);
    }

    /** Adds {@code POST path}. */
    public Routes post(String path, Handler handler) {
        return add("POST", path, handler);
    }

    /** Adds {@code PATCH path}. */
    public Routes patch(String path, Handler handler) {
        return add("PATCH", path, handler);
    }

    /** Adds {@code DELETE path}. */
    public Routes delete(String path, Handler handler) {
        return add("DELETE", path, handler);
    }

    /** Adds a route. */
    public Routes add(String method, String path, Handler handler) {
        routes.add(new Route(method, path, group, handler));
        return this;
    }

    /** The routes added so far, in order. */
    public List<Route> list() {
        return List.copyOf(routes);
    }
}
