package dev.latchkey.auth.example;

import com.zaxxer.hikari.SQLExceptionOverride;

import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLRecoverableException;

/**
 * Tells HikariCP to drop a pooled connection on any connection-level failure, so the pool heals once the database is
 * back. HikariCP already does so for SQLState class 08 (PostgreSQL, MariaDB); H2 reports a broken connection as
 * {@link SQLNonTransientConnectionException} with its own state, which HikariCP would otherwise keep handing out.
 */
final class BrokenConnectionEviction implements SQLExceptionOverride {
    @java.lang.Override
    public Override adjudicate(SQLException e) {
        String state = e.getSQLState();
        if (e instanceof SQLNonTransientConnectionException || e instanceof SQLRecoverableException
                || state != null && state.startsWith("08")) {
            return Override.MUST_EVICT;
        }
        return Override.CONTINUE_EVICT;
    }
}
