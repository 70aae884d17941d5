package dev.latchkey.auth.token;

import dev.latchkey.auth.SigningAlgorithm;
import dev.latchkey.auth.SigningKey;
import dev.latchkey.auth.internal.Checks;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * How access tokens are signed: HS256 under the configuration's token key (the default), keys generated in an
 * asymmetric algorithm and shared through the stores, or keys the host supplies; and how generated keys rotate.
 * Immutable; {@link #defaults()} or {@link #newBuilder()}.
 */
public final class SigningConfig {
    private final SigningAlgorithm algorithm;
    private final List<SigningKey> keys;
    private final String hmacKeyId;
    private final Duration rotationPeriod;
    private final Duration publishLead;
    private final Duration refreshInterval;

    private SigningConfig(Builder b, SigningAlgorithm algorithm) {
        this.algorithm = algorithm;
        this.keys = List.copyOf(b.keys);
        this.hmacKeyId = b.hmacKeyId;
        this.rotationPeriod = b.rotationPeriod;
        this.publishLead = b.publishLead;
        this.refreshInterval = b.refreshInterval;
    }

    /** Every default: HS256. */
    public static SigningConfig defaults() {
        return newBuilder().build();
    }

    /** A builder with every default set. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** The algorithm that signs: the first supplied key's, else the one set, else {@code HS256}. */
    public SigningAlgorithm algorithm() {
        return algorithm;
    }

    /** Keys the host supplies; the first signs, the rest only verify. Empty by default. */
    public List<SigningKey> keys() {
        return keys;
    }

    /** The {@code kid} of the HS256 key; derived from the key when empty. */
    public Optional<String> hmacKeyId() {
        return Optional.ofNullable(hmacKeyId);
    }

    /** How often generated keys rotate: 1 hour to 365 days, default 30 days. */
    public Duration rotationPeriod() {
        return rotationPeriod;
    }

    /** How long a new key is published before it signs: default 1 hour, at least the refresh interval. */
    public Duration publishLead() {
        return publishLead;
    }

    /** How often each instance rereads the shared key set: 1 second to 1 hour, default 5 minutes. */
    public Duration refreshInterval() {
        return refreshInterval;
    }

    @Override
    public String toString() {
        return "SigningConfig[algorithm=" + algorithm.jwsName() + ", keys=" + keys.size() + ", rotationPeriod="
                + rotationPeriod + "]";
    }

    /** Builds a {@link SigningConfig}; {@link #build()} leaves the builder as it was. */
    public static final class Builder {
        private SigningAlgorithm algorithm;
        private List<SigningKey> keys = List.of();
        private String hmacKeyId;
        private Duration rotationPeriod = Duration.ofDays(30);
        private Duration publishLead = Duration.ofHours(1);
        private Duration refreshInterval = Duration.ofMinutes(5);

        private Builder() {
        }

        /** The algorithm; {@code RS256}, {@code ES256} and {@code EDDSA} keys are generated and shared. */
        public Builder algorithm(SigningAlgorithm algorithm) {
            this.algorithm = Objects.requireNonNull(algorithm, "algorithm");
            return this;
        }

        /** The same as {@code algorithm(RS256)}, the recommended asymmetric choice. */
        public Builder asymmetric() {
            return algorithm(SigningAlgorithm.RS256);
        }

        /** Keys the host supplies; the first must have its private key and signs. */
        public Builder keys(List<SigningKey> keys) {
            Objects.requireNonNull(keys, "keys");
            List<SigningKey> copy = new ArrayList<>();
            for (SigningKey key : keys) {
                copy.add(Objects.requireNonNull(key, "keys has a null key"));
            }
            this.keys = List.copyOf(copy);
            return this;
        }

        /** The {@code kid} of the HS256 key, 1-64 of {@code A-Z a-z 0-9 _ . -}. */
        public Builder hmacKeyId(String keyId) {
            this.hmacKeyId = Objects.requireNonNull(keyId, "hmacKeyId");
            return this;
        }

        /** How often generated keys rotate. */
        public Builder rotationPeriod(Duration period) {
            this.rotationPeriod = Objects.requireNonNull(period, "rotationPeriod");
            return this;
        }

        /** How long a new key is published before it signs. */
        public Builder publishLead(Duration lead) {
            this.publishLead = Objects.requireNonNull(lead, "publishLead");
            return this;
        }

        /** How often each instance rereads the key set. */
        public Builder refreshInterval(Duration interval) {
            this.refreshInterval = Objects.requireNonNull(interval, "refreshInterval");
            return this;
        }

        /** The configuration; an {@link IllegalArgumentException} names a bad value. */
        public SigningConfig build() {
            SigningAlgorithm chosen = algorithm == null ? SigningAlgorithm.HS256 : algorithm;
            if (!keys.isEmpty()) {
                SigningAlgorithm first = keys.get(0).algorithm();
                Checks.require(algorithm == null || algorithm == first,
                        "algorithm " + algorithm + " differs from the first signing key's " + first);
                Checks.require(keys.get(0).canSign(), "keys: the first key must have its private key");
                Checks.require(keys.stream().map(SigningKey::keyId).distinct().count() == keys.size(),
                        "keys: every key needs its own kid");
                chosen = first;
            }
            Checks.require(hmacKeyId == null || hmacKeyId.matches("^[A-Za-z0-9_.-]{1,64}$"),
                    "hmacKeyId must be 1-64 characters of A-Z a-z 0-9 _ . -");
            Checks.require(Checks.between(refreshInterval, Duration.ofSeconds(1), Duration.ofHours(1)),
                    "refreshInterval must be from 1 second to 1 hour");
            Checks.require(Checks.between(rotationPeriod, Duration.ofHours(1), Duration.ofDays(365)),
                    "rotationPeriod must be from 1 hour to 365 days");
            Checks.require(publishLead.compareTo(refreshInterval) >= 0 && publishLead.compareTo(rotationPeriod) < 0,
                    "publishLead must be at least refreshInterval and less than rotationPeriod");
            return new SigningConfig(this, chosen);
        }
    }
}
