package dev.latchkey.auth.testkit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpMessage;
import dev.latchkey.auth.OtpPurpose;
import org.junit.jupiter.api.Test;

class RecordingOtpProviderTest {
    private static final String ANN = "ann@example.com";
    private static final String PHONE = "+14155550123";

    private static OtpMessage email(String to, OtpPurpose purpose, String code) {
        return OtpMessage.newBuilder().to(Contact.Kind.EMAIL, to).purpose(purpose)
                .code(code, Duration.ofMinutes(5)).subject("Your code").text("Your code is " + code).build();
    }

    private static OtpMessage sms(String to, String code) {
        return OtpMessage.newBuilder().to(Contact.Kind.PHONE, to).purpose(OtpPurpose.LOGIN)
                .code(code, Duration.ofMinutes(5)).text("Code " + code).build();
    }

    private static OtpMessage notice(String to) {
        return OtpMessage.newBuilder().to(Contact.Kind.EMAIL, to).purpose(OtpPurpose.CONTACT_CHANGED_NOTICE)
                .text("Your email changed").build();
    }

    @Test
    void deliver_recordsEveryMessageOldestFirst() {
        RecordingOtpProvider provider = RecordingOtpProvider.create();
        OtpMessage first = email(ANN, OtpPurpose.LOGIN, "111111");
        OtpMessage second = sms(PHONE, "222222");

        provider.deliver(first);
        provider.deliver(second);

        assertThat(provider.messages()).containsExactly(first, second);
        assertThat(provider.messages(PHONE)).containsExactly(second);
        assertThat(provider.lastMessage(ANN)).contains(first);
    }

    @Test
    void lastCode_isTheNewestCodeToTheDestination() {
        RecordingOtpProvider provider = RecordingOtpProvider.create();
        provider.deliver(email(ANN, OtpPurpose.LOGIN, "111111"));
        provider.deliver(email("bob@example.com", OtpPurpose.LOGIN, "222222"));
        provider.deliver(email(ANN, OtpPurpose.LOGIN, "333333"));

        assertThat(provider.lastCode(ANN)).isEqualTo("333333");
    }

    @Test
    void lastCode_skipsNoticesThatCarryNoCode() {
        RecordingOtpProvider provider = RecordingOtpProvider.create();
        provider.deliver(email(ANN, OtpPurpose.VERIFY_EMAIL, "111111"));
        provider.deliver(notice(ANN));

        assertThat(provider.lastCode(ANN)).isEqualTo("111111");
        assertThat(provider.lastMessage(ANN)).hasValueSatisfying(
                m -> assertThat(m.purpose()).isEqualTo(OtpPurpose.CONTACT_CHANGED_NOTICE));
    }

    @Test
    void lastCode_forAPurpose_leavesOutCodesForOthers() {
        RecordingOtpProvider provider = RecordingOtpProvider.create();
        provider.deliver(email(ANN, OtpPurpose.RESET_PASSWORD, "111111"));
        provider.deliver(email(ANN, OtpPurpose.LOGIN, "222222"));

        assertThat(provider.lastCode(ANN, OtpPurpose.RESET_PASSWORD)).isEqualTo("111111");
    }

    @Test
    void lastCode_whenNoneWasSent_failsNamingTheDestinationMasked() {
        RecordingOtpProvider provider = RecordingOtpProvider.create();

        assertThatThrownBy(() -> provider.lastCode(ANN))
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("a***@example.com")
                .hasMessageNotContaining(ANN);
    }

    @Test
    void failNextDelivery_failsOnceAsAnOutageAndKeepsTheMessageApart() {
        RecordingOtpProvider provider = RecordingOtpProvider.create();
        provider.failNextDelivery();
        OtpMessage lost = sms(PHONE, "123456");

        assertThatThrownBy(() -> provider.deliver(lost))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.DELIVERY_FAILED);
                    assertThat(e.reason()).contains("unavailable");
                    assertThat(e.getMessage()).doesNotContain("123456").doesNotContain(PHONE);
                });
        provider.deliver(sms(PHONE, "654321"));

        assertThat(provider.failedMessages()).containsExactly(lost);
        assertThat(provider.lastCode(PHONE)).isEqualTo("654321");
    }

    @Test
    void failNextDeliveries_withAReason_failsThatManyWithIt() {
        RecordingOtpProvider provider = RecordingOtpProvider.create();
        provider.failNextDeliveries(2, "invalid_destination");

        for (int i = 0; i < 2; i++) {
            assertThatThrownBy(() -> provider.deliver(sms(PHONE, "123456")))
                    .isInstanceOfSatisfying(AuthException.class,
                            e -> assertThat(e.reason()).contains("invalid_destination"));
        }
        provider.deliver(sms(PHONE, "123456"));

        assertThat(provider.messages()).hasSize(1);
    }

    @Test
    void failNextDeliveries_rejectsAnUnknownReasonAndANegativeCount() {
        RecordingOtpProvider provider = RecordingOtpProvider.create();

        assertThatThrownBy(() -> provider.failNextDeliveries(1, "boom"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("reason");
        assertThatThrownBy(() -> provider.failNextDeliveries(-1, "unavailable"))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("count");
    }

    @Test
    void supporting_oneChannel_refusesTheOther() {
        RecordingOtpProvider emailOnly = RecordingOtpProvider.supporting(Contact.Kind.EMAIL);

        assertThat(emailOnly.supports(Contact.Kind.EMAIL)).isTrue();
        assertThat(emailOnly.supports(Contact.Kind.PHONE)).isFalse();
        assertThatThrownBy(() -> emailOnly.deliver(sms(PHONE, "123456")))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.reason()).contains("unsupported_channel"));
        assertThat(emailOnly.messages()).isEmpty();
    }

    @Test
    void create_supportsBothChannels() {
        RecordingOtpProvider provider = RecordingOtpProvider.create();

        assertThat(provider.supports(Contact.Kind.EMAIL)).isTrue();
        assertThat(provider.supports(Contact.Kind.PHONE)).isTrue();
    }

    @Test
    void clear_forgetsMessagesAndPendingFailures() {
        RecordingOtpProvider provider = RecordingOtpProvider.create();
        provider.deliver(sms(PHONE, "123456"));
        provider.failNextDeliveries(3, "timeout");

        provider.clear();
        provider.deliver(sms(PHONE, "654321"));

        assertThat(provider.messages()).hasSize(1);
        assertThat(provider.failedMessages()).isEmpty();
    }

    @Test
    void messages_areUnmodifiableSnapshots() {
        RecordingOtpProvider provider = RecordingOtpProvider.create();
        provider.deliver(sms(PHONE, "123456"));

        assertThatThrownBy(() -> provider.messages().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> provider.messages(PHONE).clear()).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void toString_showsCountsButNoDestinationOrCode() {
        RecordingOtpProvider provider = RecordingOtpProvider.create();
        provider.deliver(sms(PHONE, "918273"));

        assertThat(provider.toString()).contains("delivered=1").doesNotContain("918273").doesNotContain(PHONE);
    }

    @Test
    void deliver_fromManyThreads_keepsEveryMessage() throws Exception {
        RecordingOtpProvider provider = RecordingOtpProvider.create();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 400; i++) {
                String code = String.format("%06d", i);
                pool.execute(() -> provider.deliver(sms(PHONE, code)));
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(provider.messages(PHONE)).hasSize(400);
    }
}
