package dev.latchkey.auth.example;

import dev.latchkey.auth.AuthException;
import org.jdbi.v3.core.Jdbi;
import org.jdbi.v3.core.JdbiException;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.function.Supplier;

/**
 * The example application's own table: customers, each owned by one user, who sees only their own.
 *
 * <p>It lives in the same database as Latchkey's tables ({@code <prefix>example_customers}) and is created at start-up
 * if missing. Every query is scoped to the owner. Database failures become {@code store_unavailable}, as they do in
 * Latchkey's stores.
 */
public final class CustomerStore {
    /** A stored customer. */
    record Customer(String id, String ownerId, String name, String contact, String address, Instant createdAt) {
    }

    /** The most customers one list answer holds. */
    static final int MAX_LIST = 500;

    private final Jdbi jdbi;
    private final String table;

    /** The customers in the table {@code <tablePrefix>example_customers}. */
    public CustomerStore(Jdbi jdbi, String tablePrefix) {
        this.jdbi = Objects.requireNonNull(jdbi, "jdbi");
        this.table = tablePrefix + "example_customers";
    }

    /** Creates the table and its index unless they exist; {@code dialect} is {@code JdbcAuthStores.dialectName()}. */
    public void createTable(String dialect) {
        String columns = "id VARCHAR(36) NOT NULL PRIMARY KEY, owner_id VARCHAR(36) NOT NULL, name VARCHAR(200), "
                + "contact VARCHAR(200), address VARCHAR(500) NOT NULL, created_at BIGINT NOT NULL";
        String index = table + "_owner";
        wrap(() -> jdbi.withHandle(h -> {
            if (dialect.equals("mariadb")) {
                h.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ", INDEX " + index
                        + " (owner_id, created_at))");
            } else {
                h.execute("CREATE TABLE IF NOT EXISTS " + table + " (" + columns + ")");
                h.execute("CREATE INDEX IF NOT EXISTS " + index + " ON " + table + " (owner_id, created_at)");
            }
            return null;
        }));
    }

    /** Stores a new customer for {@code ownerId}. */
    Customer create(String ownerId, String name, String contact, String address, Instant now) {
        Instant createdAt = Instant.ofEpochMilli(now.toEpochMilli());
        Customer c = new Customer(UUID.randomUUID().toString(), ownerId, name, contact, address, createdAt);
        wrap(() -> jdbi.withHandle(h -> h.createUpdate("INSERT INTO " + table
                        + " (id, owner_id, name, contact, address, created_at)"
                        + " VALUES (:id, :owner, :name, :contact, :address, :createdAt)")
                .bind("id", c.id())
                .bind("owner", c.ownerId())
                .bind("name", c.name())
                .bind("contact", c.contact())
                .bind("address", c.address())
                .bind("createdAt", c.createdAt().toEpochMilli())
                .execute()));
        return c;
    }

    /** The owner's customers, oldest first, at most {@link #MAX_LIST}. */
    List<Customer> list(String ownerId) {
        return wrap(() -> jdbi.withHandle(h -> h.createQuery("SELECT id, owner_id, name, contact, address, created_at"
                        + " FROM " + table + " WHERE owner_id = :owner ORDER BY created_at, id LIMIT " + MAX_LIST)
                .bind("owner", ownerId)
                .map((rs, ctx) -> new Customer(rs.getString("id"), rs.getString("owner_id"), rs.getString("name"),
                        rs.getString("contact"), rs.getString("address"),
                        Instant.ofEpochMilli(rs.getLong("created_at"))))
                .list()));
    }

    /** Deletes every customer of the owner, when their account goes. */
    public int deleteAll(String ownerId) {
        return wrap(() -> jdbi.withHandle(h -> h.createUpdate("DELETE FROM " + table + " WHERE owner_id = :owner")
                .bind("owner", ownerId)
                .execute()));
    }

    private static <T> T wrap(Supplier<T> work) {
        try {
            return work.get();
        } catch (JdbiException e) {
            throw AuthException.storeUnavailable("the customers table could not be reached", e);
        }
    }
}
