package dev.latchkey.auth.hash;

import dev.latchkey.auth.password.PasswordHashFormat;
import org.bouncycastle.crypto.generators.Argon2BytesGenerator;
import org.bouncycastle.crypto.params.Argon2Parameters;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/** The scrypt and Argon2 formats against vectors of hash-wasm, Python's hashlib and Spring Security, and the RFCs. */
class LegacyHashFormatsTest {
    record Vector(String tool, String password, String hash) {
        @Override
        public String toString() {
            return tool + " " + hash.substring(0, 24);
        }
    }

    static List<Vector> vectors() throws IOException {
        try (var in = LegacyHashFormatsTest.class.getResourceAsStream("/dev/latchkey/auth/hash/memory-hard-vectors.tsv");
             var reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8))) {
            return reader.lines().filter(l -> !l.startsWith("#") && !l.isBlank()).map(l -> l.split("\t"))
                    .map(p -> new Vector(p[0], p[1], p[2])).toList();
        }
    }

    private static PasswordHashFormat formatOf(String hash) {
        List<PasswordHashFormat> found = LegacyHashFormats.all().stream().filter(f -> f.recognizes(hash)).toList();
        assertThat(found).as("formats recognising %s", hash).hasSize(1);
        return found.get(0);
    }

    private static byte[] utf8(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void vector_isRecognisedByOneFormat_andMatchesItsPasswordOnly(Vector v) {
        PasswordHashFormat format = formatOf(v.hash());
        assertThat(format.problem(v.hash())).isEmpty();
        assertThat(format.matches(utf8(v.password()), v.hash())).isTrue();
        assertThat(format.matches(utf8(v.password() + "!"), v.hash())).isFalse();
        assertThat(format.matches(utf8(v.password().toUpperCase()), v.hash())).isFalse();
    }

    @ParameterizedTest
    @MethodSource("vectors")
    void vector_withACharacterOfItsHashChanged_neverMatches(Vector v) {
        String hash = v.hash().replaceAll("=+$", "");
        int at = hash.length() - 5;
        String tampered = hash.substring(0, at) + (hash.charAt(at) == '0' ? '8' : '0') + hash.substring(at + 1);
        assertThat(formatOf(v.hash()).matches(utf8(v.password()), tampered)).isFalse();
    }

    @Test
    void formatIds_arePerLayout() throws IOException {
        assertThat(vectors().stream().map(v -> formatOf(v.hash()).id()).distinct().sorted())
                .containsExactly("argon2", "scrypt-phc", "scrypt-spring", "scrypt-werkzeug");
    }

    @Test
    void scrypt_matchesTheRfc7914Vectors() {
        // RFC 7914 section 12, vectors 2 and 3, as PHC strings.
        String salt2 = java.util.Base64.getEncoder().withoutPadding().encodeToString(utf8("NaCl"));
        String dk2 = java.util.Base64.getEncoder().withoutPadding().encodeToString(HexFormat.of().parseHex(
                "fdbabe1c9d3472007856e7190d01e9fe7c6ad7cbc8237830e77376634b3731622eaf30d92e22a3886ff109279d9830da"
                        + "c727afb94a83ee6d8360cbdfa2cc0640"));
        String v2 = "$scrypt$ln=10,r=8,p=16$" + salt2 + "$" + dk2;
        assertThat(LegacyHashFormats.phcScrypt().matches(utf8("password"), v2)).isTrue();
        String v3 = "scrypt:16384:8:1$SodiumChloride$7023bdcb3afd7348461c06cd81fd38ebfda8fbba904f8e3ea9b543f6545da1f2d5432955613f0fcf62d49705242a9af9e61e85dc0d651e40dfcf017b45575887";
        assertThat(LegacyHashFormats.werkzeugScrypt().matches(utf8("pleaseletmein"), v3)).isTrue();
    }

    @Test
    void bouncyCastleArgon2id_matchesTheRfc9106Vector() {
        // RFC 9106 section 5.3: Argon2id, m=32, t=3, p=4, with secret and associated data (which PHC strings lack).
        Argon2BytesGenerator g = new Argon2BytesGenerator();
        byte[] filled = new byte[32];
        Arrays.fill(filled, (byte) 1);
        byte[] salt = new byte[16];
        Arrays.fill(salt, (byte) 2);
        byte[] secret = new byte[8];
        Arrays.fill(secret, (byte) 3);
        byte[] ad = new byte[12];
        Arrays.fill(ad, (byte) 4);
        g.init(new Argon2Parameters.Builder(Argon2Parameters.ARGON2_id).withVersion(Argon2Parameters.ARGON2_VERSION_13)
                .withMemoryAsKB(32).withIterations(3).withParallelism(4).withSalt(salt).withSecret(secret)
                .withAdditional(ad).build());
        byte[] tag = new byte[32];
        g.generateBytes(filled, tag);
        assertThat(HexFormat.of().formatHex(tag))
                .isEqualTo("0d640df58d78766c08c037a34a8b53c9d01ef0452d75b65eb52520e96b01e659");
    }

    @Test
    void costlyOrMalformedHashes_areRefusedWithAReason() {
        String salt = "c2FsdHNhbHRzYWx0c2FsdA";
        String hash = "aGFzaGhhc2hoYXNoaGFzaGhhc2hoYXNoaGFzaGhhc2g";
        PasswordHashFormat argon2 = LegacyHashFormats.argon2();
        assertThat(argon2.problem("$argon2id$v=19$m=1048576,t=2,p=1$" + salt + "$" + hash)).get().asString()
                .contains("262144 KiB");
        assertThat(argon2.problem("$argon2id$v=19$m=65536,t=0,p=1$" + salt + "$" + hash)).isPresent();
        assertThat(argon2.problem("$argon2id$v=18$m=65536,t=2,p=1$" + salt + "$" + hash)).get().asString()
                .contains("version");
        assertThat(argon2.problem("$argon2id$v=19$m=65536,t=2,p=1,keyid=x$" + salt + "$" + hash)).isPresent();
        assertThat(argon2.recognizes("$argon2d$v=19$m=65536,t=2,p=1$" + salt + "$" + hash)).isFalse();
        assertThat(LegacyHashFormats.werkzeugScrypt().problem("scrypt:1048576:8:1$salt$" + "ab".repeat(64)))
                .get().asString().contains("256 MiB");
        assertThat(LegacyHashFormats.werkzeugScrypt().problem("scrypt:1000:8:1$salt$" + "ab".repeat(64)))
                .get().asString().contains("power of two");
        assertThat(LegacyHashFormats.phcScrypt().problem("$scrypt$ln=10,r=8,p=1$!!$!!")).get().asString()
                .contains("base64");
        assertThat(argon2.matches(utf8("x"), "$argon2id$v=19$m=1048576,t=2,p=1$" + salt + "$" + hash)).isFalse();
    }
}
