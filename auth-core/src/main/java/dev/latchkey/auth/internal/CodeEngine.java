package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpMessage;
import dev.latchkey.auth.OtpProvider;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.store.OtpCodeStore;
import dev.latchkey.auth.store.RateLimitStore;
import dev.latchkey.auth.store.StoredCode;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.UUID;

/**
 * The life of one-time codes (security bar items 8-13): generation without bias, keyed hashing, the newest code
 * voiding older ones, per-code attempts, per-destination and per-address budgets of wrong codes, and send throttling.
 * Delivery is the {@link OtpProvider}'s job.
 *
 * <p>Every limit is an exact sliding hour ({@link SlidingWindows}). A wrong code counts against its client address
 * always, and against its destination only while a live (unexpired, unconsumed) code of that purpose is there to be
 * guessed, so nobody burns a destination's budget without a code to guess; each code delivered starts the
 * destination's count anew, so a code sent to the owner stays usable. Guessing is bounded by the codes a destination
 * can receive in an hour times {@link CodeConfig#maxAttemptsPerCode()}.
 */
public final class CodeEngine {
    private static final Duration HOUR = Duration.ofHours(1);

    private final CodeConfig config;
    private final Clock clock;
    private final String appName;
    private final OtpCodeStore codes;
    private final RateLimitStore limits;
    private final SlidingWindows windows;
    private final OtpProvider provider;
    private final Events events;
    private final Keyring keys;

    /** The engine over these stores, delivering through {@code provider} (null: none). */
    public CodeEngine(CodeConfig config, Clock clock, String appName, Keyring keys, OtpCodeStore codes,
                      SlidingWindows windows, OtpProvider provider, Events events) {
        this.config = config;
        this.clock = clock;
        this.appName = appName;
        this.codes = Objects.requireNonNull(codes, "stores.otpCodes()");
        this.windows = windows;
        this.limits = windows.store();
        this.provider = provider;
        this.events = events;
        this.keys = keys;
    }

    private Instant now() {
        return clock.instant();
    }

    /** Whether a provider that can deliver on this channel is configured. */
    public boolean supports(Contact.Kind channel) {
        return provider != null && provider.supports(channel);
    }

    /** Fails unless a provider that can deliver on this channel is configured; checked before any lookup. */
    public void requireChannel(Contact.Kind channel) {
        if (provider == null || !provider.supports(channel)) {
            throw AuthException.deliveryFailed("unsupported_channel",
                    "no OtpProvider is configured for " + channel.name().toLowerCase(Locale.ROOT), null);
        }
    }

    /**
     * Throttles, then generates, stores and delivers a code to a destination the caller owns (their own contact, or
     * the new one they asked for): a delivery failure is thrown, leaves no usable code and gives the permits back.
     *
     * @param subject the account the code acts on (kept with the code), or null
     */
    public void send(OtpPurpose purpose, Contact.Kind channel, String destination, String subject, ClientInfo client) {
        sendBound(purpose, channel, destination, subject, null, client);
    }

    /**
     * As {@link #send}, for a code that works only with the same {@code binding} (one login's second step): its hash
     * covers the binding, so {@link #consumeBound} with any other finds it wrong.
     */
    public void sendBound(OtpPurpose purpose, Contact.Kind channel, String destination, String subject, String binding,
                          ClientInfo client) {
        requireChannel(channel);
        Instant now = now();
        throttleSend(channel, destination, client, now);
        deliver(purpose, channel, destination, subject, binding, client, now, true);
    }

    /**
     * As {@link #send}, first under the account's hourly cap of contact-change codes
     * ({@link CodeConfig#changeSendsPerAccountPerHour()}), so one account cannot send codes to number after number.
     */
    public void sendChangeCode(OtpPurpose purpose, Contact.Kind channel, String destination, String userId,
                               ClientInfo client) {
        requireChannel(channel);
        Instant now = now();
        String accountKey = "otp-change-acct:" + userId;
        Optional<Instant> refused = windows.acquire(accountKey, config.changeSendsPerAccountPerHour(), HOUR, now);
        if (refused.isPresent()) {
            events.emit(AuthEventType.CODE_LOCKED, userId, channel, destination, client, null, "account change cap");
            throw AuthException.tooManyAttempts(refused.get(),
                    "too many contact-change codes for this account; try again later");
        }
        try {
            throttleSend(channel, destination, client, now);
            deliver(purpose, channel, destination, userId, null, client, now, true);
        } catch (AuthException e) {
            windows.release(accountKey, HOUR, now);
            throw e;
        }
    }

    /**
     * Throttles, then sends a code for a flow whose answer must not depend on whether the destination has an account
     * (login code, password reset): a delivery failure is audited ({@link AuthEventType#CODE_DELIVERY_FAILED}) and
     * not thrown, and keeps the permits, exactly as a destination that gets no code keeps those of
     * {@link #throttleOnly}.
     */
    public void sendAlike(OtpPurpose purpose, Contact.Kind channel, String destination, String subject,
                          ClientInfo client) {
        requireChannel(channel);
        Instant now = now();
        throttleSend(channel, destination, client, now);
        deliver(purpose, channel, destination, subject, null, client, now, false);
    }

    /**
     * Generates, stores and delivers a code whose send permits {@link #throttleOnly} took at {@code reservedAt}: for
     * flows that must hear every limit say yes before they write anything, and whose answer must not depend on
     * whether the destination has an account (registration). As in {@link #sendAlike}, a delivery failure is audited,
     * not thrown, and keeps the permits; it leaves no usable code.
     *
     * @return whether the code was delivered
     */
    public boolean sendReserved(OtpPurpose purpose, Contact.Kind channel, String destination, String subject,
                                ClientInfo client, Instant reservedAt) {
        return deliver(purpose, channel, destination, subject, null, client, reservedAt, false);
    }

    private boolean deliver(OtpPurpose purpose, Contact.Kind channel, String destination, String subject,
                            String binding, ClientInfo client, Instant now, boolean report) {
        Duration ttl = purpose == OtpPurpose.LOGIN ? config.loginTtl() : config.ttl();
        String code = generate();
        StoredCode stored = new StoredCode(UUID.randomUUID().toString(), purpose.name(), destination,
                KeyTag.tag(keys.currentId(), hash(keys.current(), purpose, destination, binding, code)), subject,
                now, now.plus(ttl), 0, null);
        codes.replace(stored);
        OtpMessage message = config.templates().render(purpose, channel, destination, appName, code, ttl);
        try {
            provider.deliver(message);
        } catch (RuntimeException e) {
            codes.delete(stored.id());
            AuthException failure = e instanceof AuthException ae && ae.code() == AuthErrorCode.DELIVERY_FAILED
                    ? ae : AuthException.deliveryFailed("rejected", "the code could not be delivered", e);
            events.emit(AuthEventType.CODE_DELIVERY_FAILED, subject, channel, destination, client, null,
                    purpose.name() + " " + failure.reason().orElse("rejected"));
            if (!report) {
                return false;
            }
            limits.reset(cooldownKey(destination));
            windows.release(sendsKey(destination), HOUR, now);
            client.address().ifPresent(a -> windows.release(addressSendsKey(a), HOUR, now));
            throw failure;
        }
        // A code reached the destination: the wrong codes counted so far were guesses at older ones.
        limits.reset(failKey(destination));
        events.emit(AuthEventType.CODE_SENT, subject, channel, destination, client, null, purpose.name());
        return true;
    }

    /**
     * Applies the same send throttling as {@link #send} without sending: for destinations that get no code, so the
     * answer (including {@link AuthErrorCode#TOO_MANY_ATTEMPTS}) is the same as for those that do.
     */
    public Instant throttleOnly(Contact.Kind channel, String destination, ClientInfo client) {
        Instant now = now();
        throttleSend(channel, destination, client, now);
        return now;
    }

    /**
     * Delivers a notice without a code; failures are recorded as events, not thrown, since the answer must not depend
     * on them (the change already happened, or the notice stands in for a code to keep answers alike).
     */
    public void notice(OtpPurpose purpose, Contact.Kind channel, String destination) {
        if (provider == null || !provider.supports(channel)) {
            return;
        }
        try {
            provider.deliver(config.templates().render(purpose, channel, destination, appName, null, null));
        } catch (RuntimeException e) {
            events.emit(AuthEventType.CODE_DELIVERY_FAILED, null, channel, destination, null, null, purpose.name());
        }
    }

    /**
     * Checks a code and consumes it, atomically; {@code subject}, when not null, must match the code's. A wrong code
     * counts against the client address ({@link CodeConfig#failuresPerAddressPerHour()}), against the code (at most
     * {@link CodeConfig#maxAttemptsPerCode()} checks) and, while a live code of this purpose is there, against the
     * destination ({@link CodeConfig#failuresPerDestinationPerHour()}). A spent destination budget answers like a
     * wrong code, since only destinations with a live code (so, often, an account) can spend it.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_CODE}, {@link AuthErrorCode#TOO_MANY_ATTEMPTS}
     */
    public StoredCode consume(OtpPurpose purpose, Contact.Kind channel, String destination, String code, String subject,
                              ClientInfo client) {
        return consume(purpose, channel, destination, code, subject, null, client, right -> { });
    }

    /** As {@link #consume}, for a code sent by {@link #sendBound} with the same {@code binding}. */
    public StoredCode consumeBound(OtpPurpose purpose, Contact.Kind channel, String destination, String code,
                                   String subject, String binding, ClientInfo client) {
        return consume(purpose, channel, destination, code, subject, binding, client, right -> { });
    }

    /**
     * As {@link #consume(OtpPurpose, Contact.Kind, String, String, String, ClientInfo)}, calling {@code beforeUse}
     * once the code is known to be right and before it is used up: what it throws (a new password the policy refuses)
     * leaves the code usable.
     */
    public StoredCode consume(OtpPurpose purpose, Contact.Kind channel, String destination, String code, String subject,
                              ClientInfo client, java.util.function.Consumer<StoredCode> beforeUse) {
        return consume(purpose, channel, destination, code, subject, null, client, beforeUse);
    }

    private StoredCode consume(OtpPurpose purpose, Contact.Kind channel, String destination, String code,
                               String subject, String binding, ClientInfo client,
                               java.util.function.Consumer<StoredCode> beforeUse) {
        Objects.requireNonNull(code, "code");
        Instant now = now();
        String addressKey = client.address().map(a -> "otp-fail-addr:" + a).orElse(null);
        String budgetKey = failKey(destination);
        SlidingWindows.Limit budget = new SlidingWindows.Limit(budgetKey, config.failuresPerDestinationPerHour(), HOUR);
        List<SlidingWindows.Limit> wanted = addressKey == null ? List.of(budget)
                : List.of(new SlidingWindows.Limit(addressKey, config.failuresPerAddressPerHour(), HOUR), budget);
        // Both counted at once, before the code is read; a destination with no live code gives its slot back below.
        Map<String, Instant> refused = windows.acquireEach(wanted, now);
        if (addressKey != null && refused.containsKey(addressKey)) {
            windows.release(wanted, now, refused.keySet());
            events.emit(AuthEventType.CODE_LOCKED, subject, channel, destination, client, null,
                    purpose.name() + " address failure cap");
            throw AuthException.tooManyAttempts(refused.get(addressKey), "too many wrong codes from this address; "
                    + "try again later");
        }
        // The check is counted on the code as it is read (none when the destination's budget is spent).
        Optional<OtpCodeStore.Attempt> found = codes.findLatestAndAttempt(purpose.name(), destination, subject, now,
                refused.containsKey(budgetKey) ? 0 : config.maxAttemptsPerCode());
        StoredCode stored = found.map(OtpCodeStore.Attempt::code).filter(c -> now.isBefore(c.expiresAt()))
                .orElse(null);
        if (stored == null && !refused.containsKey(budgetKey)) {
            windows.release(budgetKey, HOUR, now);
        } else if (stored != null && refused.containsKey(budgetKey)) {
            events.emit(AuthEventType.CODE_LOCKED, subject, channel, destination, client, null, purpose.name());
            throw invalidCode();
        }
        // What a right code gives back: the destination's slot, and the address's.
        List<String> spent = addressKey == null ? List.of(budgetKey) : List.of(budgetKey, addressKey);
        boolean right = stored != null
                && (subject == null || subject.equals(stored.subject()))
                && found.get().attempted()
                && wellFormed(code)
                && matches(stored.codeHash(), purpose, destination, binding, code);
        if (right) {
            try {
                beforeUse.accept(stored);
            } catch (RuntimeException e) {
                windows.releaseAll(spent, HOUR, now);
                throw e;
            }
        }
        boolean ok = right && codes.consume(stored.id(), now);
        if (!ok) {
            events.emit(AuthEventType.CODE_REJECTED, subject, channel, destination, client, null, purpose.name());
            throw invalidCode();
        }
        windows.releaseAll(spent, HOUR, now);
        return stored;
    }

    private static AuthException invalidCode() {
        return new AuthException(AuthErrorCode.INVALID_CODE, "the code is wrong, expired or already used");
    }

    private boolean wellFormed(String code) {
        if (code.length() != config.length()) {
            return false;
        }
        for (int i = 0; i < code.length(); i++) {
            if (code.charAt(i) < '0' || code.charAt(i) > '9') {
                return false;
            }
        }
        return true;
    }

    /**
     * Cooldown, then the destination's hourly cap, then the client address's hourly cap; a refusal takes back what
     * the limits before it took, so a refused request leaves nothing behind.
     */
    private void throttleSend(Contact.Kind channel, String destination, ClientInfo client, Instant now) {
        String address = client.address().orElse(null);
        SlidingWindows.Limit sends = new SlidingWindows.Limit(sendsKey(destination),
                config.sendsPerDestinationPerHour(), HOUR);
        List<SlidingWindows.Limit> wanted = address == null ? List.of(sends)
                : List.of(sends, new SlidingWindows.Limit(addressSendsKey(address), config.sendsPerAddressPerHour(),
                HOUR));
        Instant cooldownEnd = now.plus(config.sendCooldown());
        Map<String, Instant> refused = windows.holdThenAcquireEach(cooldownKey(destination), cooldownEnd, wanted, now)
                .orElseThrow(() -> AuthException.tooManyAttempts(cooldownEnd,
                        "a code was just sent; wait before asking for another"));
        if (refused.isEmpty()) {
            return;
        }
        windows.release(wanted, now, refused.keySet());
        limits.reset(cooldownKey(destination));
        if (refused.containsKey(sends.key())) {
            events.emit(AuthEventType.CODE_LOCKED, null, channel, destination, client, null, "destination send cap");
            throw AuthException.tooManyAttempts(refused.get(sends.key()),
                    "too many codes sent to this destination; try again later");
        }
        events.emit(AuthEventType.CODE_LOCKED, null, channel, destination, client, null, "address send cap");
        throw AuthException.tooManyAttempts(refused.get(addressSendsKey(address)),
                "too many codes requested from this address; try again later");
    }

    private static String failKey(String destination) {
        return "otp-fail:" + destination;
    }

    private static String addressSendsKey(String address) {
        return "otp-sends-addr:" + address;
    }

    private static String cooldownKey(String destination) {
        return "otp-cooldown:" + destination;
    }

    private static String sendsKey(String destination) {
        return "otp-sends:" + destination;
    }

    /** A uniformly random code of the configured number of digits: each digit from {@link Secrets#randomInt(int)}. */
    private String generate() {
        char[] digits = new char[config.length()];
        for (int i = 0; i < digits.length; i++) {
            digits[i] = (char) ('0' + Secrets.randomInt(10));
        }
        return new String(digits);
    }

    /**
     * Whether {@code code} is the one whose hash is stored, under the master key the hash is tagged with (one HMAC): a
     * code sent before a master-key rotation still works for its lifetime.
     */
    private boolean matches(String stored, OtpPurpose purpose, String destination, String binding, String code) {
        return keys.keysOf(stored).map(k -> Secrets.constantTimeEquals(
                hash(k, purpose, destination, binding, code), KeyTag.valueOf(stored))).orElse(false);
    }

    /** HMAC-SHA-256 under the code key, binding the code to its purpose, destination and binding (if any). */
    private static String hash(Secrets.Keys key, OtpPurpose purpose, String destination, String binding,
                               String code) {
        String bound = binding == null ? "" : binding + '\n';
        return Secrets.hmacSha256(key.codeKey(), purpose.name() + '\n' + destination + '\n' + bound + code);
    }
}
