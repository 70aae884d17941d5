package dev.latchkey.auth.totp.internal;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** RFC 4648 section 10's base32 vectors, unpadded. */
class Base32Test {
    @ParameterizedTest(name = "\"{0}\" is {1}")
    @CsvSource({"'', ''", "f, MY", "fo, MZXQ", "foo, MZXW6", "foob, MZXW6YQ", "fooba, MZXW6YTB",
            "foobar, MZXW6YTBOI"})
    void rfc4648Vectors_encodeAndDecode(String text, String base32) {
        byte[] bytes = text.getBytes(StandardCharsets.US_ASCII);
        assertThat(Base32.encode(bytes)).isEqualTo(base32);
        assertThat(Base32.decode(base32)).isEqualTo(bytes);
        assertThat(Base32.decode(base32.toLowerCase(java.util.Locale.ROOT))).isEqualTo(bytes);
    }

    @Test
    void decode_acceptsPadding_andRefusesOtherCharacters() {
        assertThat(Base32.decode("MZXW6YTBOI======")).isEqualTo("foobar".getBytes(StandardCharsets.US_ASCII));
        assertThatThrownBy(() -> Base32.decode("MZXW1")).isInstanceOf(IllegalArgumentException.class)
                .hasMessage("not base32");
    }

    @Test
    void aTwentyByteSecret_isThirtyTwoCharacters() {
        assertThat(Base32.encode(new byte[20])).hasSize(32).isEqualTo("A".repeat(32));
    }
}
