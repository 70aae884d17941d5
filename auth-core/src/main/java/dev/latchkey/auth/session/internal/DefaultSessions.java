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
    private final byte[] successorKey;

    /** Sessions over the core, tokens from {@code issuer}. */
    public DefaultSessions(Core core, SessionIssuer issuer) {
        this.core = core;
        this.issuer = issuer;
        this.tokens = Objects.requireNonNull(core.stores().refreshTokens(), "stores.refreshTokens()");
        this.successorKey = core.keys().derive("refresh-successor");
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
            return presentedAgain(lookup, refreshToken, now, client);
        }
        if (!session.isActive(now) || !now.isBefore(lookup.token().expiresAt())) {
            throw Core.invalidToken();
        }
        StoredUser user = owner(session);
        String next = successor(refreshToken);
        Instant nextExpiry = SessionIssuer.earliest(now.plus(core.config().sessions().refreshTokenIdleTtl()),
                session.absoluteExpiresAt());
        boolean won = tokens.rotate(hash, now,
                new StoredRefreshToken(Secrets.sha256(next), session.id(), now, nextExpiry, null));
        if (!won) {
            // Another caller rotated it first: read it again, used now, and answer as for any used token.
            RefreshTokenStore.Lookup used = tokens.findToken(hash).orElseThrow(Core::invalidToken);
            return presentedAgain(used, refreshToken, now, client);
        }
        core.events().emit(AuthEventType.TOKEN_REFRESHED, user.id(), null, null, client, session.id(), null);
        return issuer.session(user, session.id(), next, nextExpiry, session.amrValues(), session.authenticatedAt());
    }

    /**
     * A token presented after it was rotated: within the reuse grace, while its successor is unused and the session
     * lives, the same successor again (with a new access token); otherwise reuse, which revokes the session.
     */
    private Session presentedAgain(RefreshTokenStore.Lookup used, String refreshToken, Instant now, ClientInfo client) {
        StoredSession session = used.session();
        Instant usedAt = used.token().usedAt();
        if (usedAt != null && now.isBefore(usedAt.plus(core.config().sessions().refreshReuseGrace()))) {
            String next = successor(refreshToken);
            RefreshTokenStore.Lookup child = tokens.findToken(Secrets.sha256(next))
                    .filter(l -> l.session().id().equals(session.id()) && l.token().usedAt() == null)
                    .orElse(null);
            if (child != null && child.session().isActive(now) && now.isBefore(child.token().expiresAt())) {
                StoredUser user = owner(child.session());
                core.events().emit(AuthEventType.TOKEN_REFRESHED, user.id(), null, null, client, session.id(),
                        "presented again within the reuse grace: the same successor");
                return issuer.session(user, session.id(), next, child.token().expiresAt(),
                        child.session().amrValues(), child.session().authenticatedAt());
            }
        }
        revokeOnReuse(session, now, client);
        throw Core.invalidToken();
    }

    private StoredUser owner(StoredSession session) {
        return core.users().findById(session.userId()).filter(Core::keepsSessions).orElseThrow(Core::invalidToken);
    }

    /**
     * The successor of a refresh token: 256 fresh random bits, or with a reuse grace HMAC-SHA-256 of the token under a
     * key derived from the configuration's secrets, as random to anyone without that key as a fresh token and the same
     * on every instance, so a token presented again within the grace maps to the successor only its hash records.
     */
    private String successor(String refreshToken) {
        return core.config().sessions().refreshReuseGrace().isZero() ? Secrets.randomToken(32)
                : Secrets.hmacSha256(successorKey, refreshToken);
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
