package dev.latchkey.auth.testkit.contract;

import static dev.latchkey.auth.testkit.contract.StoreFixtures.NOW;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.RefreshTokenStore;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredUser;
import org.junit.jupiter.api.Test;

/**
 * The {@link RefreshTokenStore} contract: sessions start with their first token, rotation marks the used token and adds
 * its successor once, a session's last use follows its newest token, revocation and listing respect the session's
 * state, and the purge deletes exactly the sessions that ended. The races are in {@link ConcurrencyContract}.
 */
public abstract class RefreshTokenStoreContract extends StoreContract {

    private RefreshTokenStore tokens() {
        return stores().refreshTokens();
    }

    private String newUser(AuthStores in) {
        StoredUser user = StoreFixtures.user();
        in.users().insert(user);
        return user.id();
    }

    @Test
    void createSession_thenFindSession_returnsItWithFirstTokenAsLastUse() {
        StoredSession session = StoreFixtures.session(newUser(stores()));
        StoredRefreshToken first = StoreFixtures.token(session.id(), NOW.plusMillis(7));

        tokens().createSession(session, first);

        assertThat(tokens().findSession(session.id())).hasValueSatisfying(found -> {
            assertThat(found.userId()).isEqualTo(session.userId());
            assertThat(found.createdAt()).isEqualTo(session.createdAt());
            assertThat(found.lastUsedAt()).isEqualTo(first.issuedAt());
            assertThat(found.absoluteExpiresAt()).isEqualTo(session.absoluteExpiresAt());
            assertThat(found.revokedAt()).isNull();
            assertThat(found.clientAddress()).isEqualTo(session.clientAddress());
            assertThat(found.userAgent()).isEqualTo(session.userAgent());
        });
    }

    @Test
    void findToken_returnsTheTokenWithItsSession() {
        StoredSession session = StoreFixtures.session(newUser(stores()));
        StoredRefreshToken first = StoreFixtures.token(session.id(), NOW);
        tokens().createSession(session, first);

        assertThat(tokens().findToken(first.tokenHash())).hasValueSatisfying(lookup -> {
            assertThat(lookup.token()).isEqualTo(first);
            assertThat(lookup.session().id()).isEqualTo(session.id());
        });
    }

    @Test
    void reauthenticate_movesAuthTimeAndAmr_retiresTheUnusedToken_andAddsTheSuccessor() {
        StoredSession session = StoreFixtures.session(newUser(stores()));
        StoredRefreshToken first = StoreFixtures.token(session.id(), NOW);
        tokens().createSession(session, first);
        StoredRefreshToken successor = StoreFixtures.token(session.id(), NOW.plusSeconds(600));

        assertThat(tokens().reauthenticate(session.id(), "pwd otp mfa", NOW.plusSeconds(600), successor)).isTrue();

        assertThat(tokens().findSession(session.id())).hasValueSatisfying(found -> {
            assertThat(found.amr()).isEqualTo("pwd otp mfa");
            assertThat(found.authTime()).isEqualTo(NOW.plusSeconds(600));
            assertThat(found.createdAt()).isEqualTo(session.createdAt());
        });
        assertThat(tokens().findToken(first.tokenHash()))
                .hasValueSatisfying(l -> assertThat(l.token().usedAt()).isEqualTo(NOW.plusSeconds(600)));
        assertThat(tokens().findToken(successor.tokenHash()))
                .hasValueSatisfying(l -> assertThat(l.token().usedAt()).isNull());
        assertThat(tokens().rotate(first.tokenHash(), NOW.plusSeconds(601), StoreFixtures.token(session.id(),
                NOW.plusSeconds(601)))).isFalse();
    }

    @Test
    void reauthenticate_ofARevokedOrEndedSession_isFalse_andWritesNothing() {
        StoredSession revoked = StoreFixtures.session(newUser(stores()));
        StoredRefreshToken first = StoreFixtures.token(revoked.id(), NOW);
        tokens().createSession(revoked, first);
        tokens().revokeSession(revoked.id(), NOW.plusSeconds(1));
        StoredRefreshToken successor = StoreFixtures.token(revoked.id(), NOW.plusSeconds(2));

        assertThat(tokens().reauthenticate(revoked.id(), "pwd", NOW.plusSeconds(2), successor)).isFalse();
        assertThat(tokens().findToken(successor.tokenHash())).isEmpty();
        assertThat(tokens().findToken(first.tokenHash()))
                .hasValueSatisfying(l -> assertThat(l.token().usedAt()).isNull());

        StoredSession ended = StoreFixtures.session(newUser(stores()), NOW, NOW.plusSeconds(60));
        tokens().createSession(ended, StoreFixtures.token(ended.id(), NOW));
        assertThat(tokens().reauthenticate(ended.id(), "pwd", NOW.plusSeconds(60),
                StoreFixtures.token(ended.id(), NOW.plusSeconds(60)))).isFalse();
        assertThat(tokens().findSession(ended.id()))
                .hasValueSatisfying(found -> assertThat(found.authTime()).isEqualTo(NOW));
    }

    @Test
    void findToken_ofUnknownHash_isEmpty() {
        assertThat(tokens().findToken(StoreFixtures.hash())).isEmpty();
    }

    @Test
    void findToken_withHashDifferingOnlyInCase_isEmpty() {
        StoredSession session = StoreFixtures.session(newUser(stores()));
        StoredRefreshToken first = new StoredRefreshToken("abcDEF" + StoreFixtures.hash(), session.id(), NOW,
                NOW.plusSeconds(60), null);
        tokens().createSession(session, first);

        assertThat(tokens().findToken("ABCdef" + first.tokenHash().substring(6))).isEmpty();
    }

    @Test
    void createSession_forUnknownUser_throwsNotFound() {
        StoredSession session = StoreFixtures.session(StoreFixtures.id());

        assertThatThrownBy(() -> tokens().createSession(session, StoreFixtures.token(session.id(), NOW)))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.NOT_FOUND));
    }

    @Test
    void createSession_withTokenOfAnotherSession_throwsIllegalArgument() {
        StoredSession session = StoreFixtures.session(newUser(stores()));

        assertThatThrownBy(() -> tokens().createSession(session, StoreFixtures.token(StoreFixtures.id(), NOW)))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void rotate_ofUnusedToken_marksItUsedAndAddsTheSuccessor() {
        StoredSession session = StoreFixtures.session(newUser(stores()));
        StoredRefreshToken first = StoreFixtures.token(session.id(), NOW);
        tokens().createSession(session, first);
        StoredRefreshToken successor = StoreFixtures.token(session.id(), NOW.plusSeconds(60));

        boolean rotated = tokens().rotate(first.tokenHash(), NOW.plusSeconds(60), successor);

        assertThat(rotated).isTrue();
        assertThat(tokens().findToken(first.tokenHash()))
                .hasValueSatisfying(lookup -> assertThat(lookup.token().usedAt()).isEqualTo(NOW.plusSeconds(60)));
        assertThat(tokens().findToken(successor.tokenHash()))
                .hasValueSatisfying(lookup -> assertThat(lookup.token()).isEqualTo(successor));
    }

    @Test
    void rotate_ofUsedToken_returnsFalseAndAddsNothing() {
        StoredSession session = StoreFixtures.session(newUser(stores()));
        StoredRefreshToken first = StoreFixtures.token(session.id(), NOW);
        tokens().createSession(session, first);
        tokens().rotate(first.tokenHash(), NOW.plusSeconds(1), StoreFixtures.token(session.id(), NOW.plusSeconds(1)));
        StoredRefreshToken late = StoreFixtures.token(session.id(), NOW.plusSeconds(2));

        boolean rotated = tokens().rotate(first.tokenHash(), NOW.plusSeconds(2), late);

        assertThat(rotated).isFalse();
        assertThat(tokens().findToken(late.tokenHash())).isEmpty();
    }

    @Test
    void rotate_ofUnknownToken_returnsFalseAndAddsNothing() {
        StoredSession session = StoreFixtures.session(newUser(stores()));
        tokens().createSession(session, StoreFixtures.token(session.id(), NOW));
        StoredRefreshToken successor = StoreFixtures.token(session.id(), NOW);

        assertThat(tokens().rotate(StoreFixtures.hash(), NOW, successor)).isFalse();
        assertThat(tokens().findToken(successor.tokenHash())).isEmpty();
    }

    @Test
    void findSession_afterRotate_reportsTheSuccessorsIssueTimeAsLastUse() {
        StoredSession session = StoreFixtures.session(newUser(stores()));
        StoredRefreshToken first = StoreFixtures.token(session.id(), NOW);
        tokens().createSession(session, first);
        Instant refreshedAt = NOW.plus(Duration.ofHours(5));

        tokens().rotate(first.tokenHash(), refreshedAt, StoreFixtures.token(session.id(), refreshedAt));

        assertThat(tokens().findSession(session.id()))
                .hasValueSatisfying(found -> assertThat(found.lastUsedAt()).isEqualTo(refreshedAt));
    }

    @Test
    void revokeSession_ofActiveSession_returnsTrueAndRecordsTheTime() {
        StoredSession session = StoreFixtures.session(newUser(stores()));
        tokens().createSession(session, StoreFixtures.token(session.id(), NOW));

        boolean revoked = tokens().revokeSession(session.id(), NOW.plusSeconds(5));

        assertThat(revoked).isTrue();
        assertThat(tokens().findSession(session.id()))
                .hasValueSatisfying(found -> assertThat(found.revokedAt()).isEqualTo(NOW.plusSeconds(5)));
    }

    @Test
    void revokeSession_ofRevokedSession_returnsFalseAndKeepsTheFirstTime() {
        StoredSession session = StoreFixtures.session(newUser(stores()));
        tokens().createSession(session, StoreFixtures.token(session.id(), NOW));
        tokens().revokeSession(session.id(), NOW.plusSeconds(5));

        boolean revoked = tokens().revokeSession(session.id(), NOW.plusSeconds(9));

        assertThat(revoked).isFalse();
        assertThat(tokens().findSession(session.id()))
                .hasValueSatisfying(found -> assertThat(found.revokedAt()).isEqualTo(NOW.plusSeconds(5)));
    }

    @Test
    void revokeSession_ofUnknownSession_returnsFalse() {
        assertThat(tokens().revokeSession(StoreFixtures.id(), NOW)).isFalse();
    }

    @Test
    void revokeAllSessions_keepsTheNamedSessionAndCountsTheOthers() {
        String userId = newUser(stores());
        StoredSession kept = StoreFixtures.session(userId);
        StoredSession other1 = StoreFixtures.session(userId);
        StoredSession other2 = StoreFixtures.session(userId);
        for (StoredSession session : new StoredSession[] {kept, other1, other2}) {
            tokens().createSession(session, StoreFixtures.token(session.id(), NOW));
        }

        int revoked = tokens().revokeAllSessions(userId, kept.id(), NOW.plusSeconds(1));

        assertThat(revoked).isEqualTo(2);
        assertThat(tokens().listActiveSessions(userId, NOW.plusSeconds(2)))
                .extracting(StoredSession::id)
                .containsExactly(kept.id());
    }

    @Test
    void revokeAllSessions_withoutSessionToKeep_revokesEveryActiveOne() {
        String userId = newUser(stores());
        StoredSession session1 = StoreFixtures.session(userId);
        StoredSession session2 = StoreFixtures.session(userId);
        tokens().createSession(session1, StoreFixtures.token(session1.id(), NOW));
        tokens().createSession(session2, StoreFixtures.token(session2.id(), NOW));

        int revoked = tokens().revokeAllSessions(userId, null, NOW.plusSeconds(1));

        assertThat(revoked).isEqualTo(2);
        assertThat(tokens().listActiveSessions(userId, NOW.plusSeconds(2))).isEmpty();
    }

    @Test
    void revokeAllSessions_leavesOtherUsersSessionsActive() {
        String userId = newUser(stores());
        String otherUserId = newUser(stores());
        StoredSession other = StoreFixtures.session(otherUserId);
        tokens().createSession(other, StoreFixtures.token(other.id(), NOW));

        tokens().revokeAllSessions(userId, null, NOW.plusSeconds(1));

        assertThat(tokens().listActiveSessions(otherUserId, NOW.plusSeconds(2)))
                .extracting(StoredSession::id)
                .containsExactly(other.id());
    }

    @Test
    void listActiveSessions_leavesOutRevokedAndExpiredSessionsAndListsNewestFirst() {
        String userId = newUser(stores());
        StoredSession older = StoreFixtures.session(userId, NOW.minusSeconds(20), NOW.plus(Duration.ofDays(1)));
        StoredSession newer = StoreFixtures.session(userId, NOW.minusSeconds(10), NOW.plus(Duration.ofDays(1)));
        StoredSession revoked = StoreFixtures.session(userId, NOW.minusSeconds(5), NOW.plus(Duration.ofDays(1)));
        StoredSession expired = StoreFixtures.session(userId, NOW.minus(Duration.ofDays(2)), NOW);
        for (StoredSession session : new StoredSession[] {older, newer, revoked, expired}) {
            tokens().createSession(session, StoreFixtures.token(session.id(), session.createdAt()));
        }
        tokens().revokeSession(revoked.id(), NOW.minusSeconds(1));

        assertThat(tokens().listActiveSessions(userId, NOW))
                .extracting(StoredSession::id)
                .containsExactly(newer.id(), older.id());
    }

    @Test
    void purgeExpired_deletesSessionsPastTheirAbsoluteExpiryWithTheirTokens() {
        AuthStores fresh = freshStores();
        StoredSession session = StoreFixtures.session(newUser(fresh), NOW.minus(Duration.ofDays(90)),
                NOW.minusSeconds(1));
        StoredRefreshToken token = StoreFixtures.token(session.id(), NOW.minusSeconds(10));
        fresh.refreshTokens().createSession(session, token);

        int purged = fresh.refreshTokens().purgeExpired(NOW);

        assertThat(purged).isEqualTo(1);
        assertThat(fresh.refreshTokens().findSession(session.id())).isEmpty();
        assertThat(fresh.refreshTokens().findToken(token.tokenHash())).isEmpty();
    }

    @Test
    void purgeExpired_deletesSessionsRevokedBeforeTheCutOff() {
        AuthStores fresh = freshStores();
        StoredSession session = StoreFixtures.session(newUser(fresh));
        fresh.refreshTokens().createSession(session, StoreFixtures.token(session.id(), NOW));
        fresh.refreshTokens().revokeSession(session.id(), NOW.plusSeconds(1));

        int purged = fresh.refreshTokens().purgeExpired(NOW.plusSeconds(2));

        assertThat(purged).isEqualTo(1);
        assertThat(fresh.refreshTokens().findSession(session.id())).isEmpty();
    }

    @Test
    void purgeExpired_deletesSessionsWhoseEveryTokenPassedItsIdleExpiry() {
        AuthStores fresh = freshStores();
        StoredSession session = StoreFixtures.session(newUser(fresh));
        StoredRefreshToken first = StoreFixtures.token(session.id(), NOW);
        fresh.refreshTokens().createSession(session, first);
        StoredRefreshToken second = StoreFixtures.token(session.id(), NOW.plusSeconds(60));
        fresh.refreshTokens().rotate(first.tokenHash(), NOW.plusSeconds(60), second);

        int purged = fresh.refreshTokens().purgeExpired(second.expiresAt().plusMillis(1));

        assertThat(purged).isEqualTo(1);
        assertThat(fresh.refreshTokens().findSession(session.id())).isEmpty();
    }

    @Test
    void purgeExpired_keepsSessionsWithALiveToken() {
        AuthStores fresh = freshStores();
        StoredSession session = StoreFixtures.session(newUser(fresh));
        StoredRefreshToken first = StoreFixtures.token(session.id(), NOW);
        fresh.refreshTokens().createSession(session, first);
        StoredRefreshToken second = StoreFixtures.token(session.id(), NOW.plus(Duration.ofDays(20)));
        fresh.refreshTokens().rotate(first.tokenHash(), NOW.plus(Duration.ofDays(20)), second);

        int purged = fresh.refreshTokens().purgeExpired(first.expiresAt().plusMillis(1));

        assertThat(purged).isZero();
        assertThat(fresh.refreshTokens().findToken(first.tokenHash())).isPresent();
    }
}
