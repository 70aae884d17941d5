package dev.latchkey.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.JWTVerifier;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jose.proc.DefaultJOSEObjectTypeVerifier;
import com.nimbusds.jose.proc.SecurityContext;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import com.nimbusds.jwt.proc.DefaultJWTClaimsVerifier;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.VerifiedAccessToken;
import io.jsonwebtoken.Claims;
import io.jsonwebtoken.JwtParser;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.infra.ThreadParams;
import org.springframework.security.oauth2.jwt.Jwt;
import org.springframework.security.oauth2.jwt.NimbusJwtDecoder;

import javax.crypto.SecretKey;
import javax.crypto.spec.SecretKeySpec;
import java.util.concurrent.TimeUnit;

/**
 * HS256 access-token verification: Latchkey's {@code tokens().verify} on tokens it has not seen and on one token
 * over and over, beside each peer verifying that same Latchkey token with the same checks (signature, {@code iss},
 * {@code aud}, {@code exp}/{@code iat}/{@code nbf}, and the {@code at+jwt} type where the library checks types).
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
public class HsTokenVerify {

    /** The service, one token, and every peer's verifier for it; shared by all threads (all are thread-safe). */
    @State(Scope.Benchmark)
    public static class Verifiers {
        AuthService auth;
        String token;
        TokenSource source;
        MACVerifier nimbusMac;
        DefaultJWTClaimsVerifier<SecurityContext> nimbusClaims;
        DefaultJOSEObjectTypeVerifier<SecurityContext> nimbusType;
        SignedJWT preParsed;
        NimbusJwtDecoder spring;
        JwtParser jjwt;
        JWTVerifier auth0;

        @Setup
        public void setUp() throws Exception {
            source = new TokenSource();
            auth = source.auth();
            token = source.token();
            byte[] key = Accounts.accessTokenKey();
            SecretKey secret = new SecretKeySpec(key, "HmacSHA256");
            nimbusMac = new MACVerifier(key);
            nimbusType = new DefaultJOSEObjectTypeVerifier<>(new JOSEObjectType("at+jwt"));
            nimbusClaims = Peers.nimbusClaimsVerifier();
            preParsed = SignedJWT.parse(token);
            spring = Peers.spring(NimbusJwtDecoder.withSecretKey(secret)
                    .macAlgorithm(org.springframework.security.oauth2.jose.jws.MacAlgorithm.HS256));
            jjwt = Jwts.parser().verifyWith(Keys.hmacShaKeyFor(key))
                    .requireIssuer(Accounts.ISSUER).requireAudience(Accounts.AUDIENCE).build();
            auth0 = JWT.require(Algorithm.HMAC256(key))
                    .withIssuer(Accounts.ISSUER).withAudience(Accounts.AUDIENCE).build();
            // Every verifier must accept the token before anything is timed.
            verifyAll(this, token);
        }
    }

    /**
     * Tokens this thread has not verified before: 16,384, more than the 10,000 verified tokens the codec remembers
     * (it forgets them all at once when full), walked in order, so every lookup misses.
     */
    @State(Scope.Thread)
    public static class FreshTokens {
        static final int POOL = 1 << 14;
        String[] tokens;
        int next;

        @Setup
        public void setUp(Verifiers v, ThreadParams thread) {
            synchronized (v) {
                tokens = v.source.freshTokens(POOL);
            }
            next = 0;
        }

        String next() {
            String t = tokens[next];
            next = (next + 1) & (POOL - 1);
            return t;
        }
    }

    static void verifyAll(Verifiers v, String token) throws Exception {
        v.auth.tokens().verify(token);
        new HsTokenVerify().nimbus(v);
        v.spring.decode(token);
        v.jjwt.parseSignedClaims(token);
        v.auth0.verify(token);
    }

    @Benchmark
    public VerifiedAccessToken latchkeyFresh(Verifiers v, FreshTokens fresh) {
        return v.auth.tokens().verify(fresh.next());
    }

    @Benchmark
    public VerifiedAccessToken latchkeySeenBefore(Verifiers v) {
        return v.auth.tokens().verify(v.token);
    }

    /** Bare Nimbus: parse, check the type, verify the MAC, check the claims. */
    @Benchmark
    public JWTClaimsSet nimbus(Verifiers v) throws Exception {
        SignedJWT jwt = SignedJWT.parse(v.token);
        v.nimbusType.verify(jwt.getHeader().getType(), null);
        if (!jwt.verify(v.nimbusMac)) {
            throw new IllegalStateException("bad signature");
        }
        JWTClaimsSet claims = jwt.getJWTClaimsSet();
        v.nimbusClaims.verify(claims, null);
        return claims;
    }

    /** Nimbus's MAC check alone on a token parsed once: the floor under any Nimbus-based verifier. */
    @Benchmark
    public boolean nimbusVerifyOnlyPreParsed(Verifiers v) throws Exception {
        return v.preParsed.verify(v.nimbusMac);
    }

    @Benchmark
    public Jwt springNimbusJwtDecoder(Verifiers v) {
        return v.spring.decode(v.token);
    }

    @Benchmark
    public Claims jjwt(Verifiers v) {
        return v.jjwt.parseSignedClaims(v.token).getPayload();
    }

    @Benchmark
    public Object auth0JavaJwt(Verifiers v) {
        return v.auth0.verify(v.token);
    }
}
