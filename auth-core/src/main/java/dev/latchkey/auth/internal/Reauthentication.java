package dev.latchkey.auth.internal;

import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.factor.StepUp;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredUser;

import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * Step-up: the age check of sensitive operations, and re-authentication of a live session by password (under the
 * login limits) or by one of the user's factors (under the second step's per-user budget). A success moves the
 * session's {@code auth_time} to now, adds what was shown to its {@code amr}, and replaces its refresh token.
 */
public final class Reauthentication implements StepUp {
    private final Core core;
    private final LoginFlow flow;
    private final SessionIssuer issuer;
    private final Factor password;
    private final Factor code;
    private final CurrentPassword passwordCheck;

    /** Checks a signed-in user's current password under the login limits. */
    @FunctionalInterface
    public interface CurrentPassword {
        /** Returns when right; else throws {@code INVALID_CREDENTIALS} or {@code TOO_MANY_ATTEMPTS}. */
        void verify(StoredUser user, String password, ClientInfo client);
    }

    /**
     * Step-up over the flow's factors; {@code passwordCheck} checks a user's current password (throwing
     * {@code INVALID_CREDENTIALS} or {@code TOO_MANY_ATTEMPTS}), {@code password} is its factor and {@code code} the
     * one-time-code factor, which, like the password, does not re-authenticate accounts that have a second factor.
     */
    public Reauthentication(Core core, LoginFlow flow, SessionIssuer issuer, Factor password, Factor code,
                            CurrentPassword passwordCheck) {
        this.core = core;
        this.flow = flow;
        this.issuer = issuer;
        this.password = password;
        this.code = code;
        this.passwordCheck = passwordCheck;
    }

    @Override
    public Duration maxAge() {
        return core.config().secondFactors().reauthenticationMaxAge();
    }

    @Override
    public void requireRecent(VerifiedAccessToken caller) {
        core.requireRecent(caller);
    }

    @Override
    public Session reauthenticate(VerifiedAccessToken caller, String password, ClientInfo client) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(password, "password");
        Objects.requireNonNull(client, "client");
        PasswordPolicy.refuseOversized(password);
        StoredUser user = liveUser(caller);
        if (flow.hasStepFactor(core.toUser(user))) {
            throw AuthException.validation("factor", "this account re-authenticates with its second factor");
        }
        passwordCheck.verify(user, password, client);
        return reissue(caller, user, this.password.amr(), this.password.id());
    }

    @Override
    public void prepare(VerifiedAccessToken caller, String factor, ClientInfo client) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(client, "client");
        User view = core.toUser(liveUser(caller));
        offering(view, factor).prepareSecondStep(view, factor, stepId(caller), client);
    }

    @Override
    public Session reauthenticate(VerifiedAccessToken caller, String factor, String code, ClientInfo client) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(factor, "factor");
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(client, "client");
        StoredUser user = liveUser(caller);
        User view = core.toUser(user);
        Factor f = offering(view, factor);
        LoginFlow.checkAnswerShape(f, factor, code);
        // A budget of the session's own: guesses through one stolen token do not lock the owner's logins out.
        flow.checkAnswer(view, f, factor, stepId(caller), code, client, "reauth-fail:" + caller.sessionId(),
                () -> true);
        return reissue(caller, user, f.amr(factor), factor);
    }

    /**
     * The factor offering {@code option} for re-authentication: never the password's; and for an account with a second
     * factor, only its second factors (TOTP, a recovery code), not codes to contacts, which a password reset trusts.
     */
    private Factor offering(User user, String option) {
        return flow.offering(user, option, flow.hasStepFactor(user) ? Set.of(password, code) : Set.of(password),
                true);
    }

    /** Re-authentication answers are bound to the session, as a login's are to its challenge. */
    private static String stepId(VerifiedAccessToken caller) {
        return "session " + caller.sessionId();
    }

    private StoredUser liveUser(VerifiedAccessToken caller) {
        return core.users().findById(caller.userId()).filter(Core::keepsSessions).orElseThrow(Core::invalidToken);
    }

    private Session reissue(VerifiedAccessToken caller, StoredUser user, List<String> added, String method) {
        Instant now = core.now();
        StoredSession session = core.stores().refreshTokens().findSession(caller.sessionId())
                .filter(s -> s.userId().equals(user.id()) && s.isActive(now))
                .orElseThrow(Core::invalidToken);
        Set<String> amr = new LinkedHashSet<>(session.amrValues());
        amr.addAll(added);
        String next = Secrets.randomToken(32);
        Instant nextExpiry = SessionIssuer.earliest(now.plus(core.config().sessions().refreshTokenIdleTtl()),
                session.absoluteExpiresAt());
        boolean live = core.stores().refreshTokens().reauthenticate(session.id(), String.join(" ", amr), now,
                new StoredRefreshToken(Secrets.sha256(next), session.id(), now, nextExpiry, null));
        if (!live) {
            throw Core.invalidToken();
        }
        core.events().emit(AuthEventType.REAUTHENTICATED, user.id(), null, null, null, session.id(), method);
        return issuer.session(user, session.id(), next, nextExpiry, List.copyOf(amr), now);
    }
}
