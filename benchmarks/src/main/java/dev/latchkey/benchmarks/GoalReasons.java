package dev.latchkey.benchmarks;

import java.util.Map;

/**
 * Why a goal can be missed, by goal, from reading and tracing (PostgreSQL with {@code log_statement = all}) the
 * Latchkey code this harness measures. The report prints the reason of each goal it finds missed; revise these when
 * the code they describe changes.
 */
final class GoalReasons {
    private static final Map<String, String> REASONS = Map.of(
            "hs256Fresh", "**Fresh HS256 against java-jwt.** `AccessTokenCodec.verify` compares the pinned header as "
                    + "text, checks the HMAC over the token's bytes in place and only then reads the payload with its "
                    + "own strict JSON reader (`ClaimsJson`). What remains per token: one copy of the token to bytes, "
                    + "two base64 decodes, a claim map, `Instant`s, and remembering the token in the verified-token "
                    + "cache (which this benchmark fills and clears every 10,000 tokens).",
            "seenBefore", "**A token seen before, 10× Spring.** The hit path is a `ConcurrentHashMap` lookup by the "
                    + "token's text (hashing a few hundred characters), the key-set check by header, and the expiry "
                    + "check.",
            "asymmetricDefault", "**The asymmetric default.** `asymmetricSigning()` picks RS256 because it verifies "
                    + "an order of magnitude faster than ES256 and EdDSA on JDK 17 and verification runs on every "
                    + "request; a run in which another algorithm verified faster contradicts the reason for the "
                    + "default and should be repeated before the default is changed.",
            "asymmetricPeer", "**Asymmetric against the bare verifier.** Every implementation spends nearly all its "
                    + "time in the JDK's signature check (compare the JDK row), so the remaining differences are a "
                    + "few percent of parsing; a gap inside the two figures' errors is noise of the shared machine.",
            "login", "**Login against bare bcrypt.** Both run the same bcrypt (Latchkey's input is its 64-character "
                    + "peppered pre-hash, the reference hashes 64 characters). Beyond the hash a password login runs the "
                    + "account lookup, three rate-limit statements for the permit, three `DELETE`s clearing the "
                    + "counters after the success, and the session transaction: the \"login minus the hash\" row of "
                    + "the issuing table, a fraction of a percent of a cost-10 hash. The rest of a gap is bcrypt running "
                    + "a few percent faster or slower in one JVM than in another, which three forks only partly "
                    + "average out.",
            "enumeration", "**Unknown account against wrong password.** Both paths do the same work by design: one "
                    + "bcrypt at the configured cost (the unknown path against a dummy hash of that cost) and the same "
                    + "throttle statements; a test counts the hash calls. A difference smaller than the two figures' "
                    + "errors is noise, not a leak; rerun on a quiet machine before reading anything into it.",
            "refresh-h2", "**Refresh on H2.** H2 runs in process, so its \"round trip\" is a method call of a few "
                    + "microseconds with no network, and the bare `UPDATE` changes one row of a one-index table. A "
                    + "refresh reads the token (with its session and the session's newest token time) and the account "
                    + "by index, then marks the token used and inserts its successor in one transaction: rows of a "
                    + "table with a primary key and two secondary indexes. JMH's stack profiler puts most of the "
                    + "time in H2's storage engine writing the changed B-tree pages to the file "
                    + "(`FileStore.serializeAndStore`, `Page.write`), not in Latchkey; HMAC, random successor and the "
                    + "signed access token are a few microseconds. The goal is met where a round trip crosses a "
                    + "network, as on PostgreSQL.",
            "refresh-postgresql", "**Refresh on PostgreSQL.** A refresh is 3 statements (trace): the token lookup "
                    + "joined with its session, the account lookup, and the rotation as one statement (`WITH used AS "
                    + "(UPDATE … RETURNING …) INSERT … SELECT … FROM used`). Fewer would need the account joined into "
                    + "the token lookup, a change of the `RefreshTokenStore` interface.",
            "scale", "**Scale.** Login is dominated by bcrypt, so its ratio mostly shows bcrypt's noise; refresh is "
                    + "the sensitive figure. Every lookup on these paths goes through a B-tree index (auth-jdbc/README.md, "
                    + "Tables), so the work grows with the index depth only; a larger difference comes from the data "
                    + "outgrowing the database's page cache or from noise, and a profile of that run would tell "
                    + "which.");

    private GoalReasons() {
    }

    /** The reason for the goal {@code key}. */
    static String of(String key) {
        String reason = REASONS.get(key);
        if (reason == null) {
            throw new IllegalArgumentException("no reason written for goal " + key);
        }
        return reason;
    }
}
