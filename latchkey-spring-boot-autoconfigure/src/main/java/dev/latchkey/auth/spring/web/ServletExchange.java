package dev.latchkey.auth.spring.web;

import dev.latchkey.auth.http.Exchange;
import dev.latchkey.auth.http.HttpProblem;
import dev.latchkey.auth.http.LatchkeyApi;
import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Map;

/**
 * {@link Exchange} over a servlet request and response: how {@code auth-http}'s routes run on Spring MVC. The body is
 * read once, at most {@link LatchkeyApi#MAX_BODY_BYTES} (413 beyond, whether announced by {@code Content-Length} or
 * found while reading a chunked body).
 */
final class ServletExchange implements Exchange {
    private final HttpServletRequest request;
    private final HttpServletResponse response;
    private final Map<String, String> pathParams;
    private final String basePath;
    private byte[] body;
    private byte[] result;

    ServletExchange(HttpServletRequest request, HttpServletResponse response, Map<String, String> pathParams,
                    String basePath) {
        this.request = request;
        this.response = response;
        this.pathParams = pathParams;
        this.basePath = basePath;
    }

    @Override
    public String method() {
        return request.getMethod();
    }

    @Override
    public String path() {
        return request.getRequestURI();
    }

    @Override
    public String pathParam(String name) {
        return pathParams.get(name);
    }

    @Override
    public String queryParam(String name) {
        return request.getParameter(name);
    }

    @Override
    public String header(String name) {
        return request.getHeader(name);
    }

    @Override
    public String cookie(String name) {
        Cookie[] cookies = request.getCookies();
        if (cookies == null) {
            return null;
        }
        for (Cookie cookie : cookies) {
            if (cookie.getName().equals(name)) {
                return cookie.getValue();
            }
        }
        return null;
    }

    @Override
    public byte[] bodyAsBytes() {
        if (body == null) {
            body = read();
        }
        return body;
    }

    private byte[] read() {
        if (request.getContentLengthLong() > LatchkeyApi.MAX_BODY_BYTES) {
            throw new HttpProblem(413, "the request body is too large");
        }
        try (InputStream in = request.getInputStream()) {
            byte[] bytes = in.readNBytes(LatchkeyApi.MAX_BODY_BYTES + 1);
            if (bytes.length > LatchkeyApi.MAX_BODY_BYTES) {
                throw new HttpProblem(413, "the request body is too large");
            }
            return bytes;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public String ip() {
        return request.getRemoteAddr();
    }

    @Override
    public String host() {
        return request.getHeader("Host");
    }

    @Override
    public String scheme() {
        return request.getScheme();
    }

    @Override
    public String basePath() {
        return request.getContextPath() + basePath;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T attribute(String name) {
        return (T) request.getAttribute(name);
    }

    @Override
    public void attribute(String name, Object value) {
        request.setAttribute(name, value);
    }

    @Override
    public Exchange header(String name, String value) {
        response.setHeader(name, value);
        return this;
    }

    @Override
    public void addHeader(String name, String value) {
        response.addHeader(name, value);
    }

    @Override
    public Exchange status(int status) {
        response.setStatus(status);
        return this;
    }

    @Override
    public Exchange contentType(String contentType) {
        response.setContentType(contentType);
        return this;
    }

    @Override
    public Exchange result(byte[] body) {
        this.result = body;
        return this;
    }

    /** Writes the body set by {@link #result(byte[])}, if any; once the handler is done. */
    void finish() throws IOException {
        if (result != null) {
            response.setContentLength(result.length);
            response.getOutputStream().write(result);
        }
    }
}
