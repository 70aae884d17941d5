package dev.latchkey.auth.jdbc.internal;

import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.statement.ColonPrefixSqlParser;
import org.jdbi.v3.core.statement.PreparedBatch;
import org.jdbi.v3.core.statement.Query;
import org.jdbi.v3.core.statement.SqlLogger;
import org.jdbi.v3.core.statement.SqlParser;
import org.jdbi.v3.core.statement.SqlStatement;
import org.jdbi.v3.core.statement.StatementExceptions;
import org.jdbi.v3.core.statement.TemplateEngine;
import org.jdbi.v3.core.statement.Update;

/**
 * Creates Latchkey's statements with a fixed configuration, whatever the host configured on its own {@code Jdbi}.
 *
 * <p>The SQL is complete text with {@code :name} parameters, so templating is off and the colon parser is forced.
 * No {@link SqlLogger} of the host sees the statements and their exceptions carry no parameter values, because the
 * parameters are token and code hashes, emails and phones.
 */
final class Statements {
    private static final SqlParser PARSER = new ColonPrefixSqlParser();

    private Statements() {
    }

    /** A query on {@code handle}. */
    static Query query(Handle handle, String sql) {
        return configure(handle.createQuery(sql));
    }

    /** An insert, update or delete on {@code handle}. */
    static Update update(Handle handle, String sql) {
        return configure(handle.createUpdate(sql));
    }

    /** A batch of one insert or update on {@code handle}, each {@code add()} one row. */
    static PreparedBatch batch(Handle handle, String sql) {
        return configure(handle.prepareBatch(sql));
    }

    private static <S extends SqlStatement<S>> S configure(S statement) {
        return statement.setTemplateEngine(TemplateEngine.NOP)
                .setSqlParser(PARSER)
                .setSqlLogger(SqlLogger.NOP_SQL_LOGGER)
                .configure(StatementExceptions.class,
                        exceptions -> exceptions.setMessageRendering(StatementExceptions.MessageRendering.NONE));
    }
}
