package dev.latchkey.auth.example;

import dev.latchkey.auth.http.Exchange;
import io.javalin.http.Context;

/** {@link Exchange} over a Javalin {@link Context}: how the shared routes of {@code auth-http} run on Javalin. */
final class JavalinExchange implements Exchange {
    private final Context ctx;

    JavalinExchange(Context ctx) {
        this.ctx = ctx;
    }

    @Override
    public String method() {
        return ctx.method().name();
    }

    @Override
    public String path() {
        return ctx.path();
    }

    @Override
    public String pathParam(String name) {
        return ctx.pathParam(name);
    }

    @Override
    public String queryParam(String name) {
        return ctx.queryParam(name);
    }

    @Override
    public String header(String name) {
        return ctx.header(name);
    }

    @Override
    public String cookie(String name) {
        return ctx.cookie(name);
    }

    /** Javalin answers 413 (an {@code HttpResponseException}) for a body over {@code maxRequestSize}. */
    @Override
    public byte[] bodyAsBytes() {
        return ctx.bodyAsBytes();
    }

    @Override
    public String ip() {
        return ctx.ip();
    }

    @Override
    public String host() {
        return ctx.host();
    }

    @Override
    public String scheme() {
        return ctx.scheme();
    }

    @Override
    public <T> T attribute(String name) {
        return ctx.attribute(name);
    }

    @Override
    public void attribute(String name, Object value) {
        ctx.attribute(name, value);
    }

    @Override
    public Exchange header(String name, String value) {
        ctx.header(name, value);
        return this;
    }

    @Override
    public void addHeader(String name, String value) {
        ctx.res().addHeader(name, value);
    }

    @Override
    public Exchange status(int status) {
        ctx.status(status);
        return this;
    }

    @Override
    public Exchange contentType(String contentType) {
        if (contentType == null) {
            ctx.res().setContentType(null);
        } else {
            ctx.contentType(contentType);
        }
        return this;
    }

    @Override
    public Exchange result(byte[] body) {
        ctx.result(body);
        return this;
    }
}
