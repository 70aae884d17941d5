package dev.latchkey.auth.http;

/**
 * One HTTP request and its answer, as a host hands it to a {@link Route}: the few things Latchkey's routes read and
 * write, so that the same handlers run on Javalin, Spring MVC or any other server.
 *
 * <p>A host implements this over its own request object (the Javalin example over {@code io.javalin.http.Context}, the
 * Spring Boot auto-configuration over the servlet request and response). Header names are case-insensitive. The
 * response methods may be called in any order until {@link #result(byte[])} or the handler returns.
 */
public interface Exchange {
    /** The request method in upper case, such as {@code POST}. */
    String method();

    /** The request path, without the query string. */
    String path();

    /** The value of a path parameter of the route ({@code id} in {@code /api/auth/sessions/{id}}). */
    String pathParam(String name);

    /** The first value of a query parameter, decoded, or null. */
    String queryParam(String name);

    /** The first value of a request header, or null. */
    String header(String name);

    /** The value of a request cookie, or null. */
    String cookie(String name);

    /** The request body; empty when there is none. A host refuses a body over its limit before or while reading. */
    byte[] bodyAsBytes();

    /** The address of the connection's peer (no proxy header is trusted unless the host decided so). */
    String ip();

    /** The {@code User-Agent} header, or null. */
    default String userAgent() {
        return header("User-Agent");
    }

    /** The {@code Host} header as sent ({@code host[:port]}), or null. */
    String host();

    /** {@code http} or {@code https}: how the request reached the server. */
    String scheme();

    /**
     * The path the host mounted the routes under, such as {@code /auth}; empty (the default) when they are at the
     * root. Cookies are scoped below it.
     */
    default String basePath() {
        return "";
    }

    /** A value stored on this request with {@link #attribute(String, Object)}, or null. */
    <T> T attribute(String name);

    /** Stores a value on this request, for later steps of the same request (such as its problem answer). */
    void attribute(String name, Object value);

    /** Sets a response header, replacing any value it had. */
    Exchange header(String name, String value);

    /** Adds a response header beside any it has (such as a second {@code Set-Cookie}). */
    void addHeader(String name, String value);

    /** Sets the response status. */
    Exchange status(int status);

    /** Sets the response's {@code Content-Type}; null for none (a 204). */
    Exchange contentType(String contentType);

    /** Sets the response body. */
    Exchange result(byte[] body);
}
