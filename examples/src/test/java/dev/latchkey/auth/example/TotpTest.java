package dev.latchkey.auth.example;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

/** The test suite's own TOTP generator against RFC 6238 Appendix B (SHA-1) and RFC 4226 Appendix D. */
class TotpTest {
    /** "12345678901234567890" in base32. */
    private static final String RFC_SECRET = "GEZDGNBVGY3TQOJQGEZDGNBVGY3TQOJQ";

    @Test
    void base32_decodesTheRfcSecret() {
        assertThat(Totp.base32(RFC_SECRET)).isEqualTo("12345678901234567890".getBytes(StandardCharsets.US_ASCII));
    }

    @Test
    void matchesRfc6238AppendixB_sha1() {
        assertThat(Totp.hotp(Totp.base32(RFC_SECRET), 59 / 30, 8)).isEqualTo("94287082");
        assertThat(Totp.hotp(Totp.base32(RFC_SECRET), 1111111109L / 30, 8)).isEqualTo("07081804");
        assertThat(Totp.hotp(Totp.base32(RFC_SECRET), 1234567890L / 30, 8)).isEqualTo("89005924");
        assertThat(Totp.hotp(Totp.base32(RFC_SECRET), 20000000000L / 30, 8)).isEqualTo("65353130");
    }

    @Test
    void matchesRfc4226AppendixD() {
        assertThat(Totp.hotp(Totp.base32(RFC_SECRET), 0, 6)).isEqualTo("755224");
        assertThat(Totp.hotp(Totp.base32(RFC_SECRET), 9, 6)).isEqualTo("520489");
    }
}
