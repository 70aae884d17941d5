package dev.latchkey.auth.internal;

import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;

import static org.assertj.core.api.Assertions.assertThat;

class BcryptPasswordHasherTest {
    private static final byte[] PEPPER = "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.US_ASCII);
    private final BcryptPasswordHasher hasher = new BcryptPasswordHasher(PEPPER, 4);

    @Test
    void hundredCharPasswordsDifferingAtCharNinety_doNotMatch() {
        String a = "x".repeat(89) + "a" + "y".repeat(10);
        String b = "x".repeat(89) + "b" + "y".repeat(10);
        String hash = hasher.hash(a);
        assertThat(hasher.verify(a, hash)).isTrue();
        assertThat(hasher.verify(b, hash)).isFalse();
    }

    @Test
    void seventyThreeByteUtf8Password_roundTrips() {
        String p = "\u00e9".repeat(36) + "z";
        assertThat(p.getBytes(StandardCharsets.UTF_8)).hasSize(73);
        assertThat(hasher.verify(p, hasher.hash(p))).isTrue();
        assertThat(hasher.verify("\u00e9".repeat(36) + "y", hasher.hash(p))).isFalse();
    }

    @Test
    void precomposedAndDecomposedAccent_bothVerify() {
        String precomposed = "caf\u00e9 au lait";
        String decomposed = "cafe\u0301 au lait";
        assertThat(precomposed).isNotEqualTo(decomposed);
        assertThat(hasher.verify(decomposed, hasher.hash(precomposed))).isTrue();
    }

    @Test
    void hash_isBcryptAtTheConfiguredCost() {
        assertThat(hasher.hash("some password")).startsWith("$2a$04$");
        assertThat(new BcryptPasswordHasher(PEPPER, 10).hash("some password")).startsWith("$2a$10$");
    }

    @Test
    void sameHashUnderAnotherPepper_doesNotVerify() {
        String hash = hasher.hash("correct horse");
        BcryptPasswordHasher other = new BcryptPasswordHasher("fedcba9876543210fedcba9876543210".getBytes(StandardCharsets.US_ASCII), 4);
        assertThat(other.verify("correct horse", hash)).isFalse();
    }

    @Test
    void needsRehash_whenStoredCostDiffersFromConfigured() {
        String cost4 = hasher.hash("pw pw pw pw");
        BcryptPasswordHasher cost5 = new BcryptPasswordHasher(PEPPER, 5);
        assertThat(hasher.needsRehash(cost4)).isFalse();
        assertThat(cost5.needsRehash(cost4)).isTrue();
        assertThat(cost5.verify("pw pw pw pw", cost4)).isTrue();
    }

    @Test
    void storedHash_containsNeitherPasswordNorPrehash() {
        String hash = hasher.hash("correct horse battery");
        assertThat(hash).doesNotContain("correct").doesNotContain("horse");
        assertThat(BcryptPasswordHasher.costOf(hash)).isEqualTo(4);
    }
}
