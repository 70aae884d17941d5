package dev.latchkey.benchmarks.load;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The generator sends to this machine only, and its command line bounds every run. */
class LoopbackOnlyTest {
    @Test
    void loopbackTargets_areAccepted() {
        assertThat(LoopbackOnly.http("http://127.0.0.1:8080").toString()).isEqualTo("http://127.0.0.1:8080");
        assertThat(LoopbackOnly.http("http://localhost:8081/").toString()).isEqualTo("http://localhost:8081");
        assertThat(LoopbackOnly.http("http://[::1]:8082").getPort()).isEqualTo(8082);
        assertThat(LoopbackOnly.postgres("jdbc:postgresql://127.0.0.1:5432/x_load?user=postgres")).isNotNull();
    }

    @Test
    void otherTargets_areRefused() {
        for (String bad : new String[] {"http://192.0.2.1:8080", "http://10.0.0.1:80", "https://127.0.0.1:8443",
                "http://127.0.0.1", "ftp://127.0.0.1:21", "http://example.com:80", "not a url"}) {
            assertThatThrownBy(() -> LoopbackOnly.http(bad)).as(bad).isInstanceOf(IllegalArgumentException.class);
        }
        assertThatThrownBy(() -> LoopbackOnly.postgres("jdbc:postgresql://192.0.2.1:5432/x_load"))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoopbackOnly.postgres("jdbc:mariadb://127.0.0.1/x"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void theCommandLine_boundsEveryPhase_andKeepsTargetsOnLoopback() {
        LoadArgs defaults = LoadArgs.parse();
        assertThat(defaults.seconds()).isEqualTo(15);
        assertThat(defaults.maxRequests()).isEqualTo(200_000);
        assertThat(defaults.databaseName()).isEqualTo("latchkey_load");
        assertThat(LoadArgs.parse("--only", "refresh,codes", "--seconds", "3").phases())
                .containsExactlyInAnyOrder("refresh", "codes");
        assertThatThrownBy(() -> LoadArgs.parse("--seconds", "1000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadArgs.parse("--max-requests", "0")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadArgs.parse("--clients", "100000")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadArgs.parse("--only", "everything")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> LoadArgs.parse("--targets", "http://127.0.0.1:1,http://198.51.100.7:2"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void procStat_givesUserPlusSystemSeconds_evenWithSpacesInTheName() {
        String stat = "4242 (java (x) y) S 1 4242 4242 0 -1 4194560 100 0 0 0 250 50 0 0 20 0 30 0 1 2 3";
        assertThat(PgCounters.CpuTime.parse(stat)).isEqualTo(3.0);
    }
}
