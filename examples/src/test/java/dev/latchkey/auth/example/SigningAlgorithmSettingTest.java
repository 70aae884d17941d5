package dev.latchkey.auth.example;

import com.fasterxml.jackson.databind.JsonNode;
import dev.latchkey.auth.SigningAlgorithm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@code AUTH_SIGNING_ALGORITHM} picks how tokens are signed, and a deployment over a shared database server must name
 * its issuer ({@code AUTH_ISSUER}); bad or missing values stop start-up with one line naming the variable.
 */
class SigningAlgorithmSettingTest {
    @TempDir
    Path dataDir;

    @Test
    void signingAlgorithm_defaultsToRs256() {
        assertThat(Settings.fromEnvironment(Map.of()).signingAlgorithm()).isEqualTo(SigningAlgorithm.RS256);
    }

    @ParameterizedTest
    @ValueSource(strings = {"RS256", "ES256", "EDDSA", "EdDSA", "HS256", "hs256"})
    void signingAlgorithm_acceptsEachDocumentedValue(String value) {
        SigningAlgorithm chosen = Settings.fromEnvironment(Map.of("AUTH_SIGNING_ALGORITHM", value)).signingAlgorithm();

        assertThat(chosen.name()).isEqualToIgnoringCase(value);
    }

    @ParameterizedTest
    @EnumSource(value = SigningAlgorithm.class, names = {"ES256", "EDDSA", "HS256"})
    void signingAlgorithm_signsTheTokensThatProtectedRoutesAccept(SigningAlgorithm algorithm) {
        try (ExampleApp app = SigningKeyRotationTest.start(dataDir, Map.of("AUTH_SIGNING_ALGORITHM",
                algorithm.name()))) {
            Api api = new Api(app.port());
            String token = SigningKeyRotationTest.accessToken(app, Set.of("user"));

            String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    StandardCharsets.UTF_8);
            assertThat(header).contains("\"alg\":\"" + algorithm.jwsName() + "\"");
            api.get("/api/profile", token).ok(200);
            JsonNode keys = api.get("/.well-known/jwks.json").ok(200).path("keys");
            if (algorithm.isAsymmetric()) {
                assertThat(keys.findValuesAsText("alg")).containsOnly(algorithm.jwsName());
            } else {
                assertThat(keys).isEmpty();
            }
        }
    }

    @Test
    void signingAlgorithm_thatIsNotDocumented_stopsStartUpNamingIt() {
        String line = assertStopsNaming(env("AUTH_SIGNING_ALGORITHM", "none"), "AUTH_SIGNING_ALGORITHM");

        assertThat(line).contains("RS256", "ES256", "EDDSA", "HS256");
    }

    @ParameterizedTest
    @ValueSource(strings = {"jdbc:postgresql://127.0.0.1:1/app?user=app", "jdbc:mariadb://127.0.0.1:1/app?user=root"})
    void databaseServer_withoutIssuer_stopsStartUpNamingAuthIssuer(String url) {
        assertStopsNaming(env("AUTH_DB_URL", url), "AUTH_ISSUER");
    }

    @Test
    void databaseServer_withIssuer_isAccepted_andH2KeepsThePortDefault() {
        Settings server = Settings.fromEnvironment(Map.of("AUTH_DB_URL", "jdbc:postgresql://db/app", "AUTH_ISSUER",
                "https://auth.example.com"));
        Settings h2 = Settings.fromEnvironment(Map.of("PORT", "9090", "AUTH_DB_URL", "jdbc:h2:mem:x"));

        assertThat(server.issuer()).isEqualTo("https://auth.example.com");
        assertThat(h2.issuer()).isEqualTo("http://localhost:9090");
    }

    private Map<String, String> env(String... pairs) {
        Map<String, String> env = new HashMap<>(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_MASTER_KEY", SigningKeyRotationTest.KEY, "AUTH_DB_URL", "jdbc:h2:mem:signing-settings"));
        for (int i = 0; i < pairs.length; i += 2) {
            env.put(pairs[i], pairs[i + 1]);
        }
        return env;
    }

    private static String assertStopsNaming(Map<String, String> env, String variable) {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        int status;
        try (PrintStream err = new PrintStream(bytes, true, StandardCharsets.UTF_8)) {
            status = ExampleApp.launch(env, err);
        }
        String output = bytes.toString(StandardCharsets.UTF_8);

        assertThat(status).as(output).isEqualTo(2);
        assertThat(output.lines()).hasSize(1);
        assertThat(output).startsWith("latchkey-example: cannot start: " + variable);
        return output;
    }
}
