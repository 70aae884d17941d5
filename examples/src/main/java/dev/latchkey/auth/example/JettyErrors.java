package dev.latchkey.auth.example;

import dev.latchkey.auth.http.Problems;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

import java.nio.ByteBuffer;

/**
 * Jetty's own error answers (requests refused before they reach Javalin, such as a malformed URI) as
 * {@code application/problem+json} instead of Jetty's HTML page, whatever the method: Jetty writes error bodies for
 * {@code GET}, {@code POST} and {@code HEAD} only, and left a {@code DELETE} with bad percent-encoding an empty 400.
 */
final class JettyErrors extends ErrorHandler {
    private final Problems problems;

    JettyErrors(Problems problems) {
        this.problems = problems;
    }

    /** Every method gets a problem body ({@code HEAD} answers drop it on the wire, as they do every body). */
    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
                                    Callback callback) {
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        response.getHeaders().put(HttpHeader.CACHE_CONTROL, "no-store");
        response.write(true, ByteBuffer.wrap(problems.bytes(code)), callback);
    }

    @Override
    public ByteBuffer badMessageError(int status, String reason, HttpFields.Mutable fields) {
        fields.put(HttpHeader.CONTENT_TYPE, Problems.CONTENT_TYPE);
        fields.put(HttpHeader.CACHE_CONTROL, "no-store");
        return ByteBuffer.wrap(problems.bytes(status));
    }
}
