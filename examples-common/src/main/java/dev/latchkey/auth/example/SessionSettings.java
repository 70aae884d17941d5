package dev.latchkey.auth.example;

import dev.latchkey.auth.session.SessionConfig;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * The session settings: {@code AUTH_REFRESH_REUSE_GRACE}, how long a rotated refresh token may be presented again and
 * get the same successor instead of revoking the session ({@link SessionConfig#refreshReuseGrace()}).
 *
 * @param refreshReuseGrace {@code AUTH_REFRESH_REUSE_GRACE}: 0 (off, the default) to 300 seconds
 */
public record SessionSettings(Duration refreshReuseGrace) {
    private static final long MAX_REFRESH_REUSE_GRACE_SECONDS = 300;

    /** Checks the fields. */
    public SessionSettings {
        Objects.requireNonNull(refreshReuseGrace, "refreshReuseGrace");
    }

    /**
     * Reads {@code AUTH_REFRESH_REUSE_GRACE} from {@code env}: a number of seconds, like the other {@code AUTH_*}
     * durations.
     *
     * @throws StartupException naming the variable when its value is not a number from 0 to 300
     */
    static SessionSettings fromEnvironment(Map<String, String> env) {
        String raw = Settings.value(env, "AUTH_REFRESH_REUSE_GRACE");
        if (raw == null) {
            return new SessionSettings(Duration.ZERO);
        }
        long seconds;
        try {
            seconds = Long.parseLong(raw);
        } catch (NumberFormatException e) {
            seconds = -1;
        }
        if (seconds < 0 || seconds > MAX_REFRESH_REUSE_GRACE_SECONDS) {
            throw new StartupException("AUTH_REFRESH_REUSE_GRACE must be a number of seconds from 0 (off, the "
                    + "default) to " + MAX_REFRESH_REUSE_GRACE_SECONDS + "; got '" + Settings.printable(raw) + "'");
        }
        return new SessionSettings(Duration.ofSeconds(seconds));
    }

    /** The core configuration these settings stand for: Latchkey's lifetimes, with this reuse grace. */
    SessionConfig config() {
        return SessionConfig.newBuilder().refreshReuseGrace(refreshReuseGrace).build();
    }
}
