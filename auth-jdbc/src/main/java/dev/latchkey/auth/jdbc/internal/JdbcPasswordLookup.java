package dev.latchkey.auth.jdbc.internal;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.latchkey.auth.Contact;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.AuthStores.UserAndPassword;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredUser;

/**
 * What a password login reads, in one statement: the account a contact identifies, else the newest pending
 * registration claiming it (the user store's one read of both), joined with the password credentials of each.
 */
public final class JdbcPasswordLookup {
    private static final String CREDENTIAL_COLUMNS = "id, user_id, type, external_id, label, secret, data, counter, "
            + "created_at, last_used_at";

    private final Database database;
    private final String byEmailSql;
    private final String byPhoneSql;

    /** The lookup over these stores' tables. */
    public JdbcPasswordLookup(Database database, JdbcUserStore users) {
        this.database = Objects.requireNonNull(database, "database");
        StringBuilder aliased = new StringBuilder();
        for (String column : CREDENTIAL_COLUMNS.split(", ")) {
            aliased.append(", c.").append(column).append(" AS c_").append(column);
        }
        String join = " LEFT JOIN " + database.tables().credentials() + " c ON c.user_id = u.id AND c.type = '"
                + AuthStores.PASSWORD + "'";
        byEmailSql = "SELECT u.*" + aliased + " FROM (" + users.identifyingOrPendingSql(true) + ") u" + join;
        byPhoneSql = "SELECT u.*" + aliased + " FROM (" + users.identifyingOrPendingSql(false) + ") u" + join;
    }

    /** {@link AuthStores#findForPasswordLogin}: the identifying account first, its oldest password credential. */
    public Optional<UserAndPassword> find(Contact.Kind kind, String normalized) {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(normalized, "normalized");
        boolean email = kind == Contact.Kind.EMAIL;
        List<Object[]> rows = database.withHandle("Could not look the account up", handle -> Statements.query(handle,
                        email ? byEmailSql : byPhoneSql)
                .bind("value", normalized)
                .map((rs, context) -> new Object[]{JdbcUserStore.mapUser(rs, context),
                        rs.getString("c_id") == null ? null : JdbcCredentialStore.mapCredential(rs, "c_")})
                .list());
        Map<String, StoredUser> users = new LinkedHashMap<>();
        Map<String, List<StoredCredential>> passwords = new LinkedHashMap<>();
        for (Object[] row : rows) {
            StoredUser user = (StoredUser) row[0];
            users.putIfAbsent(user.id(), user);
            List<StoredCredential> own = passwords.computeIfAbsent(user.id(), id -> new ArrayList<>());
            if (row[1] != null) {
                own.add((StoredCredential) row[1]);
            }
        }
        return JdbcUserStore.identifyingFirst(users.values(), normalized, email).map(u -> new UserAndPassword(u, passwords.get(u.id()).stream()
                .min(Comparator.comparing(StoredCredential::createdAt).thenComparing(StoredCredential::id))
                .orElse(null)));
    }
}
