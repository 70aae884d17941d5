package dev.latchkey.auth.totp;

import org.junit.jupiter.api.Test;

import java.time.Duration;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** TotpConfig: what authenticator apps expect by default, and every bad value named. */
class TotpConfigTest {
    @Test
    void theDefaults_areSha1SixDigitsThirtySeconds_andTheAppNameAsIssuer() {
        TotpConfig c = TotpConfig.defaults();
        assertThat(c.algorithm()).isEqualTo(TotpAlgorithm.SHA1);
        assertThat(c.digits()).isEqualTo(6);
        assertThat(c.period()).isEqualTo(Duration.ofSeconds(30));
        assertThat(c.issuer()).isEmpty();
        assertThat(TotpFactor.create("Acme").issuer()).isEqualTo("Acme");
        assertThat(TotpFactor.create("Acme", TotpConfig.newBuilder().issuer("Acme Corp").build()).issuer())
                .isEqualTo("Acme Corp");
    }

    @Test
    void theOtherSettings_areAccepted() {
        TotpConfig c = TotpConfig.newBuilder().algorithm(TotpAlgorithm.SHA512).digits(8)
                .period(Duration.ofSeconds(60)).build();
        assertThat(c.algorithm()).isEqualTo(TotpAlgorithm.SHA512);
        assertThat(c.digits()).isEqualTo(8);
        assertThat(c.period()).isEqualTo(Duration.ofMinutes(1));
    }

    @Test
    void digits_mustBeSixOrEight() {
        for (int digits : new int[] {5, 7, 9}) {
            assertThatThrownBy(() -> TotpConfig.newBuilder().digits(digits).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessage("digits must be 6 or 8");
        }
    }

    @Test
    void period_mustBeWholeSecondsFromFifteenSecondsToTwoMinutes() {
        for (Duration bad : new Duration[] {Duration.ofSeconds(14), Duration.ofSeconds(121), Duration.ofMillis(30_500),
                Duration.ZERO, Duration.ofSeconds(-30)}) {
            assertThatThrownBy(() -> TotpConfig.newBuilder().period(bad).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("period must be");
        }
        assertThat(TotpConfig.newBuilder().period(Duration.ofSeconds(15)).build().period()).hasSeconds(15);
        assertThat(TotpConfig.newBuilder().period(Duration.ofMinutes(2)).build().period()).hasSeconds(120);
    }

    @Test
    void anIssuer_mustBeShortAndFreeOfColonsAndControlCharacters() {
        for (String bad : new String[] {"", "  ", "Acme:Corp", "Acme\nCorp", "x".repeat(101)}) {
            assertThatThrownBy(() -> TotpConfig.newBuilder().issuer(bad).build())
                    .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith("issuer must");
        }
        assertThatThrownBy(() -> TotpFactor.create("Acme:Corp")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("appName must");
        assertThat(TotpFactor.create("Acme:Corp", TotpConfig.newBuilder().issuer("Acme").build()).issuer())
                .isEqualTo("Acme");
    }

    @Test
    void nulls_areRefusedByName() {
        assertThatThrownBy(() -> TotpConfig.newBuilder().algorithm(null)).hasMessage("algorithm");
        assertThatThrownBy(() -> TotpConfig.newBuilder().period(null)).hasMessage("period");
        assertThatThrownBy(() -> TotpConfig.newBuilder().issuer(null)).hasMessage("issuer");
        assertThatThrownBy(() -> TotpFactor.create(null)).hasMessage("appName");
    }

    @Test
    void toString_namesEverySetting() {
        assertThat(TotpConfig.defaults().toString())
                .isEqualTo("TotpConfig[issuer=(app name), algorithm=SHA1, digits=6, period=PT30S]");
    }
}
