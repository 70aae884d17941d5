package dev.latchkey.auth.otp;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpMessage;
import dev.latchkey.auth.OtpProvider;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.time.Clock;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * An {@link OtpProvider} that delivers nothing: it keeps each message in an in-memory outbox that tests and local
 * development read back, for example to type the code that "was sent".
 *
 * <p>The outbox keeps the newest {@link Builder#capacity(int) 1,000} messages and forgets older ones. Both channels are
 * supported. {@link #failNextDeliveries(int)} makes the next deliveries fail, to test how the caller handles a
 * provider outage. Thread-safe.
 *
 * <p>It never logs a code unless built with {@link Builder#insecureLogCodes()}; by default it logs only the safe
 * summary of each message at DEBUG. Do not use it in production: nobody receives anything.
 */
public final class MockOtpProvider implements OtpProvider {
    private static final Logger log = LoggerFactory.getLogger(MockOtpProvider.class);
    private static final Set<String> REASONS = Set.of("invalid_destination", "credentials_rejected", "unavailable",
            "timeout", "rejected", "unsupported_channel");

    private final Clock clock;
    private final int capacity;
    private final boolean logCodes;
    private final Object lock = new Object();
    private final Deque<SentMessage> outbox = new ArrayDeque<>();
    private int failuresLeft;
    private String failureReason = "unavailable";

    private MockOtpProvider(Builder b) {
        this.clock = b.clock;
        this.capacity = b.capacity;
        this.logCodes = b.logCodes;
        if (logCodes) {
            log.warn("MockOtpProvider built with insecureLogCodes(): every one-time code will be written to this log."
                    + " Never use this outside local development.");
        }
    }

    /** A mock with the defaults: the system UTC clock, the newest 1,000 messages kept, codes never logged. */
    public static MockOtpProvider create() {
        return newBuilder().build();
    }

    /** A builder for a mock with a different clock, capacity or (insecurely) code logging. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Adds the message to the outbox, or throws if {@link #failNextDeliveries(int)} asked for a failure (a failed
     * message is not kept).
     *
     * @throws AuthException {@link dev.latchkey.auth.AuthErrorCode#DELIVERY_FAILED} while failures remain
     */
    @Override
    public void deliver(OtpMessage message) {
        Objects.requireNonNull(message, "message");
        synchronized (lock) {
            if (failuresLeft > 0) {
                failuresLeft--;
                throw AuthException.deliveryFailed(failureReason,
                        "mock delivery failure (failNextDeliveries) for " + message, null);
            }
            outbox.addFirst(new SentMessage(message, clock.instant()));
            while (outbox.size() > capacity) {
                outbox.removeLast();
            }
        }
        if (logCodes) {
            log.warn("INSECURE mock delivery of {}: code {}", message, message.code().orElse("(none)"));
        } else {
            log.debug("mock delivery of {}", message);
        }
    }

    /** True for both channels. */
    @Override
    public boolean supports(Contact.Kind channel) {
        Objects.requireNonNull(channel, "channel");
        return true;
    }

    /** The newest message to the destination (the normalised address or E.164 number), if any. */
    public Optional<SentMessage> latest(String destination) {
        Objects.requireNonNull(destination, "destination");
        synchronized (lock) {
            for (SentMessage sent : outbox) {
                if (sent.message().destination().equals(destination)) {
                    return Optional.of(sent);
                }
            }
        }
        return Optional.empty();
    }

    /** The code of the newest message to the destination, if there is one and it carries a code. */
    public Optional<String> latestCode(String destination) {
        return latest(destination).flatMap(SentMessage::code);
    }

    /** Every kept message to the destination, newest first; an unmodifiable snapshot. */
    public List<SentMessage> messages(String destination) {
        Objects.requireNonNull(destination, "destination");
        synchronized (lock) {
            return outbox.stream().filter(s -> s.message().destination().equals(destination)).toList();
        }
    }

    /** Every kept message, newest first; an unmodifiable snapshot. */
    public List<SentMessage> all() {
        synchronized (lock) {
            return List.copyOf(outbox);
        }
    }

    /** Empties the outbox and cancels any pending {@link #failNextDeliveries(int) failures}. */
    public void clear() {
        synchronized (lock) {
            outbox.clear();
            failuresLeft = 0;
        }
    }

    /**
     * Makes the next {@code count} deliveries fail with reason {@code unavailable}, replacing any count set before;
     * 0 cancels.
     */
    public void failNextDeliveries(int count) {
        failNextDeliveries(count, "unavailable");
    }

    /**
     * Makes the next {@code count} deliveries fail with the given reason, one of {@code invalid_destination},
     * {@code credentials_rejected}, {@code unavailable}, {@code timeout}, {@code rejected} or
     * {@code unsupported_channel}; replaces any count set before, and 0 cancels.
     */
    public void failNextDeliveries(int count, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        if (!REASONS.contains(reason)) {
            throw new IllegalArgumentException("reason must be one of " + REASONS);
        }
        synchronized (lock) {
            failuresLeft = count;
            failureReason = reason;
        }
    }

    /** The capacity and whether codes are logged. */
    @Override
    public String toString() {
        return "MockOtpProvider[capacity=" + capacity + (logCodes ? ", insecureLogCodes" : "") + "]";
    }

    /** Builds a {@link MockOtpProvider}. */
    public static final class Builder {
        private Clock clock = Clock.systemUTC();
        private int capacity = 1_000;
        private boolean logCodes;

        private Builder() {
        }

        /** The clock that stamps {@link SentMessage#sentAt()}; default the system clock in UTC. */
        public Builder clock(Clock clock) {
            this.clock = Objects.requireNonNull(clock, "clock");
            return this;
        }

        /** How many messages the outbox keeps before forgetting the oldest (1 to 100,000); default 1,000. */
        public Builder capacity(int capacity) {
            this.capacity = capacity;
            return this;
        }

        /**
         * Logs every code at WARN, one line per message, so a developer can read codes from the console; off by
         * default. Insecure: anyone who can read the log can log in as anyone. The mock also warns once when it is
         * built this way.
         */
        public Builder insecureLogCodes() {
            this.logCodes = true;
            return this;
        }

        /** The mock; throws {@link IllegalArgumentException} naming a bad setting. */
        public MockOtpProvider build() {
            if (capacity < 1 || capacity > 100_000) {
                throw new IllegalArgumentException("capacity must be between 1 and 100000");
            }
            return new MockOtpProvider(this);
        }
    }
}
