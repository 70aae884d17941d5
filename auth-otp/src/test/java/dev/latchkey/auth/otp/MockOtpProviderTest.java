package dev.latchkey.auth.otp;

import dev.latchkey.auth.testkit.CapturedLogs;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.Contact;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.event.Level;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

class MockOtpProviderTest {
    private static final Instant NOW = Instant.parse("2026-01-02T03:04:05Z");

    @BeforeEach
    void clearLogs() {
        CapturedLogs.clear();
    }

    @Test
    void deliver_keepsMessageWithClockTime() {
        MockOtpProvider mock = MockOtpProvider.newBuilder().clock(Clock.fixed(NOW, ZoneOffset.UTC)).build();

        mock.deliver(Messages.sms("+14155550123", "123456"));

        SentMessage sent = mock.latest("+14155550123").orElseThrow();
        assertThat(sent.sentAt()).isEqualTo(NOW);
        assertThat(sent.code()).contains("123456");
        assertThat(sent.message().text()).contains("123456");
        assertThat(mock.latestCode("+14155550123")).contains("123456");
    }

    @Test
    void outbox_isNewestFirst_perDestinationAndOverall() {
        MockOtpProvider mock = MockOtpProvider.create();
        mock.deliver(Messages.sms("+14155550123", "111111"));
        mock.deliver(Messages.email("ann@example.com", "222222"));
        mock.deliver(Messages.sms("+14155550123", "333333"));

        assertThat(mock.messages("+14155550123")).extracting(s -> s.code().orElseThrow())
                .containsExactly("333333", "111111");
        assertThat(mock.all()).extracting(s -> s.code().orElseThrow())
                .containsExactly("333333", "222222", "111111");
        assertThat(mock.latestCode("+14155550123")).contains("333333");
        assertThat(mock.latest("nobody@example.com")).isEmpty();
        assertThat(mock.messages("nobody@example.com")).isEmpty();
    }

    @Test
    void outbox_isBounded_forgettingTheOldest() {
        MockOtpProvider mock = MockOtpProvider.newBuilder().capacity(3).build();
        for (int i = 1; i <= 5; i++) {
            mock.deliver(Messages.sms("+1415555012" + i, "00000" + i));
        }

        assertThat(mock.all()).extracting(s -> s.code().orElseThrow())
                .containsExactly("000005", "000004", "000003");
        assertThat(mock.latest("+14155550121")).isEmpty();
    }

    @Test
    void outbox_defaultCapacity_keepsNewestThousand() {
        MockOtpProvider mock = MockOtpProvider.create();
        for (int i = 0; i < 1_005; i++) {
            mock.deliver(Messages.sms("+14155550123", String.format("%06d", i)));
        }

        List<SentMessage> all = mock.all();
        assertThat(all).hasSize(1_000);
        assertThat(all.get(0).code()).contains("001004");
        assertThat(all.get(999).code()).contains("000005");
    }

    @Test
    void outbox_snapshotsAreUnmodifiable() {
        MockOtpProvider mock = MockOtpProvider.create();
        mock.deliver(Messages.sms("+14155550123", "123456"));

        assertThatThrownBy(() -> mock.all().clear()).isInstanceOf(UnsupportedOperationException.class);
        assertThatThrownBy(() -> mock.messages("+14155550123").clear())
                .isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void clear_emptiesOutbox() {
        MockOtpProvider mock = MockOtpProvider.create();
        mock.deliver(Messages.sms("+14155550123", "123456"));

        mock.clear();

        assertThat(mock.all()).isEmpty();
        assertThat(mock.latest("+14155550123")).isEmpty();
    }

    @Test
    void failNextDeliveries_failsExactlyThatManyAndKeepsNothing() {
        MockOtpProvider mock = MockOtpProvider.create();
        mock.failNextDeliveries(2);

        for (int i = 0; i < 2; i++) {
            AuthException e = catchThrowableOfType(AuthException.class,
                    () -> mock.deliver(Messages.sms("+14155550123", "123456")));
            assertThat(e.code()).isEqualTo(AuthErrorCode.DELIVERY_FAILED);
            assertThat(e.reason()).contains("unavailable");
            assertThat(e.getMessage()).doesNotContain("123456");
        }
        assertThat(mock.all()).isEmpty();

        mock.deliver(Messages.sms("+14155550123", "654321"));
        assertThat(mock.latestCode("+14155550123")).contains("654321");
    }

    @Test
    void failNextDeliveries_withReason_usesThatReason() {
        MockOtpProvider mock = MockOtpProvider.create();
        mock.failNextDeliveries(1, "invalid_destination");

        assertThatThrownBy(() -> mock.deliver(Messages.email("ann@example.com", "123456")))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.reason()).contains("invalid_destination"));
    }

    @Test
    void failNextDeliveries_rejectsUnknownReasonAndNegativeCount() {
        MockOtpProvider mock = MockOtpProvider.create();

        assertThatThrownBy(() -> mock.failNextDeliveries(1, "boom")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("reason");
        assertThatThrownBy(() -> mock.failNextDeliveries(-1)).isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("count");
    }

    @Test
    void clear_cancelsPendingFailures() {
        MockOtpProvider mock = MockOtpProvider.create();
        mock.failNextDeliveries(3);

        mock.clear();
        mock.deliver(Messages.sms("+14155550123", "123456"));

        assertThat(mock.all()).hasSize(1);
    }

    @Test
    void supports_bothChannels() {
        MockOtpProvider mock = MockOtpProvider.create();

        assertThat(mock.supports(Contact.Kind.PHONE)).isTrue();
        assertThat(mock.supports(Contact.Kind.EMAIL)).isTrue();
    }

    @Test
    void byDefault_neverLogsCodes() {
        MockOtpProvider mock = MockOtpProvider.create();

        mock.deliver(Messages.sms("+14155550123", "918273"));
        mock.deliver(Messages.email("ann@example.com", "564738"));

        assertThat(CapturedLogs.latchkeyLines()).isNotEmpty();
        assertThat(CapturedLogs.allText()).doesNotContain("918273").doesNotContain("564738")
                .doesNotContain("+14155550123").doesNotContain("ann@example.com");
        assertThat(CapturedLogs.latchkeyLines()).noneMatch(l -> l.level() == Level.WARN);
        assertThat(mock.toString()).doesNotContain("insecure");
    }

    @Test
    void insecureLogCodes_warnsOnceAtBuildAndLogsEachCodeOnce() {
        MockOtpProvider mock = MockOtpProvider.newBuilder().insecureLogCodes().build();
        assertThat(CapturedLogs.latchkeyLines()).singleElement()
                .satisfies(l -> assertThat(l.level()).isEqualTo(Level.WARN))
                .satisfies(l -> assertThat(l.text()).contains("insecureLogCodes"));

        mock.deliver(Messages.sms("+14155550123", "918273"));
        mock.deliver(Messages.sms("+14155550123", "102938"));

        List<CapturedLogs.Line> lines = CapturedLogs.latchkeyLines();
        assertThat(lines).hasSize(3).allMatch(l -> l.level() == Level.WARN);
        assertThat(lines.get(1).text()).contains("918273").doesNotContain("+14155550123");
        assertThat(lines.get(2).text()).contains("102938");
    }

    @Test
    void sentMessage_toString_hidesCodeAndText() {
        MockOtpProvider mock = MockOtpProvider.create();
        mock.deliver(Messages.sms("+14155550123", "918273"));

        String shown = mock.latest("+14155550123").orElseThrow().toString();

        assertThat(shown).doesNotContain("918273").doesNotContain("+14155550123").contains("LOGIN");
    }

    @Test
    void deliver_fromManyThreads_keepsEveryMessage() throws Exception {
        MockOtpProvider mock = MockOtpProvider.create();
        ExecutorService pool = Executors.newFixedThreadPool(8);
        try {
            for (int i = 0; i < 400; i++) {
                String code = String.format("%06d", i);
                pool.execute(() -> mock.deliver(Messages.sms("+14155550123", code)));
            }
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }

        assertThat(mock.messages("+14155550123")).hasSize(400)
                .extracting(s -> s.code().orElseThrow()).doesNotHaveDuplicates();
    }

    @Test
    void build_rejectsBadCapacity() {
        assertThatThrownBy(() -> MockOtpProvider.newBuilder().capacity(0).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("capacity");
    }
}
