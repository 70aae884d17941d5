package dev.latchkey.auth.example;

import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.SecurityContext;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.User;
import dev.latchkey.auth.password.PasswordConfig;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.security.oauth2.core.OAuth2TokenValidator;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.JwtClaimNames;
import org.springframework.security.oauth2.jwt.JwtClaimValidator;
import org.springframework.security.oauth2.jwt.JwtIssuerValidator;
import org.springframework.security.oauth2.jwt.JwtTypeValidator;
import org.springframework.security.oauth2.jwt.JwtValidationException;
import org.springframework.security.oauth2.jwt.JwtValidators;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Consumer;

import static dev.latchkey.auth.example.Api.quote;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A Spring Security resource server that knows only the app's JWKS accepts the app's RS256 access tokens when it is
 * configured as the root README's "Verifying tokens elsewhere" says, and rejects a token for another audience.
 *
 * <p>The decoder is Spring Security's own {@link NimbusJwtDecoder} over the JWKS JSON the app serves at
 * {@code /.well-known/jwks.json}; the tokens come from {@code POST /api/auth/login}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class SpringResourceServerTest {
    private static final String ISSUER = "https://auth.example.test";
    private static final String PASSWORD = "Vivid-Otter-Lantern-42";
    private static final String KEY = Base64.getEncoder()
            .encodeToString("example-app test master key, 32B".getBytes(java.nio.charset.StandardCharsets.US_ASCII));
    private static final Consumer<dev.latchkey.auth.AuthConfig.Builder> FAST_PASSWORDS =
            config -> config.passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(4).build());

    private ExampleApp app;
    private ExampleApp otherAudience;
    private String email;
    private User user;

    @BeforeAll
    void startApps(@TempDir Path dataDir) {
        Settings settings = Settings.fromEnvironment(Map.of("PORT", "0", "AUTH_DATA_DIR", dataDir.toString(),
                "AUTH_MASTER_KEY", KEY, "AUTH_ISSUER", ISSUER,
                "AUTH_DB_URL", "jdbc:h2:mem:spring-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1"));
        app = ExampleApp.start(settings, FAST_PASSWORDS);
        // A second service over the same database and master key, so the same signing keys, for another API.
        otherAudience = ExampleApp.start(settings, FAST_PASSWORDS.andThen(config -> config.audience("other-api")));
        email = "spring-" + UUID.randomUUID() + "@example.com";
        user = app.authService().accounts().register(Registration.newBuilder().email(email).password(PASSWORD)
                .build());
    }

    @AfterAll
    void stopApps() {
        if (otherAudience != null) {
            otherAudience.close();
        }
        if (app != null) {
            app.close();
        }
    }

    @Test
    void springNimbusJwtDecoder_withAtJwtValidator_acceptsALatchkeyRs256Token() throws Exception {
        Jwt jwt = readmeDecoder().decode(accessToken(app));

        assertThat(jwt.getHeaders()).containsEntry("typ", "at+jwt").containsEntry("alg", "RS256");
        assertThat(jwt.getSubject()).isEqualTo(user.id());
        assertThat(jwt.getIssuer()).hasToString(ISSUER);
        assertThat(jwt.getAudience()).containsExactly(ExampleApp.AUDIENCE);
        assertThat(jwt.getClaimAsString("client_id")).isEqualTo(ExampleApp.AUDIENCE);
        assertThat(jwt.getId()).isNotBlank();
        assertThat(jwt.getIssuedAt()).isNotNull();
        assertThat(jwt.getExpiresAt()).isAfter(jwt.getIssuedAt());
    }

    @Test
    void springNimbusJwtDecoder_withAtJwtValidator_rejectsATokenForAnotherAudience() throws Exception {
        String foreign = accessToken(otherAudience);
        assertThat(jwks(otherAudience)).isEqualTo(jwks(app)); // signed by a key the decoder trusts

        assertThatThrownBy(() -> readmeDecoder().decode(foreign))
                .isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("aud");
    }

    @Test
    void springBootDefaults_rejectAtJwt_untilAJwtTypeValidatorBeanReplacesTheirs() throws Exception {
        String token = accessToken(app);
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource()).build();
        OAuth2TokenValidator<Jwt> issuer = new JwtIssuerValidator(ISSUER);
        OAuth2TokenValidator<Jwt> audience = new JwtClaimValidator<List<String>>(JwtClaimNames.AUD,
                aud -> aud != null && aud.contains(ExampleApp.AUDIENCE));

        // What Spring Boot 4.0.1+ builds from jwk-set-uri, issuer-uri and audiences alone: Spring's defaults, whose
        // type validator accepts only "JWT" or no typ.
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(issuer, audience)));
        assertThatThrownBy(() -> decoder.decode(token)).isInstanceOf(JwtValidationException.class)
                .hasMessageContaining("typ");

        // The same with the README's one bean, JwtTypeValidator("at+jwt"), among the validators: it takes the place
        // of the default type validator, and the token is accepted.
        decoder.setJwtValidator(JwtValidators.createDefaultWithValidators(List.of(issuer, audience,
                new JwtTypeValidator("at+jwt"))));
        assertThat(decoder.decode(token).getSubject()).isEqualTo(user.id());
    }

    /** The decoder exactly as the README configures one by hand: the JWKS, and RFC 9068's validator. */
    private NimbusJwtDecoder readmeDecoder() throws Exception {
        NimbusJwtDecoder decoder = NimbusJwtDecoder.withJwkSource(jwkSource()).build();
        decoder.setJwtValidator(JwtValidators.createAtJwtValidator()
                .audience(ExampleApp.AUDIENCE).issuer(ISSUER).clientId(ExampleApp.AUDIENCE).build());
        return decoder;
    }

    private ImmutableJWKSet<SecurityContext> jwkSource() throws Exception {
        return new ImmutableJWKSet<>(JWKSet.parse(jwks(app)));
    }

    private static String jwks(ExampleApp instance) {
        Api.Reply reply = new Api(instance.port()).get("/.well-known/jwks.json");
        assertThat(reply.status()).isEqualTo(200);
        return reply.body();
    }

    private String accessToken(ExampleApp instance) {
        return new Api(instance.port()).post("/api/auth/login", "{\"email\":" + quote(email) + ",\"password\":"
                + quote(PASSWORD) + "}").ok(200).path("access_token").asText();
    }
}
