package dev.latchkey.auth.jdbc;

import java.io.PrintWriter;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.sql.CallableStatement;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLFeatureNotSupportedException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.logging.Logger;

import javax.sql.DataSource;

/**
 * A {@link DataSource} that counts what its connections send the server: each executed statement (a batch counts its
 * entries), each commit and rollback, each savepoint set, released or rolled back to, each change of isolation
 * level and each read of it (pgjdbc and MariaDB's driver ask the server). Opening a transaction ({@code setAutoCommit}) and the pool's liveness checks are not counted, as the server
 * statement log of a flow would not count {@code BEGIN} and pings.
 */
public final class CountingDataSource implements DataSource {
    private static final Set<String> EXECUTIONS = Set.of("execute", "executeQuery", "executeUpdate",
            "executeLargeUpdate");
    private static final Set<String> ROUND_TRIPS = Set.of("commit", "rollback", "setSavepoint", "releaseSavepoint",
            "setTransactionIsolation", "getTransactionIsolation");

    private final DataSource delegate;
    private final AtomicInteger count = new AtomicInteger();
    private final List<String> listing = new ArrayList<>();

    /** Counts what goes through {@code delegate}. */
    public CountingDataSource(DataSource delegate) {
        this.delegate = delegate;
    }

    /** What was counted since the last {@link #reset()}. */
    public int count() {
        return count.get();
    }

    /** Starts counting from zero. */
    public void reset() {
        count.set(0);
        synchronized (listing) {
            listing.clear();
        }
    }

    /**
     * What was counted since the last {@link #reset()}, one line each in order: the SQL text of a statement (without
     * parameter values), or the name of the connection call ({@code commit}, {@code setSavepoint}, ...), for tests
     * that show where a flow's statements go.
     */
    public List<String> listing() {
        synchronized (listing) {
            return List.copyOf(listing);
        }
    }

    private void record(String what, int n) {
        count.addAndGet(n);
        synchronized (listing) {
            listing.add(n == 1 ? what : n + " x " + what);
        }
    }

    @Override
    public Connection getConnection() throws SQLException {
        return connection(delegate.getConnection());
    }

    @Override
    public Connection getConnection(String user, String password) throws SQLException {
        return connection(delegate.getConnection(user, password));
    }

    private Connection connection(Connection real) {
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            if (ROUND_TRIPS.contains(name) && !(name.equals("setTransactionIsolation")
                    && args[0].equals(real.getTransactionIsolation()))) {
                record(name, 1);
            }
            Object result = invoke(real, method, args);
            if (result instanceof Statement statement) {
                Class<?> type = result instanceof CallableStatement ? CallableStatement.class
                        : result instanceof PreparedStatement ? PreparedStatement.class : Statement.class;
                String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : null;
                return statement(statement, type, sql);
            }
            return result;
        };
        return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{Connection.class},
                handler);
    }

    private Object statement(Statement real, Class<?> type, String prepared) {
        AtomicInteger batch = new AtomicInteger();
        InvocationHandler handler = (proxy, method, args) -> {
            String name = method.getName();
            String sql = args != null && args.length > 0 && args[0] instanceof String text ? text : prepared;
            if (EXECUTIONS.contains(name)) {
                record(sql, 1);
            } else if (name.equals("addBatch")) {
                batch.incrementAndGet();
            } else if (name.startsWith("executeBatch") || name.startsWith("executeLargeBatch")) {
                record(prepared, batch.getAndSet(0));
            }
            return invoke(real, method, args);
        };
        return Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[]{type}, handler);
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }

    @Override
    public PrintWriter getLogWriter() throws SQLException {
        return delegate.getLogWriter();
    }

    @Override
    public void setLogWriter(PrintWriter out) throws SQLException {
        delegate.setLogWriter(out);
    }

    @Override
    public void setLoginTimeout(int seconds) throws SQLException {
        delegate.setLoginTimeout(seconds);
    }

    @Override
    public int getLoginTimeout() throws SQLException {
        return delegate.getLoginTimeout();
    }

    @Override
    public Logger getParentLogger() throws SQLFeatureNotSupportedException {
        return delegate.getParentLogger();
    }

    @Override
    public <T> T unwrap(Class<T> iface) throws SQLException {
        return delegate.unwrap(iface);
    }

    @Override
    public boolean isWrapperFor(Class<?> iface) throws SQLException {
        return delegate.isWrapperFor(iface);
    }
}
