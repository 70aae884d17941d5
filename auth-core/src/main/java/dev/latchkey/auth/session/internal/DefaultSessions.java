package dev.latchkey.auth.session.internal;

import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.SessionInfo;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.Inputs;
import dev.latchkey.auth.internal.Secrets;
import dev.latchkey.auth.internal.SessionIssuer;
import dev.latchkey.auth.session.Sessions;
import dev.latchkey.auth.store.RefreshTokenStore;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredUser;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.regex.Pattern;

/** Sessions over the core's refresh-token store. */
public final class DefaultSessions implements Sessions {
    /** Session ids are UUIDs; anything else (NUL bytes, megabytes) is not looked up at all. */
    private static final Pattern SESSION_ID = Pattern.compile("^[A-Za-z0-9-]{1,64}$");

    private final Core core;
    private final SessionIssuer issuer;
    private final RefreshTokenStore tokens;

    /** Sessions over the core, tokens from {@code issuer}. */
    public DefaultSessions(Core core, SessionIssuer issuer) {
        this.core = core;
        this.issuer = issuer;
        this.tokens = Objects.requireNonNull(core.stores().refreshTokens(), "stores.refreshTokens()");
    }

    @Override
    public Session refresh(String refreshToken, ClientInfo client) {
        Objects.requireNonNull(client, "client");
        if (!Inputs.plausibleToken(refreshToken)) {
            throw Core.invalidToken();
        }
        String hash = Secrets.sha256(refreshToken);
        RefreshTokenStore.Lookup lookup = tokens.findToken(hash).orElseThrow(Core::invalidToken);
        StoredSession session = lookup.session();
        Instant now = core.now();
        if (lookup.token().usedAt() != null) {
            revokeOnReuse(session, now, client);
            throw Core.invalidToken();
        }
        if (!session.isActive(now) || !now.isBefore(lookup.token().expiresAt())) {
            throw Core.invalidToken();
        }
        StoredUser user = core.users().findById(session.userId())
                .filter(Core::keepsSessions)
                .orElseThrow(Core::invalidToken);
        String next = Secrets.randomToken(32);
        Instant nextExpiry = SessionIssuer.earliest(now.plus(core.config().sessions().refreshTokenIdleTtl()),
                session.absoluteExpiresAt());
        boolean won = tokens.rotate(hash, now,
                new StoredRefreshToken(Secrets.sha256(next), session.id(), now, nextExpiry, null));
        if (!won) {
            revokeOnReuse(session, now, client);
            throw Core.invalidToken();
        }
        core.events().emit(AuthEventType.TOKEN_REFRESHED, user.id(), null, null, client, session.id(), null);
        return issuer.session(user, session.id(), next, nextExpiry, session.amrValues(), session.authenticatedAt());
    }

    private void revokeOnReuse(StoredSession session, Instant now, ClientInfo client) {
        tokens.revokeSession(session.id(), now);
        core.events().emit(AuthEventType.REFRESH_REUSE_DETECTED, session.userId(), null, null, client, session.id(),
                "session revoked");
    }

    @Override
    public void logout(String refreshToken, ClientInfo client) {
        Objects.requireNonNull(client, "client");
        if (!Inputs.plausibleToken(refreshToken)) {
            return;
        }
        tokens.findToken(Secrets.sha256(refreshToken)).ifPresent(lookup -> {
            if (tokens.revokeSession(lookup.session().id(), core.now())) {
                core.events().emit(AuthEventType.LOGGED_OUT, lookup.session().userId(), null, null, client,
                        lookup.session().id(), null);
            }
        });
    }

    @Override
    public void logoutEverywhere(String userId) {
        Objects.requireNonNull(userId, "userId");
        int revoked = core.stores().inTransaction(() -> {
            core.updateUser(userId, core::cutOff);
            return tokens.revokeAllSessions(userId, null, core.now());
        });
        core.events().emit(AuthEventType.LOGGED_OUT_EVERYWHERE, userId, null, null, null, null,
                revoked + " sessions");
    }

    @Override
    public List<SessionInfo> list(String userId) {
        Objects.requireNonNull(userId, "userId");
        return tokens.listActiveSessions(userId, core.now()).stream()
                .map(s -> new SessionInfo(s.id(), s.createdAt(), s.lastUsedAt(), s.absoluteExpiresAt(),
                        Optional.ofNullable(s.clientAddress()), Optional.ofNullable(s.userAgent())))
                .toList();
    }

    @Override
    public void revoke(String userId, String sessionId) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(sessionId, "sessionId");
        if (!SESSION_ID.matcher(sessionId).matches()) {
            throw Core.notFound();
        }
        StoredSession session = tokens.findSession(sessionId)
                .filter(s -> s.userId().equals(userId))
                .orElseThrow(Core::notFound);
        tokens.revokeSession(session.id(), core.now());
        core.events().emit(AuthEventType.SESSION_REVOKED, userId, null, null, null, sessionId, null);
    }
}
