package dev.latchkey.auth.otp.internal;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;

class LoopbackHostsTest {
    @ParameterizedTest
    @ValueSource(strings = {"localhost", "LOCALHOST", "127.0.0.1", "127.1.2.3", "::1", "[::1]", "0:0:0:0:0:0:0:1"})
    void isLoopback_trueForLocalMachine(String host) {
        assertThat(LoopbackHosts.isLoopback(host)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"api.twilio.com", "localhost.evil.example", "127.0.0.1.evil.example", "10.0.0.1",
            "128.0.0.1", "::2", "", "fe80::1"})
    void isLoopback_falseForAnythingElse(String host) {
        assertThat(LoopbackHosts.isLoopback(host)).isFalse();
    }
}
