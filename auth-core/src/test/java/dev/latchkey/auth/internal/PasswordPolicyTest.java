package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class PasswordPolicyTest {
    private static final CommonPasswords COMMON = CommonPasswords.load();
    private final PasswordPolicy policy = new PasswordPolicy(8, 128, COMMON);

    private static void assertWeak(Runnable r, String reason) {
        assertThatThrownBy(r::run)
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.WEAK_PASSWORD);
                    assertThat(e.reason()).contains(reason);
                });
    }

    @Test
    void sevenCharacters_areRejectedAsTooShort() {
        assertWeak(() -> policy.check("kq7#vLz", List.of()), "too_short");
    }

    @Test
    void eightCharacters_areAccepted() {
        assertThatCode(() -> policy.check("kq7#vLzp", List.of())).doesNotThrowAnyException();
    }

    @Test
    void eightEmoji_areAcceptedBecauseLengthCountsCodePoints() {
        String emoji = "\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02\uD83D\uDE03\uD83D\uDE04\uD83D\uDE05\uD83D\uDE06\uD83D\uDE07";
        assertThat(emoji.length()).isEqualTo(16);
        assertThatCode(() -> policy.check(emoji, List.of())).doesNotThrowAnyException();
    }

    @Test
    void sevenEmoji_areRejectedEvenThoughTheyAreFourteenChars() {
        String emoji = "\uD83D\uDE00\uD83D\uDE01\uD83D\uDE02\uD83D\uDE03\uD83D\uDE04\uD83D\uDE05\uD83D\uDE06";
        assertWeak(() -> policy.check(emoji, List.of()), "too_short");
    }

    @Test
    void sixtyFourCharLowercasePassphrase_isAccepted() {
        String passphrase = "correct horse battery staple and a quiet lighthouse on the coast";
        assertThat(passphrase.codePointCount(0, passphrase.length())).isEqualTo(64);
        assertThatCode(() -> policy.check(passphrase, List.of())).doesNotThrowAnyException();
    }

    @Test
    void overMaximumCodePoints_isRejectedAsTooLong() {
        assertWeak(() -> policy.check("a1".repeat(64) + "x", List.of()), "too_long");
    }

    @Test
    void overFourKibibytes_isRejectedBeforeNormalisation() {
        String huge = "\u00e9".repeat(2049);
        assertThat(PasswordPolicy.isOversized(huge)).isTrue();
        assertThat(PasswordPolicy.isOversized("\u00e9".repeat(2048))).isFalse();
        assertWeak(() -> policy.check(huge, List.of()), "too_long");
    }

    @Test
    void commonPassword_isRejectedWhateverItsCase() {
        assertWeak(() -> policy.check("PassWord123", List.of()), "common");
    }

    @Test
    void shippedCommonList_holdsAtLeastTenThousandPasswords() {
        assertThat(COMMON.size()).isGreaterThanOrEqualTo(10_000);
        assertThat(COMMON.contains("iloveyou")).isTrue();
    }

    @Test
    void emailLocalPart_isRejectedAsContext() {
        assertWeak(() -> policy.check("ada.lovelace1815!", List.of("ada.lovelace")), "context");
    }

    @Test
    void phoneDigits_areRejectedAsContextEvenWithSeparators() {
        assertWeak(() -> policy.check("call me 415-555-0123", List.of("4155550123")), "context");
    }

    @Test
    void serviceName_isRejectedAsContext() {
        assertWeak(() -> policy.check("myLatchkeyPass!", List.of("Latchkey")), "context");
    }

    @Test
    void eightNulCharacters_areRejectedAsControlCharacters() {
        assertWeak(() -> policy.check("\0".repeat(8), List.of()), "control_characters");
    }

    @Test
    void anyControlCharacterInAnOtherwiseGoodPassword_isRejected() {
        for (String control : List.of("\0", "\t", "\n", "\r", "\u001b", "\u007f", "\u0085", "\u009f")) {
            assertWeak(() -> policy.check("quiet harbor" + control + "compass", List.of()), "control_characters");
        }
    }

    @Test
    void spacesAndEmojiJoiners_areNotControlCharacters() {
        assertThatCode(() -> policy.check("quiet harbor\u00a0compass \uD83D\uDC69\u200D\uD83D\uDCBB", List.of()))
                .doesNotThrowAnyException();
    }

    @Test
    void shortContextWords_doNotRejectUnrelatedPasswords() {
        assertThatCode(() -> policy.check("adamant violet river", List.of("ada"))).doesNotThrowAnyException();
    }
}
