package dev.latchkey.auth.internal;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.session.SessionConfig;
import dev.latchkey.auth.store.RefreshTokenStore;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredUser;

import java.time.Instant;
import java.util.List;

/** Starts sessions and issues their tokens; the one place access tokens are minted. */
public final class SessionIssuer {
    private final Core core;
    private final SessionConfig config;
    private final RefreshTokenStore tokens;
    private final AccessTokenCodec codec;

    /** Sessions in the core's stores, tokens from {@code codec}. */
    public SessionIssuer(Core core, AccessTokenCodec codec) {
        this.core = core;
        this.config = core.config().sessions();
        this.tokens = core.stores().refreshTokens();
        this.codec = codec;
    }

    /**
     * Starts a session in which the user authenticated now with {@code amr}, handing the client {@code deviceToken}
     * (null for none).
     */
    public Session start(StoredUser user, List<String> amr, ClientInfo client, String deviceToken) {
        Instant now = core.now();
        String sessionId = Ids.timeOrdered(now);
        String refreshToken = Secrets.randomToken(32);
        Instant absolute = now.plus(config.refreshTokenAbsoluteTtl());
        Instant refreshExpiry = earliest(now.plus(config.refreshTokenIdleTtl()), absolute);
        tokens.createSession(
                new StoredSession(sessionId, user.id(), now, now, absolute, null, client.address().orElse(null),
                        client.userAgent().orElse(null), String.join(" ", amr), now),
                new StoredRefreshToken(Secrets.sha256(refreshToken), sessionId, now, refreshExpiry, null));
        Session s = session(user, sessionId, refreshToken, refreshExpiry, amr, now);
        return deviceToken == null ? s : new Session(s.sessionId(), s.accessToken(), s.accessTokenExpiresAt(),
                s.refreshToken(), s.refreshTokenExpiresAt(), s.user(), deviceToken);
    }

    /** The tokens of a session with a refresh token issued now. */
    public Session session(StoredUser user, String sessionId, String refreshToken, Instant refreshExpiry,
                           List<String> amr, Instant authTime) {
        Instant now = core.now();
        long iat = now.getEpochSecond();
        if (user.tokensValidFrom() != null) {
            iat = Math.max(iat, user.tokensValidFrom().getEpochSecond());
        }
        Instant issuedAt = Instant.ofEpochSecond(iat);
        Instant expiresAt = issuedAt.plus(config.accessTokenTtl());
        String accessToken = codec.issue(user.id(), sessionId, user.roles(), amr, authTime, issuedAt, expiresAt);
        return new Session(sessionId, accessToken, expiresAt, refreshToken, refreshExpiry, core.toUser(user));
    }

    /** The earlier of two instants. */
    public static Instant earliest(Instant a, Instant b) {
        return a.isBefore(b) ? a : b;
    }
}
