package dev.latchkey.auth.http;

/** What a {@link Route} does with one {@link Exchange}; failures are exceptions that {@link Problems} answers. */
@FunctionalInterface
public interface Handler {
    /** Reads the request and writes the answer. */
    void handle(Exchange ctx);
}
