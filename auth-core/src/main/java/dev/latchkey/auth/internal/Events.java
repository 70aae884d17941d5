package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthEventListener;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.List;

/** Builds {@link AuthEvent}s, masking destinations, and hands them to every listener; a failing listener is ignored. */
public final class Events {
    private static final Logger log = LoggerFactory.getLogger(AuthService.class);

    private final List<AuthEventListener> listeners;
    private final Clock clock;

    /** Events to these listeners, stamped with this clock. */
    public Events(List<AuthEventListener> listeners, Clock clock) {
        this.listeners = List.copyOf(listeners);
        this.clock = clock;
    }

    /** Emits an event; the destination is masked. */
    public void emit(AuthEventType type, String userId, Contact.Kind kind, String destination, ClientInfo client,
              String sessionId, String detail) {
        AuthEvent event = new AuthEvent(type, clock.instant(), userId,
                destination == null || kind == null ? null : Contact.mask(kind, destination),
                client == null ? null : client.originalAddress().orElse(null), sessionId, detail);
        for (AuthEventListener listener : listeners) {
            try {
                listener.onEvent(event);
            } catch (RuntimeException e) {
                log.warn("auth event listener {} failed on {}", listener.getClass().getName(), type, e);
            }
        }
    }

    /** Emits an event about an account only. */
    public void emit(AuthEventType type, String userId) {
        emit(type, userId, null, null, null, null, null);
    }
}
