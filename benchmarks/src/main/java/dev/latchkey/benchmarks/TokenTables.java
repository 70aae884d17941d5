package dev.latchkey.benchmarks;

import java.util.Optional;

import static dev.latchkey.benchmarks.Figures.ops;
import static dev.latchkey.benchmarks.Figures.ratio;
import static dev.latchkey.benchmarks.Figures.sampled;
import static dev.latchkey.benchmarks.Figures.time;

/** The report's token sections: HS256 verification, asymmetric verification, and issuing tokens. */
final class TokenTables {
    private final Measurements results;

    TokenTables(Measurements results) {
        this.results = results;
    }

    /** HS256 verification: Latchkey fresh and seen before beside every peer, at 1 and 2 threads. */
    void hs256(StringBuilder md) {
        md.append("## Access-token verification, HS256\n\n");
        md.append("Every implementation checks the same Latchkey token (signature, `iss`, `aud`, `exp`/`iat`, and "
                + "`typ: at+jwt` where the library checks types). Latchkey's fresh figure walks 16,384 distinct tokens "
                + "per thread, more than the 10,000 verified tokens Latchkey remembers (it forgets them all when full), "
                + "so it never hits its cache; the peers verify one token repeatedly (none of them caches).\n\n");
        md.append("| implementation | 1 thread (ops/s) | 2 threads (ops/s) | 1 thread, vs Latchkey fresh |\n|---|---:|---:|---:|\n");
        Optional<Measurement> fresh = results.find("HsTokenVerify.latchkeyFresh", 1);
        String[][] rows = {
                {"**Latchkey** `tokens().verify`, fresh tokens", "latchkeyFresh"},
                {"**Latchkey** `tokens().verify`, a token seen before", "latchkeySeenBefore"},
                {"Nimbus " + "`SignedJWT.parse` + MAC verify + claims", "nimbus"},
                {"Nimbus MAC verify alone, token parsed once (floor)", "nimbusVerifyOnlyPreParsed"},
                {"Spring Security `NimbusJwtDecoder`", "springNimbusJwtDecoder"},
                {"jjwt 0.12", "jjwt"},
                {"auth0 java-jwt 4", "auth0JavaJwt"},
        };
        for (String[] row : rows) {
            Optional<Measurement> one = results.find("HsTokenVerify." + row[1], 1);
            md.append("| ").append(row[0]).append(" | ").append(ops(one)).append(" | ")
                    .append(ops(results.find("HsTokenVerify." + row[1], 2))).append(" | ")
                    .append(ratio(one, fresh, false)).append(" |\n");
        }
        md.append('\n');
    }

    /** RS256, ES256 and EdDSA verification beside the peers and the bare JDK check. */
    void asymmetric(StringBuilder md) {
        md.append("## Access-token verification, asymmetric algorithms\n\n");
        md.append("Latchkey configured with `signingAlgorithm(...)` and a host-supplied `SigningKey` (RS256 with "
                + "2048-bit RSA, ES256 on P-256, EdDSA on Ed25519); every peer verifies the same Latchkey token with "
                + "the key from Latchkey's `publicJwks()`. Latchkey's fresh figure walks 12,288 distinct tokens (threads "
                + "half a pool apart), more than its cache holds. ops/s at 1 and 2 threads. The JDK row is `java.security.Signature` alone, with no parsing: "
                + "the floor under every library.\n\n");
        md.append("| implementation | RS256, 1 thread | RS256, 2 threads | ES256, 1 thread | ES256, 2 threads | "
                + "EdDSA, 1 thread | EdDSA, 2 threads |\n|---|---:|---:|---:|---:|---:|---:|\n");
        String[][] rows = {
                {"**Latchkey** `tokens().verify`, fresh tokens", "latchkeyFresh"},
                {"**Latchkey** `tokens().verify`, a token seen before", "latchkeySeenBefore"},
                {"Nimbus `SignedJWT.parse` + verify + claims", "nimbus"},
                {"Spring Security `NimbusJwtDecoder`", "springNimbusJwtDecoder"},
                {"jjwt 0.12", "jjwt"},
                {"auth0 java-jwt 4", "auth0JavaJwt"},
                {"JDK `Signature.verify` alone (floor)", "jdkSignatureOnly"},
        };
        for (String[] row : rows) {
            md.append("| ").append(row[0]);
            for (String alg : new String[] {"RS256", "ES256", "EdDSA"}) {
                for (int threads : new int[] {1, 2}) {
                    Optional<Measurement> m = results.find("AsymmetricTokenVerify." + row[1], threads, "alg", alg);
                    boolean unsupported = alg.equals("EdDSA") && (row[1].equals("nimbus")
                            || row[1].equals("springNimbusJwtDecoder") || row[1].equals("auth0JavaJwt"));
                    md.append(" | ").append(m.isEmpty() && unsupported ? "unsupported" : ops(m));
                }
            }
            md.append(" |\n");
        }
        md.append("\n\"unsupported\": java-jwt has no EdDSA, and Nimbus (so Spring) verifies Ed25519 only with Google "
                + "Tink on the class path, which is not added here.\n\n");
    }

    /** Login minus the hash, refresh, and each peer signing one token. */
    void signing(StringBuilder md) {
        md.append("## Issuing tokens\n\n");
        md.append("Login minus the hash: a Latchkey password login on H2 (file mode) at bcrypt cost 4, less a bare "
                + "bcrypt verification at cost 4; what remains is the lookup, throttle, session and refresh-token rows "
                + "and the access token. Peers: signing one token with the same header and claims.\n\n");
        Optional<Measurement> login = results.find("DatabaseFlows.login", 1, "db", "h2", "bcryptCost", "4");
        Optional<Measurement> bcrypt = results.find("BareBcrypt.verify", 1, "cost", "4");
        Optional<Measurement> refresh = results.find("DatabaseFlows.refresh", 1, "db", "h2", "bcryptCost", "4");
        md.append("| operation | median (mean ± error, samples) |\n|---|---:|\n");
        md.append("| **Latchkey** login, H2, bcrypt cost 4 | ").append(sampled(login)).append(" |\n");
        md.append("| bare bcrypt verify, cost 4 | ").append(sampled(bcrypt)).append(" |\n");
        if (login.isPresent() && bcrypt.isPresent()) {
            md.append("| **Latchkey login minus the hash** (difference of medians) | ")
                    .append(time(login.get().median() - bcrypt.get().median())).append(" |\n");
        }
        md.append("| **Latchkey** refresh (rotation + new access token), H2 | ").append(sampled(refresh)).append(" |\n");
        md.append("\n| peer, signing one token | ops/s | per token |\n|---|---:|---:|\n");
        String[][] rows = {
                {"Nimbus HS256", "nimbusHs256"},
                {"jjwt HS256", "jjwtHs256"},
                {"auth0 java-jwt HS256", "auth0JavaJwtHs256"},
                {"Nimbus RS256 (2048-bit)", "nimbusRs256"},
        };
        for (String[] row : rows) {
            Optional<Measurement> m = results.find("TokenSigning." + row[1], 1);
            md.append("| ").append(row[0]).append(" | ").append(ops(m)).append(" | ")
                    .append(m.map(x -> time(1e6 / x.score())).orElse("n/a")).append(" |\n");
        }
        md.append('\n');
    }
}
