package dev.latchkey.auth.session;

import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.SessionInfo;

import java.util.List;

/** Sessions: refresh, logout, logout everywhere, listing and revoking. */
public interface Sessions {
    /**
     * Exchanges a refresh token for a new access token and a new refresh token. The old one stops working; presenting
     * it again revokes the whole session (RFC 9700 4.14.2). The session keeps how and when the user authenticated.
     *
     * @throws dev.latchkey.auth.AuthException {@code INVALID_TOKEN}
     */
    Session refresh(String refreshToken, ClientInfo client);

    /** Ends the session the refresh token belongs to. Unknown or already revoked tokens are ignored. */
    void logout(String refreshToken, ClientInfo client);

    /** Ends every session of the user and rejects, in the online check, every access token issued before now. */
    void logoutEverywhere(String userId);

    /** The user's active sessions, newest first. */
    List<SessionInfo> list(String userId);

    /** Revokes one of the user's sessions, or {@link dev.latchkey.auth.AuthErrorCode#NOT_FOUND} if it is not theirs. */
    void revoke(String userId, String sessionId);
}
