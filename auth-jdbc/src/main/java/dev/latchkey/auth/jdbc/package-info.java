/**
 * Every Latchkey store over one SQL database (H2, PostgreSQL, MariaDB or MySQL) through Jdbi, with versioned
 * migrations.
 *
 * <p>Start at {@link dev.latchkey.auth.jdbc.JdbcAuthStores#create(javax.sql.DataSource)}.
 */
package dev.latchkey.auth.jdbc;
