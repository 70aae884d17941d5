package dev.latchkey.auth;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * One security-relevant thing that happened, for audit logs and alerting (security bar item 31).
 *
 * <p>Events carry no secret: destinations are masked ({@code a***@example.com}, {@code *********71}), and no password,
 * code, token or hash is ever part of one.
 *
 * @param type          what happened
 * @param time          when, by the service's clock
 * @param userId        the account, when known
 * @param destination   the masked email or phone involved, when there is one
 * @param clientAddress the client's address as the host passed it ({@link ClientInfo#originalAddress()}), when it did
 * @param sessionId     the session involved, when there is one
 * @param detail        a short non-secret detail (a purpose, a reason), or null
 */
public record AuthEvent(AuthEventType type, Instant time, String userId, String destination, String clientAddress,
                        String sessionId, String detail) {
    /** Checks the required fields. */
    public AuthEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(time, "time");
    }

    /** The account, when known. */
    public Optional<String> user() {
        return Optional.ofNullable(userId);
    }

    @Override
    public String toString() {
        StringBuilder b = new StringBuilder(type.name());
        append(b, "user", userId);
        append(b, "to", destination);
        append(b, "address", clientAddress);
        append(b, "session", sessionId);
        append(b, "detail", detail);
        return b.toString();
    }

    private static void append(StringBuilder b, String name, String value) {
        if (value != null) {
            b.append(' ').append(name).append('=').append(value);
        }
    }
}
