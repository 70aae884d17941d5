package dev.latchkey.auth.internal;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

import static org.assertj.core.api.Assertions.assertThat;

class IdsTest {
    @Test
    void idsAreVersionSevenUuidsStampedWithTheirMillisecond() {
        Instant now = Instant.parse("2026-12-02T03:40:00.123Z");
        UUID id = UUID.fromString(Ids.timeOrdered(now));

        assertThat(id.version()).isEqualTo(7);
        assertThat(id.variant()).isEqualTo(2);
        assertThat(id.getMostSignificantBits() >>> 16).isEqualTo(now.toEpochMilli());
    }

    @Test
    void idsMadeLaterSortLaterAsTextAndNeverRepeat() {
        Instant start = Instant.parse("2026-12-02T00:00:00Z");
        List<String> ids = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 2000; i++) {
            String id = Ids.timeOrdered(start.plusMillis(i));
            ids.add(id);
            seen.add(id);
        }
        List<String> sorted = new ArrayList<>(ids);
        sorted.sort(String::compareTo);

        assertThat(sorted).isEqualTo(ids);
        assertThat(seen).hasSize(ids.size());
    }

    @Test
    void idsOfOneMillisecondDifferInTheirRandomBits() {
        Instant now = Instant.parse("2026-12-02T00:00:00Z");
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 10_000; i++) {
            seen.add(Ids.timeOrdered(now));
        }

        assertThat(seen).hasSize(10_000);
    }
}
