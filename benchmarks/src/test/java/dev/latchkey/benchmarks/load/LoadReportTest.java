package dev.latchkey.benchmarks.load;

import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** The load section's arithmetic, verdicts and placement, on made-up figures (nothing is run or timed here). */
class LoadReportTest {
    private static final LoadReport.RunInfo RUN = new LoadReport.RunInfo("2026-12-02 08:30 UTC", 2, "java ... Load",
            "two instances", "3.1, 2.0, 1.0", "3.5, 2.5, 1.2", 125.0, 11);

    private static PhaseResult phase(String name, long requests, double seconds, double cpuSeconds) {
        return new PhaseResult(name, requests, 1, seconds, 4.2, 19.5,
                new PhaseResult.DbDelta(requests, 0, requests, requests, 0, requests / 2, 5 * requests,
                        Map.of("latchkey_sessions", requests, "latchkey_audit_events", requests)),
                new PhaseResult.CpuDelta(cpuSeconds * 0.6, cpuSeconds * 0.3, cpuSeconds * 0.1), 3.0, 3.4, 16);
    }

    @Test
    void figuresArePerVcpu_andGoalsAreJudged() {
        String md = LoadReport.render(RUN, List.of(
                phase("refresh", 30_000, 10, 18),                            // 3,000/s = 1,500 per vCPU: met
                phase("GET /api/profile, online check", 20_000, 10, 19),     // 1,000 per vCPU: missed
                phase("password login", 150, 10, 20)), List.of());           // 15/s of a 16/s bound: met

        assertThat(md).contains("| refresh | 16 | 30,000 (1) | 3,000 | 1,500 | 4.2 ms | 19.5 ms | 1.00 | 2.00 | 0.50 |");
        assertThat(md).contains("| Refresh at least 1,200/s per vCPU (10× Keycloak's) | 1,500 per vCPU (3,000/s) | "
                + "**met** |");
        assertThat(md).contains("| Authenticated GET with the online check at least 2,500/s per vCPU | 1,000 per vCPU "
                + "(2,000/s) | **missed** |");
        assertThat(md).contains("hashing bound (16.0/s) | 15.0/s = 94% of it | **met** |");
        assertThat(md).contains("| refreshes/s | 120 | 1,500 |");
        assertThat(md).contains("refresh: at most 50 WAL fsyncs (server-wide), 200 rows written");
        assertThat(md).contains("| `latchkey_audit_events` | 1.00 |");
        assertThat(md).contains("Preliminary").contains("load (1 min)").contains("3.00 → 3.40");
    }

    @Test
    void aRunStartedOnAQuietMachine_isNotPreliminary() {
        LoadReport.RunInfo quiet = new LoadReport.RunInfo("2026-12-03 16:26 UTC", 2, "java ... Load", "two instances",
                "0.33, 0.98, 2.24", "7.05, 4.16, 3.26", 125.0, 11);

        String md = LoadReport.render(quiet, List.of(phase("refresh", 30_000, 10, 18)), List.of());

        assertThat(md).doesNotContain("Preliminary").contains("nothing else running");
        assertThat(LoadReport.quiet("1.02, 0.5, 0.1")).isFalse();
        assertThat(LoadReport.quiet("not a number")).isFalse();
    }

    @Test
    void aMissedGoal_saysWhetherCpuOrWaitingBoundIt() {
        // 0.95 ms of CPU per request at 2,000/s = 95% of 2 cores: CPU-bound.
        PhaseResult busy = phase("GET /api/profile, online check", 20_000, 10, 19);
        assertThat(LoadReport.cpuReason(RUN, busy)).startsWith("CPU-bound: 0.95 ms of CPU per request")
                .contains("at most 2,105/s");
        // 0.1 ms per request at 1,000/s = 5% busy: the time went to waiting.
        PhaseResult idle = phase("refresh", 10_000, 10, 1);
        assertThat(LoadReport.cpuReason(RUN, idle)).contains("would allow 20,000/s").contains("waiting");
    }

    @Test
    void nothingMeasured_saysSo() {
        String md = LoadReport.render(RUN, List.of(), List.of());
        assertThat(md).contains("| Refresh at least 1,200/s per vCPU | not measured | **not measured** |");
        assertThat(md).contains("| password logins/s | 15 (Argon2) | not measured |");
    }

    @Test
    void theSection_replacesItsOldSelf_orGoesBeforeTheGoals_andSurvivesTheJmhReport() {
        String jmh = "# Latchkey benchmarks\n\n## Scale\n\nx\n\n## Goals\n\ny\n";
        String once = LoadSection.splice(jmh, "## Load\n\nfirst");
        assertThat(once).contains("## Scale\n\nx\n\n" + LoadSection.START + "\n## Load\n\nfirst\n" + LoadSection.END
                + "\n\n## Goals\n");
        String twice = LoadSection.splice(once, "## Load\n\nsecond");
        assertThat(twice).doesNotContain("first").contains("second").endsWith("## Goals\n\ny\n");
        assertThat(LoadSection.extract(twice)).contains("## Load\n\nsecond");
        assertThat(LoadSection.splice("", "s")).isEqualTo(LoadSection.START + "\ns\n" + LoadSection.END + "\n");
        assertThat(LoadSection.extract(jmh)).isEmpty();
    }
}
