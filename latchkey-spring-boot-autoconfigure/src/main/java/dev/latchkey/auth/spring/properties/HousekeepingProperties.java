package dev.latchkey.auth.spring.properties;

import java.time.Duration;

/** Scheduled work of each instance ({@code latchkey.housekeeping.*}). */
public class HousekeepingProperties {
    /** Whether this instance deletes expired sessions, codes, counters and retired signing keys on a schedule. */
    private boolean purgeEnabled = true;
    /** How often the purge runs. */
    private Duration purgeInterval = Duration.ofHours(1);
    /**
     * Whether this instance rereads the signing-key set on a schedule, so a key due for rotation is published (and
     * shown in the JWKS) on time even while it signs nothing; with false, rotation happens only as tokens are issued or
     * verified.
     */
    private boolean keyRotationEnabled = true;
    /** How often the key set is reread for rotation. */
    private Duration keyRotationInterval = Duration.ofMinutes(5);

    public boolean isPurgeEnabled() {
        return purgeEnabled;
    }

    public void setPurgeEnabled(boolean purgeEnabled) {
        this.purgeEnabled = purgeEnabled;
    }

    public Duration getPurgeInterval() {
        return purgeInterval;
    }

    public void setPurgeInterval(Duration purgeInterval) {
        this.purgeInterval = purgeInterval;
    }

    public boolean isKeyRotationEnabled() {
        return keyRotationEnabled;
    }

    public void setKeyRotationEnabled(boolean keyRotationEnabled) {
        this.keyRotationEnabled = keyRotationEnabled;
    }

    public Duration getKeyRotationInterval() {
        return keyRotationInterval;
    }

    public void setKeyRotationInterval(Duration keyRotationInterval) {
        this.keyRotationInterval = keyRotationInterval;
    }
}
