package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Contacts that could forge a log line or pass for another are refused (hardening item 12). */
class ContactNormalizerTest {
    private final ContactNormalizer normalizer = new ContactNormalizer(null);

    /**
     * One of each kind: C0 and C1 controls (NUL, TAB, LF, CR, ESC, DEL, NEL), format characters (soft hyphen,
     * zero-width space, zero-width joiner, right-to-left override, BOM, a supplementary tag character), the line and
     * paragraph separators, and look-alike spaces (no-break, en, thin, narrow no-break, ideographic).
     */
    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0xAD, 0x200B, 0x200D, 0x202E, 0xFEFF, 0xE0041,
            0x2028, 0x2029, 0xA0, 0x2002, 0x2009, 0x202F, 0x3000})
    void emailWithAControlFormatOrSeparatorCharacterAnywhere_isRejected(int codePoint) {
        String c = Character.toString(codePoint);
        for (String email : new String[] {"ada" + c + "@example.com", "ada@exam" + c + "ple.com", c + "ada@example.com",
                "ada@example.com" + c}) {
            assertRejected(() -> normalizer.email(email), "email");
        }
    }

    @ParameterizedTest
    @ValueSource(ints = {0x00, 0x09, 0x0A, 0x0D, 0x1B, 0x7F, 0x85, 0xAD, 0x200B, 0x200D, 0x202E, 0xFEFF, 0xE0041,
            0x2028, 0x2029, 0xA0, 0x2002, 0x2009, 0x202F, 0x3000})
    void phoneWithAControlFormatOrSeparatorCharacterAnywhere_isRejected(int codePoint) {
        String c = Character.toString(codePoint);
        for (String phone : new String[] {"+1415" + c + "5550123", c + "+14155550123", "+14155550123" + c}) {
            assertRejected(() -> normalizer.phone(phone), "phone");
        }
    }

    @Test
    void loneSurrogateInAnEmail_isRejected() {
        assertRejected(() -> normalizer.email("ada\uD800@example.com"), "email");
    }

    @Test
    void ordinarySpaces_areStillTrimmed_andAllowedBetweenPhoneDigits() {
        assertThat(normalizer.email("  Ada@Example.com ")).isEqualTo("ada@example.com");
        assertThat(normalizer.phone(" +1 415 555 0123 ")).isEqualTo("+14155550123");
    }

    @Test
    void internationalEmail_isStillAccepted() {
        assertThat(normalizer.email("zoë@exämple.com")).isEqualTo("zoë@exämple.com");
    }

    private static void assertRejected(Runnable r, String field) {
        assertThatThrownBy(r::run).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.code()).isEqualTo(AuthErrorCode.VALIDATION_FAILED);
            assertThat(e.field()).contains(field);
        });
    }
}
