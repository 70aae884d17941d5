package dev.latchkey.benchmarks;

import org.junit.jupiter.api.Test;
import org.openjdk.jmh.annotations.Mode;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The whole report, character for character, for three made-up runs, against files written by the report code as it
 * was before it was split into several classes ({@code report-*.md} beside this class). Only the rows that describe
 * the machine running the test (CPU, JDK, build, load, busiest processes) are masked on both sides.
 */
class ReportWriterOutputTest {
    private static final Pattern MACHINE_ROWS = Pattern.compile(
            "(?m)^(\\| (?:machine|JDK|Latchkey build|busiest other processes at (?:start|end)) \\| ).*( \\|)$");
    private static final Pattern LOAD_FIGURES = Pattern.compile(
            "(?m)(?<=^\\| load average \\(1, 5, 15 min\\) \\| )(.*)(?= \\|$)");

    private static Measurement ops(String benchmark, int threads, double score, String... params) {
        return new Measurement(benchmark, params(params), threads, Mode.Throughput, score, score / 37, Double.NaN, 5);
    }

    private static Measurement micros(String benchmark, double median, String... params) {
        return new Measurement(benchmark, params(params), 1, Mode.SampleTime, median * 1.03, median / 41, median,
                1_234);
    }

    private static Map<String, String> params(String... kv) {
        Map<String, String> map = new TreeMap<>();
        for (int i = 0; i + 1 < kv.length; i += 2) {
            map.put(kv[i], kv[i + 1]);
        }
        return map;
    }

    /** Every benchmark the harness runs, with figures that meet some goals and miss others. */
    private static List<Measurement> everything(boolean withPostgres) {
        List<Measurement> all = new ArrayList<>();
        String[] hs = {"latchkeyFresh", "latchkeySeenBefore", "nimbus", "nimbusVerifyOnlyPreParsed",
                "springNimbusJwtDecoder", "jjwt", "auth0JavaJwt"};
        double[] hsScores = {410_000, 3_900_000, 150_000, 1_100_000, 97_000, 91_000, 430_000};
        for (int i = 0; i < hs.length; i++) {
            all.add(ops("HsTokenVerify." + hs[i], 1, hsScores[i]));
            all.add(ops("HsTokenVerify." + hs[i], 2, hsScores[i] * 1.7));
        }
        String[] asym = {"latchkeyFresh", "latchkeySeenBefore", "nimbus", "springNimbusJwtDecoder", "jjwt",
                "auth0JavaJwt", "jdkSignatureOnly"};
        double[] rs = {30_800, 13_400_000, 26_600, 22_000, 24_200, 30_700, 31_500};
        for (int i = 0; i < asym.length; i++) {
            for (int threads : new int[] {1, 2}) {
                all.add(ops("AsymmetricTokenVerify." + asym[i], threads, rs[i] * threads, "alg", "RS256"));
                all.add(ops("AsymmetricTokenVerify." + asym[i], threads, rs[i] / 25 * threads, "alg", "ES256"));
                boolean eddsa = !asym[i].equals("nimbus") && !asym[i].equals("springNimbusJwtDecoder")
                        && !asym[i].equals("auth0JavaJwt");
                if (eddsa) {
                    all.add(ops("AsymmetricTokenVerify." + asym[i], threads, rs[i] / 15 * threads, "alg", "EdDSA"));
                }
            }
        }
        all.add(ops("TokenSigning.nimbusHs256", 1, 520_000));
        all.add(ops("TokenSigning.jjwtHs256", 1, 310_000));
        all.add(ops("TokenSigning.auth0JavaJwtHs256", 1, 640_000));
        all.add(ops("TokenSigning.nimbusRs256", 1, 1_150));
        all.add(micros("DatabaseFlows.login", 1_420, "db", "h2", "bcryptCost", "4"));
        all.add(micros("DatabaseFlows.refresh", 640, "db", "h2", "bcryptCost", "4"));
        all.add(micros("BareBcrypt.verify", 1_010, "cost", "4"));
        all.add(micros("BareBcrypt.verify", 58_100, "cost", "10"));
        for (String db : withPostgres ? new String[] {"h2", "postgresql"} : new String[] {"h2"}) {
            boolean h2 = db.equals("h2");
            all.add(micros("DatabaseFlows.login", h2 ? 59_300 : 61_900, "db", db, "bcryptCost", "10"));
            all.add(micros("DatabaseFlows.refresh", h2 ? 690 : 1_150, "db", db, "bcryptCost", "10"));
            all.add(micros("DatabaseFlows.otpSendAndVerify", h2 ? 880 : 2_300, "db", db, "bcryptCost", "10"));
            all.add(micros("DatabaseFlows.bareUpdate", h2 ? 95 : 410, "db", db, "bcryptCost", "10"));
            double[] login = {58_900, 59_600, 60_100, 59_000};
            double[] refresh = {700, 860, 1_020, 720};
            for (int i = 0; i < Scale.SCENARIOS.size(); i++) {
                all.add(micros("Scale.login", login[i] * (h2 ? 1 : 1.04), "db", db, "scenario", Scale.SCENARIOS.get(i)));
                all.add(micros("Scale.refresh", refresh[i] * (h2 ? 1 : 1.6), "db", db, "scenario",
                        Scale.SCENARIOS.get(i)));
            }
        }
        all.add(micros("Enumeration.unknownAccount", 58_700));
        all.add(micros("Enumeration.wrongPassword", 58_400));
        return all;
    }

    /** A finished full run with PostgreSQL reachable. */
    private static String fullRun() {
        ReportWriter report = new ReportWriter(false, 1_000_000);
        report.start(Instant.parse("2026-12-01T14:31:00Z"));
        report.postgres("jdbc:postgresql://127.0.0.1:5432/latchkey_bench?user=postgres&password=hunter2", null);
        long seconds = 145;
        for (String area : BenchmarkReport.AREAS) {
            report.settings(area, "settings of " + area);
            report.took(area, Duration.ofSeconds(seconds));
            seconds += 61;
        }
        report.add(everything(true));
        report.purge("h2", "2,000,000 rows in 41 s");
        report.purge("postgresql", null);
        report.finish(Instant.parse("2026-12-01T14:49:30Z"));
        return report.render();
    }

    /** An interrupted smoke run without PostgreSQL, some areas skipped, some figures missing, two failures. */
    private static String smokeRunWithoutPostgres() {
        ReportWriter report = new ReportWriter(true, 50_000);
        report.start(Instant.parse("2026-12-02T09:05:00Z"));
        report.postgres("jdbc:postgresql://db.example:5432/bench?user=bench", "Connection refused");
        for (String area : List.of("tokens", "asymmetric", "database", "scale")) {
            report.settings(area, "smoke settings of " + area);
        }
        report.took("tokens", Duration.ofSeconds(12));
        List<Measurement> some = new ArrayList<>(everything(false));
        some.removeIf(m -> m.benchmark().equals("HsTokenVerify.jjwt") && m.threads() == 2);
        some.removeIf(m -> m.benchmark().equals("AsymmetricTokenVerify.latchkeyFresh")
                && m.params().get("alg").equals("RS256"));
        some.removeIf(m -> m.benchmark().equals("AsymmetricTokenVerify.jjwt")
                && m.params().get("alg").equals("EdDSA"));
        some.removeIf(m -> m.benchmark().startsWith("Enumeration."));
        some.removeIf(m -> m.benchmark().equals("Scale.refresh") && m.params().get("scenario").equals("users1m"));
        report.add(some);
        report.add(List.of(ops("AsymmetricTokenVerify.latchkeyFresh", 1, 900, "alg", "RS256")));
        report.failure("[Scale\\.] [db, h2, scenario, users1m_purged]: Benchmark had encountered error");
        report.failure("[BareBcrypt\\.] [cost, 4]: out of memory");
        return report.render();
    }

    /** Every area listed, nothing measured. */
    private static String nothingMeasured() {
        ReportWriter report = new ReportWriter(false, 20_000);
        report.start(Instant.parse("2026-12-03T00:00:00Z"));
        report.postgres("jdbc:postgresql://127.0.0.1/x?password=&user=u", null);
        for (String area : BenchmarkReport.AREAS) {
            report.settings(area, "s");
        }
        report.finish(Instant.parse("2026-12-03T00:00:59Z"));
        return report.render();
    }

    @Test
    void render_fullRun_isUnchanged() throws IOException {
        assertThat(masked(fullRun())).isEqualTo(masked(expected("report-full.md")));
    }

    @Test
    void render_smokeRunWithoutPostgres_isUnchanged() throws IOException {
        assertThat(masked(smokeRunWithoutPostgres())).isEqualTo(masked(expected("report-smoke.md")));
    }

    @Test
    void render_nothingMeasured_isUnchanged() throws IOException {
        assertThat(masked(nothingMeasured())).isEqualTo(masked(expected("report-nothing-measured.md")));
    }

    private static String masked(String md) {
        String rows = MACHINE_ROWS.matcher(md).replaceAll("$1(this machine)$2");
        return LOAD_FIGURES.matcher(rows).replaceAll(m -> m.group(1).replaceAll("[0-9]+\\.[0-9]+", "#"));
    }

    private static String expected(String name) throws IOException {
        try (InputStream in = ReportWriterOutputTest.class.getResourceAsStream(name)) {
            assertThat(in).as(name).isNotNull();
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
