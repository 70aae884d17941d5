package dev.latchkey.auth.testkit;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpMessage;
import dev.latchkey.auth.OtpProvider;
import dev.latchkey.auth.OtpPurpose;

/**
 * An {@link OtpProvider} for tests that delivers nothing and records every message, so that a test can read the code
 * that "was sent" and check what went where: {@code provider.lastCode("ann@example.com")}.
 *
 * <p>It supports the channels it was made with ({@link #create()}: both), and refuses a message on any other with
 * {@code DELIVERY_FAILED}/{@code unsupported_channel}, which catches a service that ignores
 * {@link #supports(Contact.Kind)}. {@link #failNextDelivery()} makes the next delivery fail like an outage, to test
 * what the caller does then; a failed message is kept apart, in {@link #failedMessages()}. It never logs, and its
 * {@link #toString()} shows counts only. Unlike {@code auth-otp}'s {@code MockOtpProvider} it keeps every message
 * (nothing is forgotten) and lists them oldest first. Thread-safe.
 */
public final class RecordingOtpProvider implements OtpProvider {
    private static final Set<String> REASONS = Set.of("invalid_destination", "credentials_rejected", "unavailable",
            "timeout", "rejected", "unsupported_channel");

    private final Set<Contact.Kind> channels;
    private final List<OtpMessage> delivered = new ArrayList<>();
    private final List<OtpMessage> failed = new ArrayList<>();
    private int failuresLeft;
    private String failureReason = "unavailable";

    private RecordingOtpProvider(Set<Contact.Kind> channels) {
        this.channels = channels;
    }

    /** A provider for both channels, email and SMS. */
    public static RecordingOtpProvider create() {
        return new RecordingOtpProvider(EnumSet.allOf(Contact.Kind.class));
    }

    /**
     * A provider for these channels only, for example {@code supporting(Contact.Kind.EMAIL)} for an application that
     * sends no SMS.
     *
     * @throws IllegalArgumentException when no channel is given
     */
    public static RecordingOtpProvider supporting(Contact.Kind first, Contact.Kind... more) {
        Objects.requireNonNull(first, "first");
        EnumSet<Contact.Kind> channels = EnumSet.of(first);
        for (Contact.Kind kind : Objects.requireNonNull(more, "more")) {
            channels.add(Objects.requireNonNull(kind, "channel"));
        }
        return new RecordingOtpProvider(channels);
    }

    /**
     * Records the message, or throws {@link AuthErrorCode#DELIVERY_FAILED}: with the reason set by
     * {@link #failNextDeliveries(int, String)} while failures remain, or with {@code unsupported_channel} for a
     * channel this provider was not made with.
     */
    @Override
    public void deliver(OtpMessage message) {
        Objects.requireNonNull(message, "message");
        synchronized (this) {
            if (!channels.contains(message.channel())) {
                failed.add(message);
                throw AuthException.deliveryFailed("unsupported_channel",
                        "RecordingOtpProvider does not deliver on " + message.channel(), null);
            }
            if (failuresLeft > 0) {
                failuresLeft--;
                failed.add(message);
                throw AuthException.deliveryFailed(failureReason,
                        "RecordingOtpProvider was told to fail this delivery", null);
            }
            delivered.add(message);
        }
    }

    /** Whether this provider was made with {@code channel}. */
    @Override
    public boolean supports(Contact.Kind channel) {
        return channels.contains(Objects.requireNonNull(channel, "channel"));
    }

    /** Every delivered message, oldest first; an unmodifiable snapshot. */
    public synchronized List<OtpMessage> messages() {
        return List.copyOf(delivered);
    }

    /** The messages delivered to {@code destination} (a normalised email or E.164 phone), oldest first. */
    public synchronized List<OtpMessage> messages(String destination) {
        Objects.requireNonNull(destination, "destination");
        return delivered.stream().filter(m -> m.destination().equals(destination)).toList();
    }

    /** The messages whose delivery failed (told to fail, or on an unsupported channel), oldest first. */
    public synchronized List<OtpMessage> failedMessages() {
        return List.copyOf(failed);
    }

    /** The newest message delivered to {@code destination}, if any. */
    public synchronized Optional<OtpMessage> lastMessage(String destination) {
        List<OtpMessage> to = messages(destination);
        return to.isEmpty() ? Optional.empty() : Optional.of(to.get(to.size() - 1));
    }

    /**
     * The code of the newest message to {@code destination} that carries one (notices carry none).
     *
     * @throws AssertionError when no code was delivered there, naming the destination only masked
     */
    public String lastCode(String destination) {
        return lastCodeMatching(destination, null);
    }

    /**
     * The code of the newest message to {@code destination} for {@code purpose}.
     *
     * @throws AssertionError when no such code was delivered
     */
    public String lastCode(String destination, OtpPurpose purpose) {
        return lastCodeMatching(destination, Objects.requireNonNull(purpose, "purpose"));
    }

    /** Makes the next delivery fail with reason {@code unavailable}, as a provider outage would. */
    public void failNextDelivery() {
        failNextDeliveries(1, "unavailable");
    }

    /**
     * Makes the next {@code count} deliveries fail with {@code reason} (one of {@code invalid_destination},
     * {@code credentials_rejected}, {@code unavailable}, {@code timeout}, {@code rejected},
     * {@code unsupported_channel}), replacing any count set before; 0 cancels.
     */
    public synchronized void failNextDeliveries(int count, String reason) {
        Objects.requireNonNull(reason, "reason");
        if (count < 0) {
            throw new IllegalArgumentException("count must not be negative");
        }
        if (!REASONS.contains(reason)) {
            throw new IllegalArgumentException("reason must be one of " + REASONS);
        }
        failuresLeft = count;
        failureReason = reason;
    }

    /** Forgets every message and cancels pending failures. */
    public synchronized void clear() {
        delivered.clear();
        failed.clear();
        failuresLeft = 0;
    }

    /** The channels and how many messages were delivered and failed; never a destination or a code. */
    @Override
    public synchronized String toString() {
        return "RecordingOtpProvider[channels=" + channels + ", delivered=" + delivered.size() + ", failed="
                + failed.size() + "]";
    }

    private synchronized String lastCodeMatching(String destination, OtpPurpose purpose) {
        Objects.requireNonNull(destination, "destination");
        for (int i = delivered.size() - 1; i >= 0; i--) {
            OtpMessage message = delivered.get(i);
            if (message.destination().equals(destination) && message.code().isPresent()
                    && (purpose == null || message.purpose() == purpose)) {
                return message.code().get();
            }
        }
        String masked = destination.contains("@") ? Contact.mask(Contact.Kind.EMAIL, destination)
                : Contact.mask(Contact.Kind.PHONE, destination);
        throw new AssertionError("no code" + (purpose == null ? "" : " for " + purpose) + " was delivered to "
                + masked);
    }
}
