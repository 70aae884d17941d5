package dev.latchkey.benchmarks;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The report's arithmetic and verdicts, on made-up figures (no benchmark runs here). */
class ReportWriterTest {

    private static Measurement ops(String benchmark, int threads, double score, String... params) {
        return new Measurement(benchmark, params(params), threads, Mode.Throughput, score, score / 100, Double.NaN, 5);
    }

    private static Measurement micros(String benchmark, double median, String... params) {
        return new Measurement(benchmark, params(params), 1, Mode.SampleTime, median, median / 50, median, 100);
    }

    private static Map<String, String> params(String... kv) {
        java.util.TreeMap<String, String> map = new java.util.TreeMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            map.put(kv[i], kv[i + 1]);
        }
        return map;
    }

    private static ReportWriter writer() {
        ReportWriter report = new ReportWriter(false, 1_000_000);
        report.start(Instant.parse("2026-11-22T07:00:00Z"));
        report.postgres("jdbc:postgresql://db/x?user=u&password=secret", null);
        return report;
    }

    @Test
    void render_withNothingMeasured_saysSoInsteadOfFailing() {
        ReportWriter report = writer();
        report.settings("tokens", "settings");

        String md = report.render();

        assertThat(md).contains("| **Latchkey** `tokens().verify`, fresh tokens | not measured");
        assertThat(md).contains("**not measured**");
    }

    @Test
    void render_neverShowsTheDatabasePassword() {
        assertThat(writer().render()).contains("password=***").doesNotContain("secret");
    }

    @Test
    void goals_compareLatchkeyWithItsReferences() {
        ReportWriter report = writer();
        report.settings("tokens", "s");
        report.settings("database", "s");
        report.add(List.of(
                ops("HsTokenVerify.latchkeyFresh", 1, 300_000),
                ops("HsTokenVerify.auth0JavaJwt", 1, 250_000),
                ops("HsTokenVerify.latchkeySeenBefore", 1, 300_000),
                ops("HsTokenVerify.springNimbusJwtDecoder", 1, 75_000),
                micros("DatabaseFlows.login", 82_000, "db", "h2", "bcryptCost", "10"),
                micros("BareBcrypt.verify", 80_000, "cost", "10"),
                micros("DatabaseFlows.refresh", 1_000, "db", "postgresql", "bcryptCost", "10"),
                micros("DatabaseFlows.bareUpdate", 200, "db", "postgresql", "bcryptCost", "10")));
        report.took("tokens", Duration.ofSeconds(90));
        report.finish(Instant.parse("2026-11-22T07:18:00Z"));

        String md = report.render();

        assertThat(md).contains("Latchkey fresh ÷ auth0 = +20.0% vs auth0 | **met**");
        assertThat(md).contains("Latchkey seen ÷ Spring = 4.0× (needs 10×) | **missed**");
        assertThat(md).contains("login ÷ bcrypt = +2.5% over bcrypt | **met**");
        assertThat(md).contains("refresh ÷ update = 5.0× (limit 3.5×) | **missed**");
        assertThat(md).contains("[90 s]");
        assertThat(md).contains("### Why, where a goal is missed")
                .contains("- **A token seen before, 10× Spring.**")
                .contains("- **Refresh on PostgreSQL.**")
                .doesNotContain("**Fresh HS256 against java-jwt.**")
                .doesNotContain("**Login against bare bcrypt.**");
    }

    @Test
    void goals_allMet_printNoReasons() {
        ReportWriter report = writer();
        report.add(List.of(
                ops("HsTokenVerify.latchkeyFresh", 1, 300_000),
                ops("HsTokenVerify.auth0JavaJwt", 1, 250_000),
                micros("DatabaseFlows.login", 81_000, "db", "h2", "bcryptCost", "10"),
                micros("BareBcrypt.verify", 80_000, "cost", "10")));

        String md = report.render();

        assertThat(md).contains("**met**").doesNotContain("**missed**").doesNotContain("Why, where a goal is missed");
    }
}
