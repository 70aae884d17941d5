package dev.latchkey.benchmarks;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Session;

/**
 * The refresh tokens of 256 sessions (see {@link Accounts#openSessions}), refreshed round-robin, so that each session
 * is refreshed about as often as a real one rather than growing one long chain.
 */
final class SessionRing {
    static final int SESSIONS = 256;

    private final String[] refreshTokens;
    private int next;

    SessionRing(BenchDatabase database) {
        refreshTokens = Accounts.openSessions(database, SESSIONS);
    }

    /** One refresh rotation of the next session; its successor token takes the used one's place. */
    Session refreshNext(AuthService auth) {
        int i = next;
        next = (next + 1) % SESSIONS;
        Session session = auth.sessions().refresh(refreshTokens[i], ClientInfo.unknown());
        refreshTokens[i] = session.refreshToken();
        return session;
    }
}
