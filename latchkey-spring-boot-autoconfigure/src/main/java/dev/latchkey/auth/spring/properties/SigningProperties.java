package dev.latchkey.auth.spring.properties;

import dev.latchkey.auth.SigningAlgorithm;
import java.time.Duration;

/** Access-token signing keys ({@code latchkey.signing.*}). */
public class SigningProperties {
    /**
     * The signing algorithm: RS256, ES256 and EDDSA keys are generated into the database (encrypted under the master
     * key), shared by every instance and rotated; HS256 uses a key derived from the master key.
     */
    private SigningAlgorithm algorithm = SigningAlgorithm.RS256;
    /** How often generated keys rotate, 1 hour to 365 days. */
    private Duration rotationPeriod = Duration.ofDays(30);
    /** How long a new key is published before it signs; at least the refresh interval. */
    private Duration publishLead = Duration.ofHours(1);
    /** How often each instance rereads the key set, 1 second to 1 hour. */
    private Duration refreshInterval = Duration.ofMinutes(5);

    public SigningAlgorithm getAlgorithm() {
        return algorithm;
    }

    public void setAlgorithm(SigningAlgorithm algorithm) {
        this.algorithm = algorithm;
    }

    public Duration getRotationPeriod() {
        return rotationPeriod;
    }

    public void setRotationPeriod(Duration rotationPeriod) {
        this.rotationPeriod = rotationPeriod;
    }

    public Duration getPublishLead() {
        return publishLead;
    }

    public void setPublishLead(Duration publishLead) {
        this.publishLead = publishLead;
    }

    public Duration getRefreshInterval() {
        return refreshInterval;
    }

    public void setRefreshInterval(Duration refreshInterval) {
        this.refreshInterval = refreshInterval;
    }
}
