package dev.latchkey.auth.totp.internal;

import org.junit.jupiter.api.Test;

import java.util.HashSet;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/** The shape of recovery codes and how typed ones are read back. */
class RecoveryCodeFormatTest {
    @Test
    void aCode_isTenCrockfordCharactersGroupedFourFourTwo() {
        for (int i = 0; i < 200; i++) {
            assertThat(RecoveryCodeFormat.generate()).matches("[0-9a-hjkmnp-tv-z]{4}-[0-9a-hjkmnp-tv-z]{4}-"
                    + "[0-9a-hjkmnp-tv-z]{2}");
        }
    }

    @Test
    void codes_carryFiftyBits_soThousandsNeverRepeat() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            assertThat(seen.add(RecoveryCodeFormat.generate())).isTrue();
        }
        assertThat(Math.pow(32, RecoveryCodeFormat.LENGTH)).isGreaterThanOrEqualTo(Math.pow(2, 50));
    }

    @Test
    void reading_ignoresCaseHyphensAndSpaces_andAbsorbsLookAlikes() {
        assertThat(RecoveryCodeFormat.canonical("k7q2-m9xd-4r")).isEqualTo("k7q2m9xd4r");
        assertThat(RecoveryCodeFormat.canonical(" K7Q2 M9XD 4R ")).isEqualTo("k7q2m9xd4r");
        assertThat(RecoveryCodeFormat.canonical("k7q2m9xd4r")).isEqualTo("k7q2m9xd4r");
        assertThat(RecoveryCodeFormat.canonical("ol12-m9xd-4r")).isEqualTo("0112m9xd4r");
    }

    @Test
    void anythingElse_isNoCode() {
        assertThat(RecoveryCodeFormat.canonical(null)).isNull();
        assertThat(RecoveryCodeFormat.canonical("")).isNull();
        assertThat(RecoveryCodeFormat.canonical("k7q2-m9xd-4")).isNull();
        assertThat(RecoveryCodeFormat.canonical("k7q2-m9xd-4rr")).isNull();
        assertThat(RecoveryCodeFormat.canonical("k7q2-m9xd-4u")).isNull();
        assertThat(RecoveryCodeFormat.canonical("k7q2_m9xd_4r")).isNull();
        assertThat(RecoveryCodeFormat.canonical("-".repeat(100))).isNull();
    }
}
