package dev.latchkey.auth.jdbc.internal;

import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Instant;

/** Instants as the BIGINT epoch milliseconds every column holds: portable, and free of time-zone conversions. */
final class EpochMillis {
    private EpochMillis() {
    }

    /** The instant in epoch milliseconds (sub-millisecond precision is dropped). */
    static long of(Instant instant) {
        return instant.toEpochMilli();
    }

    /** The instant in epoch milliseconds, or null. */
    static Long ofNullable(Instant instant) {
        return instant == null ? null : instant.toEpochMilli();
    }

    /** A NOT NULL column as an instant. */
    static Instant read(ResultSet rs, String column) throws SQLException {
        return Instant.ofEpochMilli(rs.getLong(column));
    }

    /** A nullable column as an instant, or null. */
    static Instant readNullable(ResultSet rs, String column) throws SQLException {
        long millis = rs.getLong(column);
        return rs.wasNull() ? null : Instant.ofEpochMilli(millis);
    }
}
