package dev.latchkey.benchmarks;

import dev.latchkey.auth.AuthConfig;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.jdbc.JdbcAuthStores;
import org.h2.jdbcx.JdbcDataSource;

import java.util.UUID;

/**
 * Real Latchkey access tokens, made through the public API (login, then refresh for each further token) over an
 * in-memory H2 database, and the service that verifies them.
 */
final class TokenSource {
    private static final int SESSIONS = 64;
    private final AuthService auth;
    private final Session[] sessions = new Session[SESSIONS];
    private int next;

    /** HS256 tokens under {@link Accounts#accessTokenKey()}. */
    TokenSource() {
        this(Accounts.configBuilder(4).build());
    }

    /** Tokens from a service with this configuration (bcrypt cost 4: the password is only the way in here). */
    TokenSource(AuthConfig config) {
        JdbcDataSource ds = new JdbcDataSource();
        ds.setURL("jdbc:h2:mem:tokens-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
        auth = Accounts.service(config, JdbcAuthStores.create(ds), null);
        auth.accounts().register(Registration.newBuilder().email(Accounts.email(0)).password(Accounts.PASSWORD).build());
        for (int i = 0; i < SESSIONS; i++) {
            sessions[i] = auth.passwords().login(Contact.email(Accounts.email(0)), Accounts.PASSWORD, ClientInfo.unknown()).sessionOrThrow();
        }
    }

    AuthService auth() {
        return auth;
    }

    /** The access token of the current session. */
    String token() {
        return sessions[0].accessToken();
    }

    /**
     * {@code n} distinct tokens (each with its own {@code jti}), by refreshing 64 sessions in turn (one long chain would
     * be slow to make: each refresh reads the newest token time of its session).
     */
    String[] freshTokens(int n) {
        String[] tokens = new String[n];
        for (int i = 0; i < n; i++) {
            int s = next;
            next = (next + 1) % SESSIONS;
            sessions[s] = auth.sessions().refresh(sessions[s].refreshToken(), ClientInfo.unknown());
            tokens[i] = sessions[s].accessToken();
        }
        return tokens;
    }
}
