package dev.latchkey.auth;

import dev.latchkey.auth.internal.Secrets;
import dev.latchkey.auth.store.OtpCodeStore;
import dev.latchkey.auth.store.RateLimitStore;
import dev.latchkey.auth.store.StoredCode;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.UUID;

/**
 * The life of one-time codes (security bar items 8-13): generation without bias, keyed hashing, the newest code
 * voiding older ones, per-code attempts, a per-destination failure budget that survives resends, and send throttling.
 * Delivery is the {@link OtpProvider}'s job.
 */
final class OneTimeCodes {
    private static final Logger log = LoggerFactory.getLogger(AuthService.class);
    private static final Duration HOUR = Duration.ofHours(1);

    private final AuthConfig config;
    private final OtpCodeStore codes;
    private final RateLimitStore limits;
    private final OtpProvider provider;
    private final byte[] codeKey;

    OneTimeCodes(AuthConfig config, OtpCodeStore codes, RateLimitStore limits, OtpProvider provider) {
        this.config = config;
        this.codes = Objects.requireNonNull(codes, "stores.otpCodes()");
        this.limits = Objects.requireNonNull(limits, "stores.rateLimits()");
        this.provider = provider;
        this.codeKey = config.codeKey();
    }

    private Instant now() {
        return config.clock().instant();
    }

    /** Fails unless a provider that can deliver on this channel is configured; checked before any lookup. */
    void requireChannel(Contact.Kind channel) {
        if (provider == null || !provider.supports(channel)) {
            throw AuthException.deliveryFailed("unsupported_channel",
                    "no OtpProvider is configured for " + channel.name().toLowerCase(java.util.Locale.ROOT), null);
        }
    }

    /** Throttles, then generates, stores and delivers a code; a delivery failure leaves no usable code. */
    void send(OtpPurpose purpose, Contact.Kind channel, String destination, String subject) {
        requireChannel(channel);
        Instant windowStart = throttleSend(destination);
        Instant now = now();
        Duration ttl = purpose == OtpPurpose.LOGIN ? config.otpLoginCodeTtl() : config.otpCodeTtl();
        String code = generate();
        StoredCode stored = new StoredCode(UUID.randomUUID().toString(), purpose.name(), destination,
                hash(purpose, destination, code), subject, now, now.plus(ttl), 0, null);
        codes.replace(stored);
        OtpMessage message = config.otpTemplates().render(purpose, channel, destination, config.appName(), code, ttl);
        try {
            provider.deliver(message);
        } catch (RuntimeException e) {
            codes.delete(stored.id());
            limits.reset(cooldownKey(destination));
            limits.release(sendsKey(destination), windowStart);
            log.warn("code delivery failed: purpose={} to={}", purpose, Contact.mask(channel, destination));
            if (e instanceof AuthException ae && ae.code() == AuthErrorCode.DELIVERY_FAILED) {
                throw ae;
            }
            throw AuthException.deliveryFailed("rejected", "the code could not be delivered", e);
        }
        log.info("code sent: purpose={} to={}", purpose, Contact.mask(channel, destination));
    }

    /**
     * Applies the same send throttling as {@link #send} without sending: for destinations that get no code, so the
     * answer (including {@link AuthErrorCode#TOO_MANY_ATTEMPTS}) is the same as for those that do.
     */
    void throttleOnly(String destination) {
        throttleSend(destination);
    }

    /** Delivers a notice without a code; failures are logged, not thrown, since the change already happened. */
    void notice(Contact.Kind channel, String destination) {
        if (provider == null || !provider.supports(channel)) {
            return;
        }
        try {
            provider.deliver(config.otpTemplates().render(OtpPurpose.CONTACT_CHANGED_NOTICE, channel, destination,
                    config.appName(), null, null));
        } catch (RuntimeException e) {
            log.warn("notice delivery failed: to={}", Contact.mask(channel, destination));
        }
    }

    /**
     * Checks a code and consumes it, atomically; {@code subject}, when not null, must match the code's. Wrong codes
     * count against the code (at most {@link AuthConfig#otpMaxAttemptsPerCode()} checks) and against the
     * destination's hourly failure budget, which survives resends.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_CODE}, {@link AuthErrorCode#TOO_MANY_ATTEMPTS}
     */
    StoredCode consume(OtpPurpose purpose, String destination, String code, String subject) {
        Objects.requireNonNull(code, "code");
        Instant now = now();
        String budgetKey = "otp-fail:" + destination;
        Instant window = windowStart(now, HOUR);
        if (!acquireSliding(budgetKey, config.otpFailuresPerDestinationPerHour(), HOUR, now)) {
            log.info("code checks locked: purpose={} destination budget spent", purpose);
            throw AuthException.tooManyAttempts(window.plus(HOUR), "too many wrong codes; try again later");
        }
        StoredCode stored = codes.findLatest(purpose.name(), destination).orElse(null);
        boolean ok = stored != null
                && now.isBefore(stored.expiresAt())
                && (subject == null || subject.equals(stored.subject()))
                && codes.tryAttempt(stored.id(), config.otpMaxAttemptsPerCode())
                && wellFormed(code)
                && Secrets.constantTimeEquals(hash(purpose, destination, code), stored.codeHash())
                && codes.consume(stored.id(), now);
        if (!ok) {
            log.info("code rejected: purpose={}", purpose);
            throw new AuthException(AuthErrorCode.INVALID_CODE, "the code is wrong, expired or already used");
        }
        limits.release(budgetKey, window);
        return stored;
    }

    private boolean wellFormed(String code) {
        if (code.length() != config.otpCodeLength()) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /** Cooldown, then the hourly cap; returns the hourly window the send was counted in. */
    private Instant throttleSend(String destination) {
        Instant now = now();
        if (!limits.tryHold(cooldownKey(destination), now, now.plus(config.otpSendCooldown()))) {
            throw AuthException.tooManyAttempts(now.plus(config.otpSendCooldown()),
                    "a code was just sent; wait before asking for another");
        }
        if (!acquireSliding(sendsKey(destination), config.otpSendsPerDestinationPerHour(), HOUR, now)) {
            throw AuthException.tooManyAttempts(windowStart(now, HOUR).plus(HOUR),
                    "too many codes sent to this destination; try again later");
        }
        return windowStart(now, HOUR);
    }

    /**
     * A sliding-window limit from two fixed windows: the previous window's count, weighted by how much of it still
     * overlaps the last {@code window}, is taken off what the current window may count. Atomic per window.
     */
    private boolean acquireSliding(String key, int limit, Duration window, Instant now) {
        Instant current = windowStart(now, window);
        Instant previous = current.minus(window);
        double overlap = 1.0 - (double) (now.toEpochMilli() - current.toEpochMilli()) / window.toMillis();
        int carried = (int) Math.ceil(limits.count(key, previous) * overlap);
        int allowed = limit - carried;
        return allowed > 0 && limits.tryAcquire(key, current, current.plus(window.multipliedBy(2)), allowed);
    }

    private static Instant windowStart(Instant now, Duration window) {
        long ms = now.toEpochMilli();
        return Instant.ofEpochMilli(ms - Math.floorMod(ms, window.toMillis()));
    }

    private static String cooldownKey(String destination) {
        return "otp-cooldown:" + destination;
    }

    private static String sendsKey(String destination) {
        return "otp-sends:" + destination;
    }

    /** A uniformly random code of the configured number of digits: each digit from {@link Secrets#randomInt(int)}. */
    private String generate() {
        char[] digits = new char[config.otpCodeLength()];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = (char) ('0' + Secrets.randomInt(10));
        }
        return new String(digits);
    }

    /** HMAC-SHA-256 under the code key, binding the code to its purpose and destination. */
    private String hash(OtpPurpose purpose, String destination, String code) {
        return Secrets.hmacSha256(codeKey, purpose.name() + '\n' + destination + '\n' + code);
    }
}
