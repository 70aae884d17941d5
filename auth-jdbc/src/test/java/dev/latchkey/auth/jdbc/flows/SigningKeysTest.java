package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.token.SigningConfig;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.OctetKeyPair;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import com.sun.net.httpserver.HttpServer;
import com.zaxxer.hikari.HikariDataSource;
import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.SigningAlgorithm;
import dev.latchkey.auth.SigningKey;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import dev.latchkey.auth.jdbc.TestDatabase;
import dev.latchkey.auth.jdbc.internal.Tables;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.ChallengeStore;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.OtpCodeStore;
import dev.latchkey.auth.store.RateLimitStore;
import dev.latchkey.auth.store.RefreshTokenStore;
import dev.latchkey.auth.store.SigningKeyStore;
import dev.latchkey.auth.store.StoredSigningKey;
import dev.latchkey.auth.store.UserStore;
import org.jdbi.v3.core.Jdbi;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.math.BigInteger;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.security.KeyFactory;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.PKCS8EncodedKeySpec;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Date;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Asymmetric access tokens over the shared key set in the database: instances agree on keys, rotation publishes
 * before it signs and keeps old tokens valid, the JWKS is enough for a foreign verifier, private keys are encrypted at
 * rest, and forged tokens fail with {@code invalid_token}.
 */
class SigningKeysTest {
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();

    private static AuthFixture fixture(TestDatabase db, SigningAlgorithm algorithm) {
        return new AuthFixture(db, b -> b.signing(SigningConfig.newBuilder().algorithm(algorithm).build()));
    }

    private static String kid(String token) {
        String header = new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                StandardCharsets.UTF_8);
        return header.replaceAll(".*\"kid\":\"([^\"]+)\".*", "$1");
    }

    private static List<String> jwksKids(AuthService auth) throws Exception {
        return JWKSet.parse(auth.tokens().publicJwks()).getKeys().stream().map(JWK::getKeyID).toList();
    }

    private static String login(AuthFixture fx, AuthService auth, String email) {
        return auth.passwords().login(dev.latchkey.auth.Contact.email(email), AuthFixture.PASSWORD, CLIENT).sessionOrThrow().accessToken();
    }

    private static void assertInvalid(AuthService auth, String token) {
        assertThatThrownBy(() -> auth.tokens().verify(token))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.code()).isEqualTo(AuthErrorCode.INVALID_TOKEN));
    }

    private static List<StoredSigningKey> rows(AuthFixture fx) {
        return fx.stores.signingKeys().orElseThrow().findAll();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void tokenFromInstanceA_verifiesOnInstanceB(TestDatabase db) {
        try (AuthFixture fx = fixture(db, SigningAlgorithm.RS256)) {
            fx.registerEmail("a@example.com");
            AuthService b = fx.secondInstance();

            String token = fx.loginEmail("a@example.com").accessToken();

            assertThat(b.tokens().verify(token).userId()).isEqualTo(fx.auth.tokens().verify(token).userId());
            assertThat(kid(login(fx, b, "a@example.com"))).isEqualTo(kid(token));
            assertThat(rows(fx)).hasSize(1);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void changingTheConfiguredAlgorithm_publishesAKeyInItThatSignsAfterTheLead(TestDatabase db) throws Exception {
        try (AuthFixture fx = fixture(db, SigningAlgorithm.RS256)) {
            fx.registerEmail("switch@example.com");
            String before = login(fx, fx.auth, "switch@example.com");
            AuthService es = AuthService.newBuilder(fx.configBuilder().signing(SigningConfig.newBuilder().algorithm(SigningAlgorithm.ES256).build()).build(),
                    fx.stores).build();
            assertThat(headerAlg(login(fx, es, "switch@example.com"))).as("the RS256 key still signs during the lead")
                    .isEqualTo("RS256");
            assertThat(es.tokens().publicJwks()).contains("\"EC\"");
            assertThat(headerAlg(before)).isEqualTo("RS256");
            fx.clock.advance(Duration.ofMinutes(55));
            String lastRsa = login(fx, es, "switch@example.com");
            assertThat(headerAlg(lastRsa)).isEqualTo("RS256");
            fx.clock.advance(Duration.ofMinutes(5).plusSeconds(1));
            String after = login(fx, es, "switch@example.com");
            assertThat(headerAlg(after)).isEqualTo("ES256");
            assertThat(es.tokens().verify(lastRsa).userId()).as("RS256 tokens verify until they expire").isNotBlank();
        }
    }

    private static String headerAlg(String token) throws Exception {
        return com.nimbusds.jwt.SignedJWT.parse(token).getHeader().getAlgorithm().getName();
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void instancesStartingTogether_createExactlyOneKey(TestDatabase db) throws Exception {
        try (AuthFixture fx = new AuthFixture(db)) {
            int instances = 8;
            List<JdbcAuthStores> stores = new ArrayList<>();
            for (int i = 0; i < instances; i++) {
                stores.add(fx.newStores());
            }
            AuthConfig config = fx.configBuilder().signing(SigningConfig.newBuilder().algorithm(SigningAlgorithm.ES256).build()).build();

            List<AuthService> services = race(instances, i -> () -> AuthService.newBuilder(config, stores.get(i)).build());

            assertThat(rows(fx)).hasSize(1);
            assertThat(services).extracting(s -> s.tokens().publicJwks()).containsOnly(services.get(0).tokens().publicJwks());
            fx.registerEmail("a@example.com");
            String token = login(fx, services.get(3), "a@example.com");
            for (AuthService s : services) {
                assertThat(s.tokens().verify(token).userId()).isNotBlank();
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rotationOnA_isPublishedFirst_thenSignsOnB_andOldTokensStayValidUntilTheyExpire(TestDatabase db)
            throws Exception {
        try (AuthFixture fx = fixture(db, SigningAlgorithm.RS256)) {
            fx.registerEmail("a@example.com");
            AuthService b = fx.secondInstance();
            String oldKid = kid(fx.loginEmail("a@example.com").accessToken());

            String newKid = fx.auth.tokens().rotateSigningKey();

            assertThat(jwksKids(fx.auth)).containsExactlyInAnyOrder(oldKid, newKid);
            fx.clock.advance(Duration.ofMinutes(5));
            assertThat(jwksKids(b)).as("B publishes the next key within its refresh interval").contains(newKid);
            assertThat(kid(login(fx, b, "a@example.com"))).as("but does not sign with it yet").isEqualTo(oldKid);

            fx.clock.advance(Duration.ofMinutes(55).minusSeconds(1));
            String lastOld = fx.loginEmail("a@example.com").accessToken();
            assertThat(kid(lastOld)).isEqualTo(oldKid);
            fx.clock.advance(Duration.ofSeconds(1));

            assertThat(kid(login(fx, b, "a@example.com"))).isEqualTo(newKid);
            assertThat(kid(fx.loginEmail("a@example.com").accessToken())).isEqualTo(newKid);
            fx.clock.advance(Duration.ofMinutes(14));
            assertThat(b.tokens().verify(lastOld).userId()).as("old tokens stay valid until they expire").isNotBlank();
            assertThat(jwksKids(b)).contains(oldKid);

            fx.clock.advance(Duration.ofMinutes(2).plusSeconds(1));
            assertThat(jwksKids(b)).containsExactly(newKid);
            assertThat(fx.auth.purgeExpired()).isGreaterThanOrEqualTo(1);
            assertThat(rows(fx)).extracting(StoredSigningKey::keyId).containsExactly(newKid);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void rotateSigningKey_twiceBeforeActivation_keepsTheSamePublishedKey(TestDatabase db) {
        try (AuthFixture fx = fixture(db, SigningAlgorithm.EDDSA)) {
            String first = fx.auth.tokens().rotateSigningKey();

            assertThat(fx.secondInstance().tokens().rotateSigningKey()).isEqualTo(first);
            assertThat(rows(fx)).hasSize(2);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void scheduledRotation_publishesTheNextKeyALeadAhead_andActivatesItAfterThePeriod(TestDatabase db)
            throws Exception {
        try (AuthFixture fx = new AuthFixture(db, b -> b.signing(SigningConfig.newBuilder().algorithm(SigningAlgorithm.ES256)
                .rotationPeriod(Duration.ofDays(1)).publishLead(Duration.ofHours(2)).build()))) {
            fx.registerEmail("a@example.com");
            String firstKid = kid(fx.loginEmail("a@example.com").accessToken());

            fx.clock.advance(Duration.ofHours(22));
            List<String> published = jwksKids(fx.auth);
            assertThat(published).hasSize(2).contains(firstKid);
            assertThat(kid(fx.loginEmail("a@example.com").accessToken())).isEqualTo(firstKid);

            fx.clock.advance(Duration.ofHours(2));
            assertThat(kid(fx.loginEmail("a@example.com").accessToken())).isNotEqualTo(firstKid).isIn(published);
        }
    }

    @ParameterizedTest
    @EnumSource(value = SigningAlgorithm.class, names = {"RS256", "ES256"})
    void foreignVerifier_builtFromThePublishedJwks_acceptsOurTokens(SigningAlgorithm algorithm) throws Exception {
        for (TestDatabase db : TestDatabase.values()) {
            try (AuthFixture fx = fixture(db, algorithm)) {
                fx.registerEmail("a@example.com");
                String token = fx.loginEmail("a@example.com").accessToken();

                DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
                processor.setJWSTypeVerifier(new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt")));
                processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(algorithm.jwsName()),
                        new ImmutableJWKSet<>(JWKSet.parse(fx.auth.tokens().publicJwks()))));
                processor.setJWTClaimsSetVerifier(new DefaultJWTClaimsVerifier<>("test-api",
                        new JWTClaimsSet.Builder().issuer("https://auth.test").build(), Set.of("sub", "exp", "iat", "jti")) {
                    @Override
                    protected Date currentTime() {
                        return Date.from(fx.clock.instant());
                    }
                });
                JWTClaimsSet claims = processor.process(token, null);

                assertThat(claims.getSubject()).isEqualTo(fx.auth.tokens().verify(token).userId());
            }
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void eddsaToken_verifiesWithTheJdkAgainstThePublishedOkpKey(TestDatabase db) throws Exception {
        try (AuthFixture fx = fixture(db, SigningAlgorithm.EDDSA)) {
            fx.registerEmail("a@example.com");
            String token = fx.loginEmail("a@example.com").accessToken();
            OctetKeyPair jwk = (OctetKeyPair) JWKSet.parse(fx.auth.tokens().publicJwks()).getKeyByKeyId(kid(token));
            byte[] spki = new byte[44];
            System.arraycopy(java.util.HexFormat.of().parseHex("302a300506032b6570032100"), 0, spki, 0, 12);
            System.arraycopy(jwk.getX().decode(), 0, spki, 12, 32);

            Signature verifier = Signature.getInstance("Ed25519");
            verifier.initVerify(KeyFactory.getInstance("Ed25519")
                    .generatePublic(new java.security.spec.X509EncodedKeySpec(spki)));
            verifier.update(token.substring(0, token.lastIndexOf('.')).getBytes(StandardCharsets.US_ASCII));

            assertThat(verifier.verify(Base64.getUrlDecoder().decode(token.substring(token.lastIndexOf('.') + 1))))
                    .isTrue();
            assertThat(jwk.getAlgorithm().getName()).isEqualTo("EdDSA");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void privateKeysAtRest_areEncrypted_andAnInstanceWithAnotherKeyEncryptionKeyCannotStart(TestDatabase db) {
        try (AuthFixture fx = fixture(db, SigningAlgorithm.RS256)) {
            StoredSigningKey row = rows(fx).get(0);
            assertThat(row.encryptedPrivateKey()).as("tagged with its master key's id").matches("@[\\w-]{12}:.*");
            byte[] sealed = Base64.getDecoder().decode(row.encryptedPrivateKey().substring(14));

            assertThatThrownBy(() -> KeyFactory.getInstance("RSA").generatePrivate(new PKCS8EncodedKeySpec(sealed)))
                    .isInstanceOf(java.security.GeneralSecurityException.class);
            assertThatThrownBy(() -> KeyFactory.getInstance("RSA")
                    .generatePrivate(new PKCS8EncodedKeySpec(Arrays.copyOfRange(sealed, 12, sealed.length - 16))))
                    .isInstanceOf(java.security.GeneralSecurityException.class);
            AuthConfig otherKey = fx.configBuilder().keyEncryptionKey(new byte[32]).build();
            assertThatThrownBy(() -> AuthService.newBuilder(otherKey, fx.newStores()).build())
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("mismatch");
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void publicKeySwappedInTheDatabase_makesTheRowUnusable(TestDatabase db) throws Exception {
        try (AuthFixture fx = fixture(db, SigningAlgorithm.RS256); HikariDataSource pool = db.newDataSource()) {
            KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
            g.initialize(2048);
            String attackerPublic = Base64.getEncoder().encodeToString(g.generateKeyPair().getPublic().getEncoded());
            Jdbi.create(pool).useHandle(h -> h.createUpdate("UPDATE " + Tables.withPrefix(fx.prefix).signingKeys() + " SET public_key = :p")
                    .bind("p", attackerPublic).execute());

            assertThatThrownBy(fx::secondInstance).isInstanceOf(IllegalStateException.class);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void unknownKid_failsFastWithoutReadingTheStore(TestDatabase db) throws Exception {
        try (AuthFixture fx = fixture(db, SigningAlgorithm.ES256)) {
            CountingStores counting = new CountingStores(fx.stores);
            AuthService auth = AuthService.newBuilder(fx.configBuilder().build(), counting).build();
            int readsAfterStart = counting.reads.get();
            String header = B64.encodeToString("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"not-ours\"}"
                    .getBytes(StandardCharsets.UTF_8));

            for (int i = 0; i < 100; i++) {
                assertInvalid(auth, header + ".e30." + B64.encodeToString(new byte[64]));
            }

            assertThat(counting.reads).hasValue(readsAfterStart);
        }
    }

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void jwtAttacks_againstTheService_areRejectedWithInvalidToken(TestDatabase db) throws Exception {
        try (AuthFixture fx = fixture(db, SigningAlgorithm.ES256)) {
            fx.registerEmail("a@example.com");
            String good = fx.loginEmail("a@example.com").accessToken();
            String[] parts = good.split("\\.");
            String kid = kid(good);
            byte[] publicDer = Base64.getDecoder().decode(rows(fx).get(0).publicKey());
            AtomicInteger requests = new AtomicInteger();
            HttpServer server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
            server.createContext("/", exchange -> {
                requests.incrementAndGet();
                exchange.sendResponseHeaders(404, -1);
                exchange.close();
            });
            server.start();
            try {
                List<String> attacks = new ArrayList<>();
                for (String none : List.of("none", "None", "NONE", "nOnE")) {
                    attacks.add(b64("{\"alg\":\"" + none + "\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}") + "." + parts[1] + ".");
                }
                String hsHeader = b64("{\"alg\":\"HS256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"}");
                attacks.add(hsHeader + "." + parts[1] + "." + hmac(publicDer, hsHeader + "." + parts[1]));
                attacks.add(parts[0] + "." + parts[1] + "." + B64.encodeToString(new byte[64]));
                byte[] n = Arrays.copyOfRange(new BigInteger(
                        "00FFFFFFFF00000000FFFFFFFFFFFFFFFFBCE6FAADA7179E84F3B9CAC2FC632551", 16).toByteArray(), 1, 33);
                byte[] rs = new byte[64];
                System.arraycopy(n, 0, rs, 0, 32);
                System.arraycopy(n, 0, rs, 32, 32);
                attacks.add(parts[0] + "." + parts[1] + "." + B64.encodeToString(rs));
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(256);
                KeyPair attacker = g.generateKeyPair();
                String base = "http://127.0.0.1:" + server.getAddress().getPort();
                for (String extra : List.of(",\"jku\":\"" + base + "/jwks.json\"", ",\"x5u\":\"" + base + "/c.pem\"",
                        ",\"jwk\":" + new com.nimbusds.jose.jwk.ECKey.Builder(com.nimbusds.jose.jwk.Curve.P_256,
                                (java.security.interfaces.ECPublicKey) attacker.getPublic()).build().toJSONString())) {
                    String header = b64("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"" + kid + "\"" + extra + "}");
                    attacks.add(header + "." + parts[1] + "." + es256(attacker, header + "." + parts[1]));
                }
                for (String hostile : List.of("../../etc/passwd", "' OR '1'='1", "")) {
                    String header = b64("{\"alg\":\"ES256\",\"typ\":\"at+jwt\",\"kid\":\"" + hostile + "\"}");
                    attacks.add(header + "." + parts[1] + "." + es256(attacker, header + "." + parts[1]));
                }
                attacks.add(parts[0] + "." + b64(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8)
                        .replace("\"sid\":\"", "\"sid\":\"x")) + "." + parts[2]);
                attacks.add(parts[0] + "." + "A".repeat(1024 * 1024) + "." + parts[2]);
                attacks.add("refresh-token-like-" + B64.encodeToString(new byte[32]));

                for (String attack : attacks) {
                    assertInvalid(fx.auth, attack);
                }
                assertThat(attacks).hasSizeGreaterThanOrEqualTo(15);
                assertThat(fx.auth.tokens().verify(good).userId()).isNotBlank();
            } finally {
                server.stop(0);
            }
            assertThat(requests).hasValue(0);
        }
    }

    @Test
    void byDefault_tokensStayHs256_withAnEmptyJwksAndNoStoredKey() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            fx.registerEmail("a@example.com");
            String token = fx.loginEmail("a@example.com").accessToken();

            assertThat(new String(Base64.getUrlDecoder().decode(token.substring(0, token.indexOf('.'))),
                    StandardCharsets.UTF_8)).contains("\"HS256\"");
            assertThat(fx.auth.tokens().publicJwks()).isEqualTo("{\"keys\":[]}");
            assertThat(rows(fx)).isEmpty();
            assertCode(() -> fx.auth.tokens().rotateSigningKey(), AuthErrorCode.VALIDATION_FAILED);
        }
    }

    @Test
    void hostSuppliedKeys_signWithTheFirstAndVerifyWithTheRest() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("Ed25519");
        KeyPair old = g.generateKeyPair();
        KeyPair current = g.generateKeyPair();
        try (AuthFixture oldFx = new AuthFixture(TestDatabase.H2, b -> b.signing(SigningConfig.newBuilder().keys(List.of(SigningKey.of("old", old))).build()));
             AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.signing(SigningConfig.newBuilder().keys(List.of(
                     SigningKey.of("current", current), SigningKey.verificationOnly("old", old.getPublic()))).build()))) {
            oldFx.registerEmail("a@example.com");
            String oldToken = oldFx.loginEmail("a@example.com").accessToken();
            fx.registerEmail("a@example.com");

            VerifiedAccessToken verified = fx.auth.tokens().verify(oldToken);

            assertThat(verified.userId()).isNotBlank();
            assertThat(kid(fx.loginEmail("a@example.com").accessToken())).isEqualTo("current");
            assertThat(jwksKids(fx.auth)).containsExactly("current", "old");
            assertThat(rows(fx)).isEmpty();
        }
    }

    @Test
    void asymmetricAlgorithm_withoutASigningKeyStore_failsAtBuild() {
        try (AuthFixture fx = new AuthFixture(TestDatabase.H2)) {
            AuthStores withoutKeys = new CountingStores(fx.stores) {
                @Override
                public Optional<SigningKeyStore> signingKeys() {
                    return Optional.empty();
                }
            };
            AuthConfig config = fx.configBuilder().signing(SigningConfig.newBuilder().algorithm(SigningAlgorithm.RS256).build()).build();

            assertThatThrownBy(() -> AuthService.newBuilder(config, withoutKeys).build())
                    .isInstanceOf(IllegalStateException.class).hasMessageContaining("SigningKeyStore");
        }
    }

    private static String b64(String json) {
        return B64.encodeToString(json.getBytes(StandardCharsets.UTF_8));
    }

    private static String hmac(byte[] key, String input) throws Exception {
        javax.crypto.Mac mac = javax.crypto.Mac.getInstance("HmacSHA256");
        mac.init(new javax.crypto.spec.SecretKeySpec(key, "HmacSHA256"));
        return B64.encodeToString(mac.doFinal(input.getBytes(StandardCharsets.US_ASCII)));
    }

    private static String es256(KeyPair pair, String input) throws Exception {
        Signature s = Signature.getInstance("SHA256withECDSAinP1363Format");
        s.initSign(pair.getPrivate());
        s.update(input.getBytes(StandardCharsets.US_ASCII));
        return B64.encodeToString(s.sign());
    }

    private static <T> List<T> race(int n, java.util.function.IntFunction<Callable<T>> call) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(n);
        CountDownLatch gate = new CountDownLatch(1);
        try {
            List<Future<T>> futures = new ArrayList<>();
            for (int i = 0; i < n; i++) {
                Callable<T> c = call.apply(i);
                futures.add(pool.submit(() -> {
                    gate.await();
                    return c.call();
                }));
            }
            gate.countDown();
            List<T> out = new ArrayList<>();
            for (Future<T> f : futures) {
                out.add(f.get(120, TimeUnit.SECONDS));
            }
            return out;
        } finally {
            pool.shutdownNow();
        }
    }

    /** Stores that count reads of the signing-key table. */
    private static class CountingStores implements AuthStores {
        final AtomicInteger reads = new AtomicInteger();
        private final JdbcAuthStores delegate;
        private final SigningKeyStore keys;

        CountingStores(JdbcAuthStores delegate) {
            this.delegate = delegate;
            SigningKeyStore inner = delegate.signingKeys().orElseThrow();
            this.keys = new SigningKeyStore() {
                @Override
                public List<StoredSigningKey> findAll() {
                    reads.incrementAndGet();
                    return inner.findAll();
                }

                @Override
                public boolean insertIfAbsent(StoredSigningKey key) {
                    return inner.insertIfAbsent(key);
                }

                @Override
                public boolean delete(String keyId) {
                    return inner.delete(keyId);
                }

                @Override
                public boolean replaceEncryptedPrivateKey(String keyId, String expected, String replacement) {
                    return inner.replaceEncryptedPrivateKey(keyId, expected, replacement);
                }
            };
        }

        @Override
        public UserStore users() {
            return delegate.users();
        }

        @Override
        public RefreshTokenStore refreshTokens() {
            return delegate.refreshTokens();
        }

        @Override
        public OtpCodeStore otpCodes() {
            return delegate.otpCodes();
        }

        @Override
        public RateLimitStore rateLimits() {
            return delegate.rateLimits();
        }

        @Override
        public CredentialStore credentials() {
            return delegate.credentials();
        }

        @Override
        public ChallengeStore challenges() {
            return delegate.challenges();
        }

        @Override
        public Optional<SigningKeyStore> signingKeys() {
            return Optional.of(keys);
        }

        @Override
        public <T> T inTransaction(Supplier<T> work) {
            return delegate.inTransaction(work);
        }
    }
}
