package dev.latchkey.auth.testkit.memory;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.RefreshTokenStore;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;

/**
 * Sessions and their refresh tokens in memory. A session's {@code lastUsedAt} is the newest issue time of its tokens,
 * computed on every read as the SQL store does; rotation checks and writes under the data's lock, so of concurrent
 * rotations of one token exactly one succeeds.
 */
final class InMemoryRefreshTokenStore implements RefreshTokenStore {
    private static final Comparator<StoredSession> NEWEST_FIRST = Comparator.comparing(StoredSession::createdAt)
            .thenComparing(StoredSession::id).reversed();

    private final MemoryData data;

    InMemoryRefreshTokenStore(MemoryData data) {
        this.data = data;
    }

    @Override
    public void createSession(StoredSession session, StoredRefreshToken firstToken) {
        Objects.requireNonNull(session, "session");
        Objects.requireNonNull(firstToken, "firstToken");
        if (!firstToken.sessionId().equals(session.id())) {
            throw new IllegalArgumentException("the first token belongs to another session");
        }
        data.atomically(() -> {
            if (!data.users.containsKey(session.userId())) {
                throw new AuthException(AuthErrorCode.NOT_FOUND, "The account of the session does not exist");
            }
            if (data.sessions.containsKey(session.id())) {
                throw MemoryData.integrityViolation("A session with this id already exists");
            }
            data.put(data.sessions, session.id(), session);
            data.put(data.tokenHashesBySession, session.id(), List.of());
            addToken(firstToken);
        });
    }

    @Override
    public Optional<Lookup> findToken(String tokenHash) {
        Objects.requireNonNull(tokenHash, "tokenHash");
        return data.atomically(() -> Optional.ofNullable(data.refreshTokens.get(tokenHash))
                .map(token -> new Lookup(token, withLastUse(data.sessions.get(token.sessionId())))));
    }

    @Override
    public boolean rotate(String usedTokenHash, Instant usedAt, StoredRefreshToken successor) {
        Objects.requireNonNull(usedTokenHash, "usedTokenHash");
        Objects.requireNonNull(usedAt, "usedAt");
        Objects.requireNonNull(successor, "successor");
        return data.atomically(() -> {
            StoredRefreshToken used = data.refreshTokens.get(usedTokenHash);
            if (used == null || used.usedAt() != null) {
                return false;
            }
            data.put(data.refreshTokens, usedTokenHash, new StoredRefreshToken(used.tokenHash(), used.sessionId(),
                    used.issuedAt(), used.expiresAt(), usedAt));
            addToken(successor);
            return true;
        });
    }

    @Override
    public boolean reauthenticate(String sessionId, String amr, Instant authTime, StoredRefreshToken successor) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(amr, "amr");
        Objects.requireNonNull(authTime, "authTime");
        Objects.requireNonNull(successor, "successor");
        if (!successor.sessionId().equals(sessionId)) {
            throw new IllegalArgumentException("the successor belongs to another session");
        }
        return data.atomically(() -> {
            StoredSession s = data.sessions.get(sessionId);
            if (s == null || s.revokedAt() != null || !authTime.isBefore(s.absoluteExpiresAt())) {
                return false;
            }
            data.put(data.sessions, sessionId, new StoredSession(s.id(), s.userId(), s.createdAt(), s.lastUsedAt(),
                    s.absoluteExpiresAt(), null, s.clientAddress(), s.userAgent(), amr, authTime));
            for (String hash : data.tokenHashesBySession.get(sessionId)) {
                StoredRefreshToken t = data.refreshTokens.get(hash);
                if (t.usedAt() == null) {
                    data.put(data.refreshTokens, hash, new StoredRefreshToken(t.tokenHash(), t.sessionId(),
                            t.issuedAt(), t.expiresAt(), authTime));
                }
            }
            addToken(successor);
            return true;
        });
    }

    @Override
    public Optional<StoredSession> findSession(String sessionId) {
        Objects.requireNonNull(sessionId, "sessionId");
        return data.atomically(() -> Optional.ofNullable(data.sessions.get(sessionId)).map(this::withLastUse));
    }

    @Override
    public boolean revokeSession(String sessionId, Instant at) {
        Objects.requireNonNull(sessionId, "sessionId");
        Objects.requireNonNull(at, "at");
        return data.atomically(() -> {
            StoredSession session = data.sessions.get(sessionId);
            if (session == null || session.revokedAt() != null) {
                return false;
            }
            data.put(data.sessions, sessionId, revoked(session, at));
            return true;
        });
    }

    @Override
    public int revokeAllSessions(String userId, String keepSessionId, Instant at) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(at, "at");
        return data.atomically(() -> {
            List<StoredSession> revoking = data.sessions.values().stream()
                    .filter(s -> s.userId().equals(userId) && s.revokedAt() == null
                            && s.absoluteExpiresAt().isAfter(at) && !s.id().equals(keepSessionId))
                    .toList();
            revoking.forEach(s -> data.put(data.sessions, s.id(), revoked(s, at)));
            return revoking.size();
        });
    }

    @Override
    public List<StoredSession> listActiveSessions(String userId, Instant now) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(now, "now");
        return data.atomically(() -> data.sessions.values().stream()
                .filter(s -> s.userId().equals(userId) && s.isActive(now))
                .sorted(NEWEST_FIRST)
                .map(this::withLastUse)
                .toList());
    }

    @Override
    public int purgeExpired(Instant cutOff) {
        Objects.requireNonNull(cutOff, "cutOff");
        return data.atomically(() -> {
            List<String> ended = new ArrayList<>();
            for (StoredSession session : data.sessions.values()) {
                if (session.absoluteExpiresAt().isBefore(cutOff)
                        || (session.revokedAt() != null && session.revokedAt().isBefore(cutOff))
                        || isIdle(session.id(), cutOff)) {
                    ended.add(session.id());
                }
            }
            ended.forEach(sessionId -> deleteSession(data, sessionId));
            return ended.size();
        });
    }

    /** Deletes a session and its tokens; the caller holds the lock (an account deletion, a purge). */
    static void deleteSession(MemoryData data, String sessionId) {
        List<String> hashes = data.remove(data.tokenHashesBySession, sessionId);
        if (hashes != null) {
            hashes.forEach(hash -> data.remove(data.refreshTokens, hash));
        }
        data.remove(data.sessions, sessionId);
    }

    /**
     * Idle-dead: its unused token expired before {@code cutOff}, and so did every other token; the SQL store's rule,
     * so that a session is never purged while one of its tokens still counts.
     */
    private boolean isIdle(String sessionId, Instant cutOff) {
        List<StoredRefreshToken> tokens = data.tokenHashesBySession.get(sessionId).stream()
                .map(data.refreshTokens::get)
                .toList();
        boolean unusedExpired = tokens.stream().anyMatch(t -> t.usedAt() == null && t.expiresAt().isBefore(cutOff));
        boolean noneLive = tokens.stream().allMatch(t -> t.expiresAt().isBefore(cutOff));
        return unusedExpired && noneLive;
    }

    private void addToken(StoredRefreshToken token) {
        if (data.refreshTokens.containsKey(token.tokenHash())) {
            throw MemoryData.integrityViolation("A refresh token with this hash already exists");
        }
        List<String> hashes = data.tokenHashesBySession.get(token.sessionId());
        if (hashes == null) {
            throw MemoryData.integrityViolation("The session of the refresh token does not exist");
        }
        List<String> next = new ArrayList<>(hashes);
        next.add(token.tokenHash());
        data.put(data.tokenHashesBySession, token.sessionId(), List.copyOf(next));
        data.put(data.refreshTokens, token.tokenHash(), token);
    }

    private StoredSession withLastUse(StoredSession session) {
        Instant lastUse = data.tokenHashesBySession.get(session.id()).stream()
                .map(hash -> data.refreshTokens.get(hash).issuedAt())
                .max(Comparator.naturalOrder())
                .orElse(session.createdAt());
        return new StoredSession(session.id(), session.userId(), session.createdAt(), lastUse,
                session.absoluteExpiresAt(), session.revokedAt(), session.clientAddress(), session.userAgent(),
                session.amr(), session.authTime());
    }

    private static StoredSession revoked(StoredSession session, Instant at) {
        return new StoredSession(session.id(), session.userId(), session.createdAt(), session.lastUsedAt(),
                session.absoluteExpiresAt(), at, session.clientAddress(), session.userAgent(), session.amr(),
                session.authTime());
    }
}
