package dev.latchkey.auth.http;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class LogTextTest {
    @Test
    void lineBreaksSeparatorsAndLookAlikeSpaces_areEscaped() {
        assertThat(LogText.escape("a\r\nb\u0085c\u2028d\u2029e\u00a0f\u202eg"))
                .isEqualTo("a\\u000D\\u000Ab\\u0085c\\u2028d\\u2029e\\u00A0f\\u202Eg");
    }

    @Test
    void backslash_isDoubled() {
        assertThat(LogText.escape("GET /a\\u000A")).isEqualTo("GET /a\\\\u000A");
    }

    @Test
    void ordinaryText_comesBackAsTheSameString() {
        String path = "/api/auth/sessions/3fbef744-%E2%80%A8 zoë \uD83D\uDE00";

        assertThat(LogText.escape(path)).isSameAs(path);
    }

    @Test
    void loneSurrogateAndSupplementaryFormatCharacter_areEscaped() {
        assertThat(LogText.escape("a\uD800b" + Character.toString(0xE0041))).isEqualTo("a\\uD800b\\uDB40\\uDC41");
    }
}
