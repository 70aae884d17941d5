/**
 * The SQL behind {@link dev.latchkey.auth.jdbc.JdbcAuthStores}: the stores, the table names, the dialects, and the
 * migration scripts with their runner.
 *
 * <p>Not API: every type here may change or disappear in any release. Use
 * {@link dev.latchkey.auth.jdbc.JdbcAuthStores} instead.
 */
package dev.latchkey.auth.jdbc.internal;
