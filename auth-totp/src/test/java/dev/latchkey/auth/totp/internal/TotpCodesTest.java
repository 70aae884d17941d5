package dev.latchkey.auth.totp.internal;

import dev.latchkey.auth.totp.TotpAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;

import static org.assertj.core.api.Assertions.assertThat;

/** Codes against the published test vectors, and the window of accepted steps. */
class TotpCodesTest {
    private static final Duration THIRTY = Duration.ofSeconds(30);
    private static final byte[] SHA1_SEED = ascii("12345678901234567890");

    /** RFC 6238 Appendix B: 8 digits, 30-second steps, T0 = 0, the seed of each hash function. */
    @ParameterizedTest(name = "{1} at {0}: {2}")
    @CsvSource({
            "59, SHA1, 94287082", "59, SHA256, 46119246", "59, SHA512, 90693936",
            "1111111109, SHA1, 07081804", "1111111109, SHA256, 68084774", "1111111109, SHA512, 25091201",
            "1111111111, SHA1, 14050471", "1111111111, SHA256, 67062674", "1111111111, SHA512, 99943326",
            "1234567890, SHA1, 89005924", "1234567890, SHA256, 91819424", "1234567890, SHA512, 93441116",
            "2000000000, SHA1, 69279037", "2000000000, SHA256, 90698825", "2000000000, SHA512, 38618901",
            "20000000000, SHA1, 65353130", "20000000000, SHA256, 77737706", "20000000000, SHA512, 47863826"})
    void rfc6238AppendixB_vectors(long unixSeconds, TotpAlgorithm algorithm, String expected) {
        long step = TotpCodes.step(Instant.ofEpochSecond(unixSeconds), THIRTY);
        assertThat(TotpCodes.code(algorithm, seed(algorithm), step, 8)).isEqualTo(expected);
    }

    /** RFC 4226 Appendix D: HOTP with SHA-1, 6 digits, counters 0 to 9 (the dynamic truncation). */
    @ParameterizedTest(name = "counter {0}: {1}")
    @CsvSource({"0, 755224", "1, 287082", "2, 359152", "3, 969429", "4, 338314", "5, 254676", "6, 287922",
            "7, 162583", "8, 399871", "9, 520489"})
    void rfc4226AppendixD_sixDigitVectors(long counter, String expected) {
        assertThat(TotpCodes.code(TotpAlgorithm.SHA1, SHA1_SEED, counter, 6)).isEqualTo(expected);
    }

    @Test
    void theStep_isUnixSecondsOverThePeriod() {
        assertThat(TotpCodes.step(Instant.ofEpochSecond(59), THIRTY)).isEqualTo(1);
        assertThat(TotpCodes.step(Instant.ofEpochSecond(60), THIRTY)).isEqualTo(2);
        assertThat(TotpCodes.step(Instant.ofEpochSecond(1111111109), THIRTY)).isEqualTo(0x23523EC);
    }

    @Test
    void matchingStep_acceptsTheCurrentStepAndOneOnEachSide_andNothingFurther() {
        long now = 1000;
        for (long step = now - 1; step <= now + 1; step++) {
            assertThat(match(code(step), now, 0)).isEqualTo(step);
        }
        assertThat(match(code(now - 2), now, 0)).isEqualTo(-1);
        assertThat(match(code(now + 2), now, 0)).isEqualTo(-1);
    }

    @Test
    void matchingStep_refusesAStepAtOrBeforeTheLastAccepted() {
        long now = 1000;
        assertThat(match(code(now), now, now)).isEqualTo(-1);
        assertThat(match(code(now - 1), now, now)).isEqualTo(-1);
        assertThat(match(code(now + 1), now, now)).isEqualTo(now + 1);
    }

    @Test
    void matchingStep_treatsWrongLengthAndNonDigitsAsWrong() {
        String right = code(1000);
        assertThat(match(right + "0", 1000, 0)).isEqualTo(-1);
        assertThat(match(right.substring(1), 1000, 0)).isEqualTo(-1);
        assertThat(match(" " + right.substring(1), 1000, 0)).isEqualTo(-1);
        assertThat(match("12345a", 1000, 0)).isEqualTo(-1);
        assertThat(match("١٢٣٤٥٦", 1000, 0)).isEqualTo(-1);
        assertThat(match(null, 1000, 0)).isEqualTo(-1);
    }

    private static String code(long step) {
        return TotpCodes.code(TotpAlgorithm.SHA1, SHA1_SEED, step, 6);
    }

    private static long match(String answer, long now, long lastAccepted) {
        return TotpCodes.matchingStep(TotpAlgorithm.SHA1, SHA1_SEED, 6, now, answer, lastAccepted);
    }

    private static byte[] seed(TotpAlgorithm algorithm) {
        String digits = "1234567890";
        return switch (algorithm) {
            case SHA1 -> SHA1_SEED;
            case SHA256 -> ascii(digits.repeat(3) + "12");
            case SHA512 -> ascii(digits.repeat(6) + "1234");
        };
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }
}
