package dev.latchkey.auth;

import dev.latchkey.auth.internal.UnsafeCharacters;
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
     * {@code dev.latchkey.auth.audit}. Events hold no secret, so neither do the lines. Line breaks (CR, LF, U+0085,
     * U+2028, U+2029), other control and format characters and look-alike spaces in any field are written as
     * {@code \u005CuXXXX} escapes (and a backslash as two), so no value can forge a second line or hide text.
     */
    static AuthEventListener logging() {
        org.slf4j.Logger log = LoggerFactory.getLogger("dev.latchkey.auth.audit");
        return event -> {
            String line = UnsafeCharacters.escape(event.toString());
            AuthEventType t = event.type();
            if (t.equals(AuthEventType.REFRESH_REUSE_DETECTED) || t.equals(AuthEventType.ACCOUNT_LOCKED)
                    || t.equals(AuthEventType.CODE_DELIVERY_FAILED) || t.equals(AuthEventType.CODE_LOCKED)) {
                log.warn("{}", line);
            } else {
                log.info("{}", line);
            }
        };
    }
}
