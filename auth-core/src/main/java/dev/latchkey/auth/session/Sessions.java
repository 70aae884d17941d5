package dev.latchkey.auth.session;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.SessionInfo;

import java.util.List;

/**
 * Sessions: refresh, logout, logout everywhere, listing and revoking.
 *
 * <p>Null arguments: a null or blank refresh token is {@link dev.latchkey.auth.AuthErrorCode#INVALID_TOKEN} for
 * {@link #refresh}, and a silent no-op for {@link #logout}, exactly as an unknown token is (so a client that lost its
 * token can always log out). Every other argument is required, and a null one throws {@link NullPointerException}
 * naming it.
 */
public interface Sessions {
    /**
     * Exchanges a refresh token for a new access token and a new refresh token. The old one stops working; presenting
     * it again revokes the whole session (RFC 9700 4.14.2). The session keeps how and when the user authenticated.
     *
     * @throws dev.latchkey.auth.AuthException {@code INVALID_TOKEN}
     */
    Session refresh(String refreshToken, ClientInfo client);

    /**
     * Ends the session the refresh token belongs to. A null, blank, unknown or already revoked token is ignored: no
     * exception, no event.
     */
    void logout(String refreshToken, ClientInfo client);

    /** Ends every session of the user and rejects, in the online check, every access token issued before now. */
    void logoutEverywhere(String userId);

    /** The user's active sessions, newest first. */
    List<SessionInfo> list(String userId);

    /** Revokes one of the user's sessions, or {@link dev.latchkey.auth.AuthErrorCode#NOT_FOUND} if it is not theirs. */
    void revoke(String userId, String sessionId);
}
