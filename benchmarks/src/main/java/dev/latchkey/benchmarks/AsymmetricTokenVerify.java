package dev.latchkey.benchmarks;

import dev.latchkey.auth.token.SigningConfig;
import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSVerifier;
import com.nimbusds.jose.crypto.ECDSAVerifier;
import com.nimbusds.jose.crypto.RSASSAVerifier;
import com.nimbusds.jose.jwk.JWK;
import com.nimbusds.jose.jwk.JWKSet;
import com.nimbusds.jose.jwk.source.ImmutableJWKSet;
import com.nimbusds.jose.proc.JWSVerificationKeySelector;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import com.nimbusds.jwt.proc.DefaultJWTProcessor;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.SigningAlgorithm;
import dev.latchkey.auth.SigningKey;
import dev.latchkey.auth.VerifiedAccessToken;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import java.nio.charset.StandardCharsets;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.interfaces.RSAPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Asymmetric access-token verification for each algorithm of Latchkey's {@code SigningAlgorithm} (RS256 with a
 * 2048-bit key, ES256 on P-256, EdDSA on Ed25519): Latchkey's {@code tokens().verify} on fresh tokens and on one
 * token over and over, beside each peer that supports the algorithm verifying that same Latchkey token with the public
 * key from Latchkey's JWKS. {@link #jdkSignatureOnly} is the JDK's signature check alone, with no parsing: the floor
 * under every library.
 *
 * <p>Not measured: Nimbus and Spring on EdDSA (Nimbus's Ed25519 verifier needs Google Tink on the class path) and
 * java-jwt on EdDSA (unsupported).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class AsymmetricTokenVerify {
    @Param({"RS256", "ES256", "EdDSA"})
    public String alg;

    TokenSource source;
    AuthService auth;
    String token;
    PublicKey publicKey;
    JWSVerifier nimbusVerifier;
    DefaultJWTClaimsVerifier<com.nimbusds.jose.proc.SecurityContext> nimbusClaims;
    NimbusJwtDecoder spring;
    JwtParser jjwt;
    JWTVerifier auth0;
    String jdkAlgorithm;
    byte[] signingInput;
    byte[] signature;

    @Setup
    public void setUp() throws Exception {
        KeyPair pair = keyPair(alg);
        publicKey = pair.getPublic();
        source = new TokenSource(Accounts.configBuilder(4)
                .signing(SigningConfig.newBuilder()
                        .algorithm(alg.equals("EdDSA") ? SigningAlgorithm.EDDSA : SigningAlgorithm.valueOf(alg))
                        .keys(List.of(SigningKey.of("bench-" + alg.toLowerCase(java.util.Locale.ROOT), pair)))
                        .build())
                .build());
        auth = source.auth();
        token = source.token();
        if (!SignedJWT.parse(token).getHeader().getAlgorithm().getName().equals(alg)) {
            throw new IllegalStateException("Latchkey did not sign with " + alg);
        }
        auth.tokens().verify(token);
        int dot2 = token.lastIndexOf('.');
        signingInput = token.substring(0, dot2).getBytes(StandardCharsets.US_ASCII);
        signature = Base64.getUrlDecoder().decode(token.substring(dot2 + 1));
        jdkAlgorithm = switch (alg) {
            case "RS256" -> "SHA256withRSA";
            case "ES256" -> "SHA256withECDSAinP1363Format";
            default -> "Ed25519";
        };
        jjwt = Jwts.parser().verifyWith(publicKey)
                .requireIssuer(Accounts.ISSUER).requireAudience(Accounts.AUDIENCE).build();
        jjwt.parseSignedClaims(token);
        if (!jdkSignatureOnly()) {
            throw new IllegalStateException("the JDK rejects the " + alg + " token");
        }
        if (!alg.equals("EdDSA")) {
            nimbusClaims = Peers.nimbusClaimsVerifier();
            JWK jwk;
            if (alg.equals("RS256")) {
                nimbusVerifier = new RSASSAVerifier((RSAPublicKey) publicKey);
                jwk = JWKSet.parse(auth.tokens().publicJwks()).getKeys().get(0);
                auth0 = JWT.require(Algorithm.RSA256((RSAPublicKey) publicKey, null))
                        .withIssuer(Accounts.ISSUER).withAudience(Accounts.AUDIENCE).build();
            } else {
                nimbusVerifier = new ECDSAVerifier((ECPublicKey) publicKey);
                jwk = JWKSet.parse(auth.tokens().publicJwks()).getKeys().get(0);
                auth0 = JWT.require(Algorithm.ECDSA256((ECPublicKey) publicKey, null))
                        .withIssuer(Accounts.ISSUER).withAudience(Accounts.AUDIENCE).build();
            }
            // What NimbusJwtDecoder.withJwkSetUri builds inside, with Latchkey's JWKS held locally.
            DefaultJWTProcessor<SecurityContext> processor = new DefaultJWTProcessor<>();
            processor.setJWSKeySelector(new JWSVerificationKeySelector<>(JWSAlgorithm.parse(alg),
                    new ImmutableJWKSet<>(new JWKSet(jwk))));
            processor.setJWSTypeVerifier((type, context) -> { }); // Spring checks typ in its validator
            processor.setJWTClaimsSetVerifier((claims, context) -> { });
            spring = Peers.withValidators(new NimbusJwtDecoder(processor));
            nimbus();
            spring.decode(token);
            auth0.verify(token);
        }
    }

    static KeyPair keyPair(String alg) throws Exception {
        switch (alg) {
            case "RS256": {
                KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
                g.initialize(2048);
                return g.generateKeyPair();
            }
            case "ES256": {
                KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
                g.initialize(new ECGenParameterSpec("secp256r1"));
                return g.generateKeyPair();
            }
            case "EdDSA":
                return KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
            default:
                throw new IllegalArgumentException(alg);
        }
    }

    /**
     * Distinct Latchkey tokens, made once per fork: more than the 10,000 verified tokens the codec remembers, which
     * it forgets all at once when full, so walking them in order never finds one remembered.
     */
    @State(Scope.Benchmark)
    public static class FreshPool {
        static final int POOL = 12_288;
        String[] tokens;

        @Setup
        public void setUp(AsymmetricTokenVerify bench) {
            tokens = bench.source.freshTokens(POOL);
        }
    }

    /** This thread's place in the pool; threads start half a pool apart. */
    @State(Scope.Thread)
    public static class FreshTokens {
        String[] tokens;
        int next;

        @Setup
        public void setUp(FreshPool pool, ThreadParams thread) {
            tokens = pool.tokens;
            next = (thread.getThreadIndex() * (FreshPool.POOL / 2)) % FreshPool.POOL;
        }

        String next() {
            String t = tokens[next];
            next = next + 1 == FreshPool.POOL ? 0 : next + 1;
            return t;
        }
    }

    @Benchmark
    public VerifiedAccessToken latchkeyFresh(FreshTokens fresh) {
        return auth.tokens().verify(fresh.next());
    }

    @Benchmark
    public VerifiedAccessToken latchkeySeenBefore() {
        return auth.tokens().verify(token);
    }

    @Benchmark
    public JWTClaimsSet nimbus() throws Exception {
        SignedJWT jwt = SignedJWT.parse(token);
        Peers.AT_JWT_TYPE.verify(jwt.getHeader().getType(), null);
        if (!jwt.verify(nimbusVerifier)) {
            throw new IllegalStateException("bad signature");
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        nimbusClaims.verify(claims, null);
        return claims;
    }

    @Benchmark
    public Jwt springNimbusJwtDecoder() {
        return spring.decode(token);
    }

    @Benchmark
    public Claims jjwt() {
        return jjwt.parseSignedClaims(token).getPayload();
    }

    @Benchmark
    public Object auth0JavaJwt() {
        return auth0.verify(token);
    }

    @Benchmark
    public boolean jdkSignatureOnly() throws Exception {
        Signature s = Signature.getInstance(jdkAlgorithm);
        s.initVerify(publicKey);
        s.update(signingInput);
        return s.verify(signature);
    }
}
