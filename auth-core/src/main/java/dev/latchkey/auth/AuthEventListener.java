package dev.latchkey.auth;

import org.slf4j.LoggerFactory;

/**
 * Receives every {@link AuthEvent} of an {@link AuthService}, synchronously, on the thread that caused it.
 *
 * <p>Register listeners with {@link AuthService.Builder#eventListener(AuthEventListener)}; without one, events go to
 * {@link #logging()}. A listener that throws is logged and ignored: it never fails the flow.
 */
@FunctionalInterface
public interface AuthEventListener {
    /** Handles one event; keep it quick, it runs inside the request. */
    void onEvent(AuthEvent event);

    /**
     * Logs each event as one INFO line (WARN for reuse, lockout and delivery failures) to the SLF4J logger
     * {@code dev.latchkey.auth.audit}. Events hold no secret, so neither do the lines.
     */
    static AuthEventListener logging() {
        org.slf4j.Logger log = LoggerFactory.getLogger("dev.latchkey.auth.audit");
        return event -> {
            AuthEventType t = event.type();
            if (t.equals(AuthEventType.REFRESH_REUSE_DETECTED) || t.equals(AuthEventType.ACCOUNT_LOCKED)
                    || t.equals(AuthEventType.CODE_DELIVERY_FAILED) || t.equals(AuthEventType.CODE_LOCKED)) {
                log.warn("{}", event);
            } else {
                log.info("{}", event);
            }
        };
    }
}
