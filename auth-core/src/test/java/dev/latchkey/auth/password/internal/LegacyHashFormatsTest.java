package dev.latchkey.auth.password.internal;

import dev.latchkey.auth.internal.BcryptPasswordHasher;
import dev.latchkey.auth.password.PasswordHashFormat;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** The built-in legacy formats against vectors made by bcryptjs, Python's hashlib and Spring Security. */
class LegacyHashFormatsTest {
    private static final Set<String> CORE = Set.of("bcrypt", "bcrypt-72", "werkzeug-pbkdf2", "django-pbkdf2",
            "phc-pbkdf2", "spring-bcrypt", "spring-pbkdf2");
    private final PasswordHashes hashes = new PasswordHashes(new BcryptPasswordHasher(new byte[32], 4), List.of(),
            List.of());

    record Vector(String tool, String password, String hash) {
        @Override
        public String toString() {
            return tool + " " + hash.substring(0, Math.min(24, hash.length()));
        }
    }

    static List<Vector> vectors() throws IOException {
        try (var in = LegacyHashFormatsTest.class.getResourceAsStream("/dev/latchkey/auth/password/legacy-vectors.tsv");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t"))
                    .map(p -> new Vector(p[0], p[1], p[2])).toList();
        }
    }

    static Stream<Vector> coreVectors() throws IOException {
        return vectors().stream().filter(v -> CORE.contains(v.tool()));
    }

    static Stream<Vector> moduleVectors() throws IOException {
        return vectors().stream().filter(v -> !CORE.contains(v.tool()));
    }

    private boolean matches(String password, String hash) {
        PasswordHashes.Classified c = hashes.classify(hash);
        PasswordHashFormat format = hashes.legacy(c.format()).orElseThrow();
        return format.matches(password.getBytes(StandardCharsets.UTF_8), hash);
    }

    @ParameterizedTest
    @MethodSource("coreVectors")
    void vector_isRecognisedAndMatchesItsPasswordOnly(Vector v) {
        assertThat(hashes.classify(v.hash()).reason()).isNull();
        assertThat(matches(v.password(), v.hash())).isTrue();
        if (!v.tool().equals("bcrypt-72")) {
            // (Past 72 bytes a bcrypt reads nothing: the test below.)
            assertThat(matches(v.password() + "!", v.hash())).isFalse();
            assertThat(matches(v.password().substring(1), v.hash())).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("coreVectors")
    void vector_withACharacterOfItsHashChanged_neverMatches(Vector v) {
        String hash = v.hash();
        int at = hash.length() - 5;
        // A different digit of the same alphabet (hex, base64 and bcrypt's all hold '0' to '8'), in the hash part.
        String tampered = hash.substring(0, at) + (hash.charAt(at) == '0' ? '8' : '0') + hash.substring(at + 1);
        assertThat(hashes.legacy(hashes.classify(v.hash()).format()).orElseThrow()
                .matches(v.password().getBytes(StandardCharsets.UTF_8), tampered)).isFalse();
    }

    @Test
    void formatIds_areRecordedPerLayout() throws IOException {
        assertThat(vectors().stream().filter(v -> CORE.contains(v.tool()))
                .map(v -> hashes.classify(v.hash()).format()).distinct().sorted())
                .containsExactly("bcrypt", "pbkdf2-django", "pbkdf2-phc", "pbkdf2-spring", "pbkdf2-werkzeug");
    }

    @Test
    void bcrypt_readsTheFirst72BytesOnly_asEveryBcryptDoes() throws IOException {
        Vector v = vectors().stream().filter(x -> x.tool().equals("bcrypt-72")).findFirst().orElseThrow();
        assertThat(matches("x".repeat(72), v.hash())).isTrue();
        assertThat(matches("x".repeat(71), v.hash())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("moduleVectors")
    void scryptAndArgon2_withoutAuthHashes_areRefusedNamingTheModule(Vector v) {
        assertThat(hashes.classify(v.hash()).format()).isNull();
        assertThat(hashes.classify(v.hash()).reason()).contains("auth-hashes");
    }

    @Test
    void bcryptCosts_4to31_areAccepted_othersRefused() {
        String tail = "$" + "a".repeat(53);
        assertThat(hashes.classify("$2b$04" + tail).format()).isEqualTo("bcrypt");
        assertThat(hashes.classify("$2y$31" + tail).format()).isEqualTo("bcrypt");
        assertThat(hashes.classify("$2a$03" + tail).reason()).contains("4 to 31");
        assertThat(hashes.classify("$2a$32" + tail).reason()).contains("4 to 31");
        assertThat(hashes.classify("$2a$10$short").reason()).contains("53 characters");
    }

    @ParameterizedTest
    @ValueSource(strings = {"$1$saltsalt$hash", "5f4dcc3b5aa765d61d8327deb882cf99", "$6$rounds=5000$x$y", "sha1$a$b",
            "{MD5}abc"})
    void unknownFormats_areRefusedAsUnknown(String hash) {
        assertThat(hashes.classify(hash).format()).isNull();
        assertThat(hashes.classify(hash).reason()).startsWith("unknown password hash format");
    }

    @Test
    void refusals_sayWhatIsWrong() {
        assertThat(hashes.classify("{noop}secret").reason()).contains("plain-text");
        assertThat(hashes.classify("pbkdf2:sha256$salt$" + "ab".repeat(32)).reason()).contains("iteration count");
        assertThat(hashes.classify("pbkdf2:sha256:0$salt$" + "ab".repeat(32)).reason()).contains("iterations");
        assertThat(hashes.classify("pbkdf2:sha256:1000$salt$abcd").reason()).contains("32 bytes");
        assertThat(hashes.classify("pbkdf2_sha256$99999999999$salt$aGFzaA==").reason()).isNotNull();
        assertThat(hashes.classify("$pbkdf2-sha256$1000$!!$!!").reason()).contains("base64");
        assertThat(hashes.classify("$2x$10$" + "a".repeat(53)).reason()).contains("$2x$");
        assertThat(hashes.classify("").reason()).contains("empty");
        assertThat(hashes.classify("$2a$10$ has spaces").reason()).contains("printable");
    }

    @Test
    void refusalReasons_neverQuoteTheHash() throws IOException {
        String hash = "pbkdf2:sha256:1000$saltysalt$abcd";
        assertThat(hashes.classify(hash).reason()).doesNotContain("saltysalt").doesNotContain("abcd");
    }
}
