package dev.latchkey.benchmarks;

import java.util.LinkedHashSet;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.DoubleFunction;
import java.util.function.DoublePredicate;

import static dev.latchkey.benchmarks.Figures.percent;
import static dev.latchkey.benchmarks.Figures.ratioOf;

/**
 * The report's goals section: each goal of the benchmarks issue with the ratio measured and "met" or "missed", then
 * the {@linkplain GoalReasons reason} of each goal missed. Make one per rendering: it collects the goals it misses.
 */
final class GoalsTable {
    private final Measurements results;
    private final int scaleUsers;
    /** Reason keys of the goals missed, in the order of the goals table, each once. */
    private final Set<String> missed = new LinkedHashSet<>();

    GoalsTable(Measurements results, int scaleUsers) {
        this.results = results;
        this.scaleUsers = scaleUsers;
    }

    void appendTo(StringBuilder md) {
        md.append("## Goals\n\n");
        md.append("From the benchmarks issue; single thread unless stated. \"Met\"/\"missed\" compare the figures above "
                + "(throughput means for tokens, medians for timed flows).\n\n");
        md.append("| goal | measured | verdict |\n|---|---|---|\n");

        Optional<Measurement> fresh = results.find("HsTokenVerify.latchkeyFresh", 1);
        Optional<Measurement> seen = results.find("HsTokenVerify.latchkeySeenBefore", 1);
        Optional<Measurement> auth0 = results.find("HsTokenVerify.auth0JavaJwt", 1);
        Optional<Measurement> spring = results.find("HsTokenVerify.springNimbusJwtDecoder", 1);
        goalRow(md, "hs256Fresh", "Fresh-token HS256 verification at least as fast as auth0 java-jwt", fresh, auth0, false,
                r -> r >= 1.0, r -> percent(r - 1) + " vs auth0", "Latchkey fresh ÷ auth0");
        goalRow(md, "seenBefore", "A token seen before at least 10× Spring's `NimbusJwtDecoder`", seen, spring, false,
                r -> r >= 10.0, r -> String.format(Locale.ROOT, "%.1f× (needs 10×)", r), "Latchkey seen ÷ Spring");
        asymmetricGoals(md);

        Optional<Measurement> bcrypt = results.find("BareBcrypt.verify", 1, "cost", "10");
        Optional<Measurement> login = results.find("DatabaseFlows.login", 1, "db", "h2", "bcryptCost", "10");
        goalRow(md, "login", "Login on H2 within 5% of bare bcrypt at the same cost", login, bcrypt, true,
                r -> r <= 1.05, r -> percent(r - 1) + " over bcrypt", "login ÷ bcrypt");
        Optional<Measurement> unknown = results.find("Enumeration.unknownAccount", 1);
        Optional<Measurement> wrong = results.find("Enumeration.wrongPassword", 1);
        goalRow(md, "enumeration", "Unknown-account and wrong-password logins within 5% of each other", unknown, wrong, true,
                r -> Math.abs(r - 1) <= 0.05, r -> percent(r - 1) + " unknown vs wrong", "unknown ÷ wrong");
        for (String db : new String[] {"h2", "postgresql"}) {
            goalRow(md, "refresh-" + db, "Refresh at most 3.5× the bare `UPDATE` (" + db + ")",
                    results.find("DatabaseFlows.refresh", 1, "db", db, "bcryptCost", "10"),
                    results.find("DatabaseFlows.bareUpdate", 1, "db", db, "bcryptCost", "10"), true,
                    r -> r <= 3.5, r -> String.format(Locale.ROOT, "%.1f× (limit 3.5×)", r), "refresh ÷ update");
        }
        for (String db : new String[] {"h2", "postgresql"}) {
            for (String op : new String[] {"login", "refresh"}) {
                goalRow(md, "scale", String.format(Locale.ROOT, "%,d accounts cost at most 20%% more per %s than 10,000 (%s)",
                                scaleUsers, op, db),
                        results.find("Scale." + op, 1, "db", db, "scenario", "users1m"),
                        results.find("Scale." + op, 1, "db", db, "scenario", "users10k"), true,
                        r -> r <= 1.2, r -> percent(r - 1), "large ÷ 10k");
            }
        }
        md.append('\n');
        if (!missed.isEmpty()) {
            md.append("### Why, where a goal is missed\n\n");
            for (String reason : missed) {
                md.append("- ").append(GoalReasons.of(reason)).append('\n');
            }
            md.append('\n');
        }
    }

    /**
     * One row: {@code a ÷ b} (medians or means) described and judged by {@code test}; a missed goal records
     * {@code reason}.
     */
    private void goalRow(StringBuilder md, String reason, String goal, Optional<Measurement> a,
                         Optional<Measurement> b, boolean medians, DoublePredicate test, DoubleFunction<String> describe,
                         String label) {
        md.append("| ").append(goal).append(" | ");
        if (a.isEmpty() || b.isEmpty()) {
            md.append("not measured | **not measured** |\n");
            return;
        }
        double r = ratioOf(a.get(), b.get(), medians);
        md.append(label).append(" = ").append(describe.apply(r));
        md.append(" | ").append(test.test(r) ? "**met**" : "**missed**").append(" |\n");
        if (!test.test(r)) {
            missed.add(reason);
        }
    }

    private void asymmetricGoals(StringBuilder md) {
        StringBuilder fastest = new StringBuilder();
        String best = null;
        double bestScore = -1;
        for (String alg : new String[] {"RS256", "ES256", "EdDSA"}) {
            Optional<Measurement> m = results.find("AsymmetricTokenVerify.latchkeyFresh", 1, "alg", alg);
            if (m.isPresent()) {
                fastest.append(alg).append(' ').append(String.format(Locale.ROOT, "%,.0f", m.get().score()))
                        .append(", ");
                if (m.get().score() > bestScore) {
                    bestScore = m.get().score();
                    best = alg;
                }
            }
        }
        md.append("| Asymmetric: the default algorithm (`asymmetricSigning()` = RS256) chosen by these numbers | ");
        if (best == null) {
            md.append("not measured | **not measured** |\n");
        } else {
            md.append("Latchkey fresh verification, ops/s: ").append(fastest, 0, fastest.length() - 2)
                    .append(" | ").append(best.equals("RS256") ? "**met**: RS256 verifies fastest"
                            : "**missed**: " + best + " verified fastest here").append(" |\n");
            if (!best.equals("RS256")) {
                missed.add("asymmetricDefault");
            }
        }
        for (String alg : new String[] {"RS256", "ES256"}) {
            goalRow(md, "asymmetricPeer", "Asymmetric " + alg + ": Latchkey no slower than bare Nimbus",
                    results.find("AsymmetricTokenVerify.latchkeyFresh", 1, "alg", alg),
                    results.find("AsymmetricTokenVerify.nimbus", 1, "alg", alg), false,
                    r -> r >= 1.0, r -> percent(r - 1) + " vs Nimbus", "Latchkey fresh ÷ Nimbus");
        }
        goalRow(md, "asymmetricPeer", "Asymmetric EdDSA: Latchkey no slower than the bare JDK signature check (Nimbus needs Tink)",
                results.find("AsymmetricTokenVerify.latchkeyFresh", 1, "alg", "EdDSA"),
                results.find("AsymmetricTokenVerify.jdkSignatureOnly", 1, "alg", "EdDSA"), false,
                r -> r >= 0.95, r -> percent(r - 1) + " vs JDK alone (met within 5%)", "Latchkey fresh ÷ JDK");
    }
}
