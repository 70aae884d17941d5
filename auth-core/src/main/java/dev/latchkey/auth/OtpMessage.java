package dev.latchkey.auth;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A rendered message for an {@link OtpProvider} to deliver: the destination, the purpose, and the text built from the
 * host's templates.
 *
 * <p>{@link #toString()} leaves the code and the texts out, so a message can be logged safely.
 */
public final class OtpMessage {
    private final Contact.Kind channel;
    private final String destination;
    private final OtpPurpose purpose;
    private final String code;
    private final Duration validFor;
    private final String subject;
    private final String text;
    private final String html;

    private OtpMessage(Builder b) {
        this.channel = Objects.requireNonNull(b.channel, "channel");
        this.destination = Objects.requireNonNull(b.destination, "destination");
        this.purpose = Objects.requireNonNull(b.purpose, "purpose");
        this.code = b.code;
        this.validFor = b.validFor;
        this.subject = b.subject;
        this.text = Objects.requireNonNull(b.text, "text");
        this.html = b.html;
        if (purpose.carriesCode() && code == null) {
            throw new IllegalArgumentException("a message for " + purpose + " needs a code");
        }
    }

    /** A builder for a message. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /** {@link Contact.Kind#EMAIL} for email, {@link Contact.Kind#PHONE} for SMS. */
    public Contact.Kind channel() {
        return channel;
    }

    /** The normalised email address or E.164 phone number. */
    public String destination() {
        return destination;
    }

    /** What the message is for. */
    public OtpPurpose purpose() {
        return purpose;
    }

    /** The one-time code, absent for a notice. */
    public Optional<String> code() {
        return Optional.ofNullable(code);
    }

    /** How long the code works, absent for a notice. */
    public Optional<Duration> validFor() {
        return Optional.ofNullable(validFor);
    }

    /** The email subject; absent for SMS. */
    public Optional<String> subject() {
        return Optional.ofNullable(subject);
    }

    /** The plain-text body (the whole SMS for phones). */
    public String text() {
        return text;
    }

    /** The HTML body for email; absent for SMS. */
    public Optional<String> html() {
        return Optional.ofNullable(html);
    }

    /** Channel, masked destination and purpose only. */
    @Override
    public String toString() {
        return "OtpMessage[channel=" + channel + ", to=" + Contact.mask(channel, destination) + ", purpose=" + purpose
                + "]";
    }

    /** Builds an {@link OtpMessage}. */
    public static final class Builder {
        private Contact.Kind channel;
        private String destination;
        private OtpPurpose purpose;
        private String code;
        private Duration validFor;
        private String subject;
        private String text;
        private String html;

        private Builder() {
        }

        /** Where the message goes: the channel and the normalised destination. */
        public Builder to(Contact.Kind channel, String destination) {
            this.channel = channel;
            this.destination = destination;
            return this;
        }

        /** What the message is for. */
        public Builder purpose(OtpPurpose purpose) {
            this.purpose = purpose;
            return this;
        }

        /** The code and how long it works. */
        public Builder code(String code, Duration validFor) {
            this.code = code;
            this.validFor = validFor;
            return this;
        }

        /** The email subject. */
        public Builder subject(String subject) {
            this.subject = subject;
            return this;
        }

        /** The plain-text body. */
        public Builder text(String text) {
            this.text = text;
            return this;
        }

        /** The HTML body. */
        public Builder html(String html) {
            this.html = html;
            return this;
        }

        /** The message; fails when the destination, purpose or text is missing, or a code message has no code. */
        public OtpMessage build() {
            return new OtpMessage(this);
        }
    }
}
