package dev.latchkey.auth.otp;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpMessage;
import dev.latchkey.auth.OtpProvider;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class OtpRouterTest {
    private final MockOtpProvider phones = MockOtpProvider.create();
    private final MockOtpProvider emails = MockOtpProvider.create();

    @Test
    void deliver_routesEachChannelToItsProvider() {
        OtpRouter router = OtpRouter.newBuilder().phone(phones).email(emails).build();

        router.deliver(Messages.sms("+14155550123", "111111"));
        router.deliver(Messages.email("ann@example.com", "222222"));

        assertThat(phones.all()).extracting(s -> s.message().destination()).containsExactly("+14155550123");
        assertThat(emails.all()).extracting(s -> s.message().destination()).containsExactly("ann@example.com");
    }

    @Test
    void supports_onlyConfiguredChannels() {
        OtpRouter phoneOnly = OtpRouter.newBuilder().phone(phones).build();

        assertThat(phoneOnly.supports(Contact.Kind.PHONE)).isTrue();
        assertThat(phoneOnly.supports(Contact.Kind.EMAIL)).isFalse();
    }

    @Test
    void deliver_onUnconfiguredChannel_failsWithUnsupportedChannel() {
        OtpRouter phoneOnly = OtpRouter.newBuilder().phone(phones).build();

        assertThatThrownBy(() -> phoneOnly.deliver(Messages.email("ann@example.com", "222222")))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.DELIVERY_FAILED);
                    assertThat(e.reason()).contains("unsupported_channel");
                    assertThat(e.getMessage()).doesNotContain("222222");
                });
        assertThat(phones.all()).isEmpty();
    }

    @Test
    void deliver_passesProviderFailureThrough() {
        OtpRouter router = OtpRouter.newBuilder().phone(phones).email(emails).build();
        emails.failNextDeliveries(1, "credentials_rejected");

        assertThatThrownBy(() -> router.deliver(Messages.email("ann@example.com", "222222")))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.reason()).contains("credentials_rejected"));
    }

    @Test
    void build_withoutAnyChannel_isRejected() {
        assertThatThrownBy(() -> OtpRouter.newBuilder().build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("phone or email");
    }

    @Test
    void build_withProviderThatCannotServeItsChannel_isRejected() {
        OtpProvider emailOnly = new OtpProvider() {
            @Override
            public void deliver(OtpMessage message) {
                throw new AssertionError("not expected");
            }

            @Override
            public boolean supports(Contact.Kind channel) {
                return channel == Contact.Kind.EMAIL;
            }
        };

        assertThatThrownBy(() -> OtpRouter.newBuilder().phone(emailOnly).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("phone");
    }
}
