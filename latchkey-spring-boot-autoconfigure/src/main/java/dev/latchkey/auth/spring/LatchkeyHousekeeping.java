package dev.latchkey.auth.spring;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.spring.properties.HousekeepingProperties;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The scheduled work of one instance, on one daemon thread started and stopped with the application context: the
 * purge of expired rows ({@link AuthService#purgeExpired()}, hourly by default) and a reread of the signing-key set
 * (every 5 minutes by default), which publishes a key due for rotation on time even while the instance signs
 * nothing. Each is turned off by {@code latchkey.housekeeping.purge-enabled=false} or
 * {@code latchkey.housekeeping.key-rotation-enabled=false}. A failed run is logged and tried again at the next.
 */
public final class LatchkeyHousekeeping implements SmartLifecycle {
    private static final Logger log = LoggerFactory.getLogger(LatchkeyHousekeeping.class);

    private final AuthService auth;
    private final HousekeepingProperties settings;
    private ScheduledExecutorService executor;

    /** Housekeeping of {@code auth} as {@code settings} say. */
    public LatchkeyHousekeeping(AuthService auth, HousekeepingProperties settings) {
        this.auth = Objects.requireNonNull(auth, "auth");
        this.settings = Objects.requireNonNull(settings, "settings");
        positive(settings.getPurgeInterval(), "latchkey.housekeeping.purge-interval");
        positive(settings.getKeyRotationInterval(), "latchkey.housekeeping.key-rotation-interval");
    }

    /** Deletes expired rows now; returns how many went. */
    public int purge() {
        int rows = auth.purgeExpired();
        log.info("Latchkey purged {} expired rows", rows);
        return rows;
    }

    /** Rereads the signing-key set now, publishing the next key if one is due. */
    public void refreshSigningKeys() {
        auth.tokens().publicJwks();
    }

    @Override
    public synchronized void start() {
        if (executor != null || !(settings.isPurgeEnabled() || settings.isKeyRotationEnabled())) {
            return;
        }
        executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread t = new Thread(r, "latchkey-housekeeping");
            t.setDaemon(true);
            return t;
        });
        if (settings.isPurgeEnabled()) {
            schedule(this::purge, settings.getPurgeInterval(), "purge");
        }
        if (settings.isKeyRotationEnabled()) {
            schedule(this::refreshSigningKeys, settings.getKeyRotationInterval(), "signing-key refresh");
        }
    }

    @Override
    public synchronized void stop() {
        if (executor != null) {
            executor.shutdownNow();
            executor = null;
        }
    }

    @Override
    public synchronized boolean isRunning() {
        return executor != null;
    }

    private void schedule(Runnable task, Duration every, String name) {
        long millis = every.toMillis();
        executor.scheduleWithFixedDelay(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                log.warn("Latchkey {} failed ({}); trying again in {}", name, e.toString(), every);
            }
        }, millis, millis, TimeUnit.MILLISECONDS);
    }

    private static void positive(Duration d, String property) {
        if (d == null || d.isNegative() || d.isZero()) {
            throw new LatchkeyPropertyException(property, "must be a positive duration", null);
        }
    }

    @Override
    public String toString() {
        return "LatchkeyHousekeeping[purge " + (settings.isPurgeEnabled() ? "every " + settings.getPurgeInterval()
                : "off") + ", key refresh " + (settings.isKeyRotationEnabled() ? "every "
                + settings.getKeyRotationInterval() : "off") + "]";
    }
}
