package dev.latchkey.auth.internal;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class UnsafeCharactersTest {
    @Test
    void textWithoutUnsafeCharactersOrBackslashes_comesBackAsTheSameString() {
        String text = "LOGIN_FAILED user=u1 to=z***@exämple.com detail=emoji \uD83D\uDE00";

        assertThat(UnsafeCharacters.escape(text)).isSameAs(text);
    }

    @Test
    void supplementaryFormatCharacter_isEscapedAsItsTwoUtf16Units() {
        assertThat(UnsafeCharacters.escape("a" + Character.toString(0xE0041) + "b")).isEqualTo("a\\uDB40\\uDC41b");
    }

    @Test
    void loneSurrogate_isEscaped() {
        assertThat(UnsafeCharacters.escape("a\uD800b")).isEqualTo("a\\uD800b");
    }

    @Test
    void ordinarySpace_isSafe_butEveryOtherSpaceSeparatorIsNot() {
        assertThat(UnsafeCharacters.isUnsafe(' ')).isFalse();
        assertThat(UnsafeCharacters.isUnsafe(0x00A0)).isTrue();
        assertThat(UnsafeCharacters.isUnsafe(0x3000)).isTrue();
        assertThat(UnsafeCharacters.containsAny("a b")).isFalse();
    }
}
