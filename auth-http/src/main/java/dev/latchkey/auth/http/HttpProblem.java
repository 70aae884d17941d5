package dev.latchkey.auth.http;

/**
 * A request refused for what it is on the wire rather than for what it asks: answered by {@link Problems} as the
 * generic problem of its status ({@code 415 unsupported_media_type}, {@code 413 payload_too_large}, ...). Its message
 * holds no request data.
 */
public final class HttpProblem extends RuntimeException {
    private static final long serialVersionUID = 1L;

    private final int status;

    /** A problem with this HTTP status and detail. */
    public HttpProblem(int status, String detail) {
        super(detail, null, false, false);
        this.status = status;
    }

    /** The HTTP status. */
    public int status() {
        return status;
    }
}
