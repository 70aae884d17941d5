/**
 * The SQL behind {@link dev.latchkey.auth.jdbc.JdbcAuthStores}: the four stores, the dialects and the migration
 * runner.
 *
 * <p>Not API: every type here may change or disappear in any release. Use
 * {@link dev.latchkey.auth.jdbc.JdbcAuthStores} instead.
 */
package dev.latchkey.auth.jdbc.internal;
