package dev.latchkey.auth.otp;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpMessage;
import dev.latchkey.auth.OtpProvider;

import java.util.Objects;

/**
 * An {@link OtpProvider} that hands each message to the provider configured for its channel: phone messages to one,
 * email messages to another.
 *
 * <pre>{@code
 * OtpProvider otp = OtpRouter.newBuilder().phone(sms).email(email).build();
 * }</pre>
 *
 * <p>A channel without a provider is unsupported: {@link #supports} says false and {@link #deliver} fails with reason
 * {@code unsupported_channel}. Failures of the chosen provider pass through unchanged. Thread-safe if the providers
 * are.
 */
public final class OtpRouter implements OtpProvider {
    private final OtpProvider phone;
    private final OtpProvider email;

    private OtpRouter(Builder b) {
        this.phone = b.phone;
        this.email = b.email;
    }

    /** A builder; configure at least one channel. */
    public static Builder newBuilder() {
        return new Builder();
    }

    /**
     * Delivers through the provider for the message's channel.
     *
     * @throws AuthException {@link dev.latchkey.auth.AuthErrorCode#DELIVERY_FAILED}: reason
     *                       {@code unsupported_channel} when the channel has no provider, otherwise whatever the
     *                       provider threw
     */
    @Override
    public void deliver(OtpMessage message) {
        Objects.requireNonNull(message, "message");
        OtpProvider target = providerFor(message.channel());
        if (target == null) {
            throw AuthException.deliveryFailed("unsupported_channel",
                    "no OTP provider is configured for " + message.channel(), null);
        }
        target.deliver(message);
    }

    /** True for each channel that has a provider. */
    @Override
    public boolean supports(Contact.Kind channel) {
        return providerFor(Objects.requireNonNull(channel, "channel")) != null;
    }

    /** The provider for each channel. */
    @Override
    public String toString() {
        return "OtpRouter[phone=" + phone + ", email=" + email + "]";
    }

    private OtpProvider providerFor(Contact.Kind channel) {
        return switch (channel) {
            case PHONE -> phone;
            case EMAIL -> email;
        };
    }

    /** Builds an {@link OtpRouter}. */
    public static final class Builder {
        private OtpProvider phone;
        private OtpProvider email;

        private Builder() {
        }

        /** The provider for {@link Contact.Kind#PHONE} messages; it must support that channel. Default: none. */
        public Builder phone(OtpProvider phone) {
            this.phone = Objects.requireNonNull(phone, "phone");
            return this;
        }

        /** The provider for {@link Contact.Kind#EMAIL} messages; it must support that channel. Default: none. */
        public Builder email(OtpProvider email) {
            this.email = Objects.requireNonNull(email, "email");
            return this;
        }

        /**
         * The router; throws {@link IllegalArgumentException} when no channel is configured or a provider does not
         * support the channel it was given.
         */
        public OtpRouter build() {
            if (phone == null && email == null) {
                throw new IllegalArgumentException("phone or email: configure at least one channel");
            }
            if (phone != null && !phone.supports(Contact.Kind.PHONE)) {
                throw new IllegalArgumentException("phone: " + phone + " does not support PHONE");
            }
            if (email != null && !email.supports(Contact.Kind.EMAIL)) {
                throw new IllegalArgumentException("email: " + email + " does not support EMAIL");
            }
            return new OtpRouter(this);
        }
    }
}
