package dev.latchkey.benchmarks;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import static dev.latchkey.benchmarks.Figures.ratio;
import static dev.latchkey.benchmarks.Figures.sampled;
import static dev.latchkey.benchmarks.Figures.time;

/** The report's database sections: login, refresh and codes on H2 and PostgreSQL, enumeration timing, and scale. */
final class DatabaseTables {
    private final Measurements results;
    private final boolean postgresSkipped;
    private final int scaleUsers;
    private final Map<String, String> purges;

    /**
     * Tables of these results; {@code postgresSkipped} turns PostgreSQL's missing figures into "skipped", and
     * {@code purges} holds the note of each database's purge, by database.
     */
    DatabaseTables(Measurements results, boolean postgresSkipped, int scaleUsers, Map<String, String> purges) {
        this.results = results;
        this.postgresSkipped = postgresSkipped;
        this.scaleUsers = scaleUsers;
        this.purges = purges;
    }

    /** Login, refresh, code flow and the bare {@code UPDATE} on both databases, and their ratios. */
    void database(StringBuilder md) {
        md.append("## Login, refresh and one-time codes on H2 and PostgreSQL\n\n");
        md.append("20,000 bulk-loaded accounts; each call uses the next account, session or phone. Login at bcrypt cost "
                + "10. The code flow is `loginCodes().send` through `MockOtpProvider`, then `loginCodes().login`. The bare "
                + "`UPDATE` is one single-row update on a connection from the same HikariCP pool (auto-commit). "
                + "Medians, with mean ± error and sample count.\n\n");
        md.append("| flow | H2 (file) | PostgreSQL |\n|---|---:|---:|\n");
        Optional<Measurement> bcrypt = results.find("BareBcrypt.verify", 1, "cost", "10");
        String[][] rows = {
                {"**Latchkey** login (cost 10)", "login"},
                {"**Latchkey** refresh rotation", "refresh"},
                {"**Latchkey** code sent + verified", "otpSendAndVerify"},
                {"bare single-row `UPDATE` round trip", "bareUpdate"},
        };
        for (String[] row : rows) {
            md.append("| ").append(row[0]);
            for (String db : new String[] {"h2", "postgresql"}) {
                md.append(" | ").append(dbCell(results.find("DatabaseFlows." + row[1], 1, "db", db, "bcryptCost", "10"), db));
            }
            md.append(" |\n");
        }
        md.append("| bare bcrypt verify (cost 10), no database | ").append(sampled(bcrypt)).append(" | |\n");
        md.append("| login ÷ bare bcrypt (medians) | ")
                .append(ratio(results.find("DatabaseFlows.login", 1, "db", "h2", "bcryptCost", "10"), bcrypt, true))
                .append(" | ")
                .append(ratio(results.find("DatabaseFlows.login", 1, "db", "postgresql", "bcryptCost", "10"), bcrypt, true))
                .append(" |\n");
        for (String[] row : new String[][] {{"refresh", "refresh ÷ bare UPDATE (medians)"},
                {"otpSendAndVerify", "code sent + verified ÷ bare UPDATE (medians)"}}) {
            md.append("| ").append(row[1]);
            for (String db : new String[] {"h2", "postgresql"}) {
                md.append(" | ").append(ratio(results.find("DatabaseFlows." + row[0], 1, "db", db, "bcryptCost", "10"),
                        results.find("DatabaseFlows.bareUpdate", 1, "db", db, "bcryptCost", "10"), true));
            }
            md.append(" |\n");
        }
        md.append('\n');
    }

    private String dbCell(Optional<Measurement> m, String db) {
        if (skipped(m, db)) {
            return "skipped (unreachable)";
        }
        return sampled(m);
    }

    /** Unknown account against wrong password, beside bare bcrypt. */
    void enumeration(StringBuilder md) {
        md.append("## Enumeration timing\n\n");
        md.append("H2 file mode, bcrypt cost 10. Unknown account: a new email each call. Wrong password: the next of "
                + "20,000 accounts each call. The throttle is set to its loosest accepted values so that every call "
                + "reaches the password check, and the run fails if any answer is not `invalid_credentials`.\n\n");
        Optional<Measurement> unknown = results.find("Enumeration.unknownAccount", 1);
        Optional<Measurement> wrong = results.find("Enumeration.wrongPassword", 1);
        Optional<Measurement> bcrypt = results.find("BareBcrypt.verify", 1, "cost", "10");
        md.append("| login | median (mean ± error, samples) |\n|---|---:|\n");
        md.append("| **Latchkey**, unknown account | ").append(sampled(unknown)).append(" |\n");
        md.append("| **Latchkey**, known account, wrong password | ").append(sampled(wrong)).append(" |\n");
        md.append("| bare bcrypt verify, cost 10 (reference) | ").append(sampled(bcrypt)).append(" |\n");
        if (unknown.isPresent() && wrong.isPresent()) {
            md.append("| unknown ÷ wrong password (medians) | ").append(ratio(unknown, wrong, true)).append(" |\n");
        }
        md.append('\n');
    }

    /** Login and refresh medians as the data set grows, then after the purge. */
    void scale(StringBuilder md) {
        md.append("## Scale\n\n");
        md.append(String.format(Locale.ROOT, "Login (a random account, bcrypt cost 10) and refresh medians as the "
                + "database grows: 10,000 accounts; %,d accounts; the same plus %,d expired sessions (each with an "
                + "expired refresh token) and %,d expired one-time codes; then after `purgeExpired()`. Rows are loaded "
                + "with JDBC batches straight into Latchkey's tables.%n%n", scaleUsers, scaleUsers, scaleUsers));
        md.append("| data set | H2 login | H2 refresh | PostgreSQL login | PostgreSQL refresh |\n|---|---:|---:|---:|---:|\n");
        for (String scenario : Scale.SCENARIOS) {
            md.append("| ").append(scenarioName(scenario));
            for (String db : new String[] {"h2", "postgresql"}) {
                for (String op : new String[] {"login", "refresh"}) {
                    Optional<Measurement> m = results.find("Scale." + op, 1, "db", db, "scenario", scenario);
                    md.append(" | ").append(skipped(m, db)
                            ? "skipped" : m.map(x -> time(x.median()) + " (n=" + x.samples() + ")").orElse("not measured"));
                }
            }
            md.append(" |\n");
        }
        md.append("| large ÷ 10,000 (medians)");
        for (String db : new String[] {"h2", "postgresql"}) {
            for (String op : new String[] {"login", "refresh"}) {
                md.append(" | ").append(ratio(results.find("Scale." + op, 1, "db", db, "scenario", "users1m"),
                        results.find("Scale." + op, 1, "db", db, "scenario", "users10k"), true));
            }
        }
        md.append(" |\n\n");
        for (Map.Entry<String, String> e : purges.entrySet()) {
            md.append("- Purge on ").append(e.getKey()).append(": ").append(e.getValue()).append('\n');
        }
        md.append('\n');
    }

    /** True when {@code m} is missing because PostgreSQL could not be reached. */
    private boolean skipped(Optional<Measurement> m, String db) {
        return m.isEmpty() && db.equals("postgresql") && postgresSkipped;
    }

    private String scenarioName(String scenario) {
        return switch (scenario) {
            case "users10k" -> "10,000 accounts";
            case "users1m" -> String.format(Locale.ROOT, "%,d accounts", scaleUsers);
            case "users1m_expired1m" -> String.format(Locale.ROOT, "%,d accounts + %,d expired sessions and codes",
                    scaleUsers, scaleUsers);
            default -> "the same after `purgeExpired()`";
        };
    }
}
