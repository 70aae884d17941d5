package dev.latchkey.auth.webauthn;

import org.junit.jupiter.api.Test;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The relying party's settings: defaults, and every bad value refused naming its setting. */
class PasskeyConfigTest {
    @Test
    void defaults_arePreferredVerification_preferredResidentKey_andTheRpIdsOwnOrigin() {
        PasskeyConfig config = PasskeyConfig.newBuilder("example.com", "Acme").build();
        assertThat(config.origins()).containsExactly("https://example.com");
        assertThat(config.userVerification()).isEqualTo(UserVerification.PREFERRED);
        assertThat(config.residentKey()).isEqualTo(ResidentKey.PREFERRED);
        assertThat(config.timeoutMillis()).isEqualTo(300_000L);
        assertThat(PasskeyConfig.newBuilder("localhost", "Dev").build().origins()).containsExactly("http://localhost");
        assertThat(config.loginOptionsPerAddressPerHour()).isEqualTo(300);
        assertThat(config.loginFailuresPerAddressPerHour()).isEqualTo(30);
    }

    @Test
    void perAddressLimits_areSettable_within1ToAMillion() {
        PasskeyConfig config = PasskeyConfig.newBuilder("example.com", "Acme").loginOptionsPerAddressPerHour(1)
                .loginFailuresPerAddressPerHour(1_000_000).build();
        assertThat(config.loginOptionsPerAddressPerHour()).isEqualTo(1);
        assertThat(config.loginFailuresPerAddressPerHour()).isEqualTo(1_000_000);
        assertThat(config.toString()).contains("loginOptionsPerAddressPerHour=1,");
    }

    @Test
    void badPerAddressLimits_areRefusedNamingTheirSetting() {
        for (int bad : new int[] {0, -1, 1_000_001, Integer.MIN_VALUE}) {
            assertThatThrownBy(() -> PasskeyConfig.newBuilder("example.com", "Acme").loginOptionsPerAddressPerHour(bad)
                    .build()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("loginOptionsPerAddressPerHour must be 1 to 1000000");
            assertThatThrownBy(() -> PasskeyConfig.newBuilder("example.com", "Acme").loginFailuresPerAddressPerHour(bad)
                    .build()).isInstanceOf(IllegalArgumentException.class)
                    .hasMessageStartingWith("loginFailuresPerAddressPerHour must be 1 to 1000000");
        }
    }

    @Test
    void originsOnTheRpIdOrBelow_andAndroidApps_areAccepted() {
        PasskeyConfig config = PasskeyConfig.newBuilder("example.com", "Acme").origins(List.of(
                "https://example.com", "https://app.example.com:8443",
                "android:apk-key-hash:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8")).build();
        assertThat(config.origins()).hasSize(3);
    }

    @Test
    void badValues_areRefusedNamingTheirSetting() {
        assertRefused("https://example.com", "Acme", List.of(), "rpId");
        assertRefused("Example.com", "Acme", List.of(), "rpId");
        assertRefused("example.com:443", "Acme", List.of(), "rpId");
        assertRefused("example.com", " ", List.of(), "rpName");
        assertRefused("example.com", "x".repeat(101), List.of(), "rpName");
        assertRefused("example.com", "Acme", List.of("https://evil.example.net"), "origins");
        assertRefused("example.com", "Acme", List.of("https://notexample.com"), "origins");
        assertRefused("example.com", "Acme", List.of("http://example.com"), "origins");
        assertRefused("example.com", "Acme", List.of("https://example.com/login"), "origins");
        assertRefused("example.com", "Acme", List.of("android:apk-key-hash:short"), "origins");
    }

    private static void assertRefused(String rpId, String rpName, List<String> origins, String setting) {
        assertThatThrownBy(() -> PasskeyConfig.newBuilder(rpId, rpName).origins(origins).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageStartingWith(setting);
    }
}
