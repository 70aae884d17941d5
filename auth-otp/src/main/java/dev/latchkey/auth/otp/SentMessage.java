package dev.latchkey.auth.otp;

import dev.latchkey.auth.OtpMessage;

import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * A message that {@link MockOtpProvider} accepted, with the time it did so.
 *
 * <p>{@link #toString()} leaves the code and the texts out, like {@link OtpMessage#toString()}.
 */
public final class SentMessage {
    private final OtpMessage message;
    private final Instant sentAt;

    SentMessage(OtpMessage message, Instant sentAt) {
        this.message = Objects.requireNonNull(message, "message");
        this.sentAt = Objects.requireNonNull(sentAt, "sentAt");
    }

    /** The message as the service handed it over, code and texts included. */
    public OtpMessage message() {
        return message;
    }

    /** When the mock accepted it, read from the mock's clock. */
    public Instant sentAt() {
        return sentAt;
    }

    /** The one-time code, absent for a notice; a shortcut for {@code message().code()}. */
    public Optional<String> code() {
        return message.code();
    }

    /** The message's safe summary (channel, masked destination, purpose) and the time. */
    @Override
    public String toString() {
        return "SentMessage[" + message + ", sentAt=" + sentAt + "]";
    }
}
