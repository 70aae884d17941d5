package dev.latchkey.benchmarks;

import com.auth0.jwt.JWT;
import com.auth0.jwt.algorithms.Algorithm;
import com.nimbusds.jose.JOSEObjectType;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.JWSHeader;
import com.nimbusds.jose.JWSSigner;
import com.nimbusds.jose.crypto.MACSigner;
import com.nimbusds.jose.crypto.RSASSASigner;
import com.nimbusds.jwt.JWTClaimsSet;
import com.nimbusds.jwt.SignedJWT;
import io.jsonwebtoken.Jwts;
import io.jsonwebtoken.security.Keys;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;

import javax.crypto.SecretKey;
import java.security.KeyPair;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.TimeUnit;

/**
 * Signing an access token with Latchkey's header and claims (a new {@code jti} each time), by each peer: the
 * references for the token part of Latchkey's login and refresh.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@State(Scope.Benchmark)
public class TokenSigning {
    JWSSigner nimbusMac;
    JWSSigner nimbusRsa;
    JWSHeader hsHeader;
    JWSHeader rsHeader;
    SecretKey jjwtKey;
    Algorithm auth0;

    @Setup
    public void setUp() throws Exception {
        byte[] key = Accounts.accessTokenKey();
        nimbusMac = new MACSigner(key);
        KeyPair rsa = AsymmetricTokenVerify.keyPair("RS256");
        nimbusRsa = new RSASSASigner(rsa.getPrivate());
        hsHeader = new JWSHeader.Builder(JWSAlgorithm.HS256).type(new JOSEObjectType("at+jwt")).keyID("bench").build();
        rsHeader = new JWSHeader.Builder(JWSAlgorithm.RS256).type(new JOSEObjectType("at+jwt")).keyID("bench").build();
        jjwtKey = Keys.hmacShaKeyFor(key);
        auth0 = Algorithm.HMAC256(key);
    }

    private static JWTClaimsSet claims() {
        Instant now = Instant.now();
        return new JWTClaimsSet.Builder()
                .issuer(Accounts.ISSUER)
                .audience(Accounts.AUDIENCE)
                .subject("00000000-0000-4000-8000-000000000001")
                .issueTime(Date.from(now))
                .expirationTime(Date.from(now.plusSeconds(900)))
                .jwtID(UUID.randomUUID().toString())
                .claim("sid", "00000000-0000-4000-8000-000000000002")
                .claim("roles", List.of("user"))
                .build();
    }

    @Benchmark
    public String nimbusHs256() throws Exception {
        SignedJWT jwt = new SignedJWT(hsHeader, claims());
        jwt.sign(nimbusMac);
        return jwt.serialize();
    }

    @Benchmark
    public String nimbusRs256() throws Exception {
        SignedJWT jwt = new SignedJWT(rsHeader, claims());
        jwt.sign(nimbusRsa);
        return jwt.serialize();
    }

    /** {@code audience().single(...)} is deprecated but is how jjwt writes {@code aud} as a string, as Latchkey does. */
    @Benchmark
    @SuppressWarnings("deprecation")
    public String jjwtHs256() {
        Instant now = Instant.now();
        return Jwts.builder()
                .header().type("at+jwt").keyId("bench").and()
                .issuer(Accounts.ISSUER)
                .audience().single(Accounts.AUDIENCE)
                .subject("00000000-0000-4000-8000-000000000001")
                .issuedAt(Date.from(now))
                .expiration(Date.from(now.plusSeconds(900)))
                .id(UUID.randomUUID().toString())
                .claim("sid", "00000000-0000-4000-8000-000000000002")
                .claim("roles", List.of("user"))
                .signWith(jjwtKey, Jwts.SIG.HS256)
                .compact();
    }

    @Benchmark
    public String auth0JavaJwtHs256() {
        Instant now = Instant.now();
        return JWT.create()
                .withHeader(java.util.Map.of("typ", "at+jwt"))
                .withKeyId("bench")
                .withIssuer(Accounts.ISSUER)
                .withAudience(Accounts.AUDIENCE)
                .withSubject("00000000-0000-4000-8000-000000000001")
                .withIssuedAt(now)
                .withExpiresAt(now.plusSeconds(900))
                .withJWTId(UUID.randomUUID().toString())
                .withClaim("sid", "00000000-0000-4000-8000-000000000002")
                .withClaim("roles", List.of("user"))
                .sign(auth0);
    }
}
