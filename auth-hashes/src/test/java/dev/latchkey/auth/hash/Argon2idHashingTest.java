package dev.latchkey.auth.hash;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Argon2id for new hashes: PHC strings at the OWASP parameters, salted, and readable by the legacy format too. */
class Argon2idHashingTest {
    private static final byte[] INPUT = "a pre-hash of 64 ASCII bytes, as Latchkey hands it over...........".substring(0, 64)
            .getBytes(StandardCharsets.US_ASCII);
    private final Argon2idHashing argon2 = Argon2idHashing.owaspDefaults();

    @Test
    void defaults_areOwasps() {
        assertThat(argon2.memoryKib()).isEqualTo(19_456);
        assertThat(argon2.iterations()).isEqualTo(2);
        assertThat(argon2.parallelism()).isEqualTo(1);
    }

    @Test
    void hash_isAPhcStringOfTheParameters_withAFreshSalt() {
        String a = argon2.hash(INPUT);
        String b = argon2.hash(INPUT);
        assertThat(a).startsWith("$argon2id$v=19$m=19456,t=2,p=1$").isNotEqualTo(b);
        assertThat(argon2.matches(INPUT, a)).isTrue();
        assertThat(argon2.matches("another".getBytes(StandardCharsets.US_ASCII), a)).isFalse();
        assertThat(argon2.needsRehash(a)).isFalse();
        // The legacy format (what another system's Argon2id hash would be) reads it alike.
        assertThat(LegacyHashFormats.argon2().matches(INPUT, a)).isTrue();
    }

    @Test
    void needsRehash_whenAnyParameterDiffers() {
        String cheap = Argon2idHashing.newBuilder().memoryKib(8192).iterations(1).build().hash(INPUT);
        assertThat(argon2.needsRehash(cheap)).isTrue();
        assertThat(argon2.matches(INPUT, cheap)).isTrue();
        assertThat(argon2.needsRehash("$2a$10$" + "a".repeat(53))).isTrue();
        assertThat(argon2.matches(INPUT, "$2a$10$" + "a".repeat(53))).isFalse();
    }

    @Test
    void build_refusesParametersOutOfRange_namingThem() {
        assertThatThrownBy(() -> Argon2idHashing.newBuilder().memoryKib(4096).build()).hasMessageContaining("memoryKib");
        assertThatThrownBy(() -> Argon2idHashing.newBuilder().iterations(0).build()).hasMessageContaining("iterations");
        assertThatThrownBy(() -> Argon2idHashing.newBuilder().parallelism(9).build())
                .hasMessageContaining("parallelism");
    }
}
