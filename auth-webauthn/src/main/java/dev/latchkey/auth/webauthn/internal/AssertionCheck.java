package dev.latchkey.auth.webauthn.internal;

import com.webauthn4j.converter.AttestedCredentialDataConverter;
import com.webauthn4j.data.AuthenticationData;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.factor.FactorContext;
import dev.latchkey.auth.store.StoredCredential;

import dev.latchkey.auth.store.StoredChallenge;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.List;
import java.util.Optional;

/**
 * The check of an assertion, written once for a passkey login, a second step and a re-authentication: the credential
 * must exist; it must belong to the account its user handle names (and to the account a named ceremony was for);
 * webauthn4j's checks must pass; and a sign count must grow when either the stored or the presented one is non-zero,
 * advanced atomically with the flags the assertion showed, so that of concurrent uses one wins. A count that went
 * backwards is refused and reported as {@code clone} (the caller emits the possible-clone event).
 */
public final class AssertionCheck {
    private final FactorContext context;
    private final PasskeyRecords records;
    private final WebAuthnChecks checks;
    private final AttestedCredentialDataConverter converter;
    private final AuthEventType cloneSuspected;

    /** Checks against the context's credentials; {@code cloneSuspected} is emitted for a sign count gone backwards. */
    public AssertionCheck(FactorContext context, PasskeyRecords records, WebAuthnChecks checks,
                          AuthEventType cloneSuspected) {
        this.context = context;
        this.records = records;
        this.checks = checks;
        this.converter = new AttestedCredentialDataConverter(checks.converter());
        this.cloneSuspected = cloneSuspected;
    }

    /**
     * What a passed assertion proved: whose passkey signed, whether the user was verified, and whether the key is
     * backup eligible (a synced passkey, flag BE).
     */
    public record Passed(String userId, StoredCredential credential, boolean userVerified, boolean backupEligible) {
        /**
         * The RFC 8176 methods the assertion proved, without {@code mfa} (the login adds it with user verification):
         * {@code swk} for a backup-eligible key (one a passkey provider may copy to other devices, so a key in
         * software), else {@code hwk} (a key bound to its device); and {@code user}, since every accepted assertion
         * passed a user presence test (flag UP). RFC 8176 has no value for WebAuthn's user verification, nor does
         * WebAuthn say whether a PIN or a biometric made it, so neither {@code pin} nor {@code fpt} is claimed.
         */
        public List<String> amr() {
            return List.of(backupEligible ? "swk" : "hwk", "user");
        }
    }

    /**
     * Checks {@code data}, made for {@code challenge}, from an account that must be {@code expectedUser} when not null;
     * records the use. Throws a {@link WebAuthnChecks.Refusal} naming the failed check.
     */
    public Passed check(AuthenticationData data, byte[] challenge, String expectedUser) {
        StoredCredential credential = records.byCredentialId(Base64Url.encode(data.getCredentialId()))
                .orElseThrow(() -> new WebAuthnChecks.Refusal("unknown_credential"));
        String owner = credential.userId();
        if (expectedUser != null && !expectedUser.equals(owner)) {
            throw new WebAuthnChecks.Refusal("wrong_user");
        }
        byte[] handle = data.getUserHandle();
        if (handle != null && handle.length > 0) {
            Optional<String> named = records.ownerOfHandle(handle);
            if (named.isEmpty() || !named.get().equals(owner)) {
                throw new WebAuthnChecks.Refusal("user_handle");
            }
        } else if (expectedUser == null) {
            // A usernameless ceremony knows the account only from the user handle.
            throw new WebAuthnChecks.Refusal("user_handle");
        }
        StoredPasskey passkey = records.stored(credential);
        try {
            checks.verify(data, challenge, passkey.record(credential.counter(), converter));
        } catch (WebAuthnChecks.Refusal r) {
            throw "counter".equals(r.reason()) ? new CloneSuspected(owner) : r;
        }
        // The sign count, the last use and the flags this assertion showed (backup state, user verification once
        // seen) go in one compare-and-set on the count read above: of concurrent uses one wins, and a count that
        // moved meanwhile is one that did not grow from what was checked.
        long count = data.getAuthenticatorData().getSignCount();
        String after = passkey.after(data.getAuthenticatorData().isFlagBS(), data.getAuthenticatorData().isFlagUV())
                .toJson(records.mapper());
        if (!context.credentials().recordUse(credential.id(), credential.counter(), count, context.clock().instant(),
                after)) {
            throw new CloneSuspected(owner);
        }
        return new Passed(owner, credential, data.getAuthenticatorData().isFlagUV(),
                data.getAuthenticatorData().isFlagBE());
    }

    /**
     * Checks an answer to a second step of {@code userId} named {@code stepId}: its challenge is the login step's own
     * (whose store hash is {@code stepId}), or a live authentication challenge for this user or none, used up here.
     */
    public Passed checkStep(AuthenticationData data, CeremonyChallenges challenges, String userId, String stepId) {
        byte[] challenge = data.getCollectedClientData().getChallenge().getValue();
        String text = Base64Url.encode(challenge);
        if (!MessageDigest.isEqual(CeremonyChallenges.hash(text).getBytes(StandardCharsets.UTF_8),
                stepId.getBytes(StandardCharsets.UTF_8))) {
            StoredChallenge own = challenges.live(text, CeremonyChallenges.LOGIN)
                    .filter(c -> {
                        String account = CeremonyChallenges.account(c);
                        return account == null || account.equals(userId);
                    })
                    .orElseThrow(() -> new WebAuthnChecks.Refusal("challenge"));
            if (!challenges.consume(own)) {
                throw new WebAuthnChecks.Refusal("challenge");
            }
        }
        return check(data, challenge, userId);
    }

    /**
     * Emits the possible-clone event for a refusal that was one; the caller does so once its transaction is over, so
     * that an audit trail written in the store keeps it.
     */
    public void report(WebAuthnChecks.Refusal refusal, ClientInfo client) {
        if (refusal instanceof CloneSuspected clone) {
            context.emit(cloneSuspected, clone.userId, client, "the sign count did not grow; the passkey may have "
                    + "been copied");
        }
    }

    /** The refusal of a sign count that did not grow, naming the account whose passkey it is. */
    static final class CloneSuspected extends WebAuthnChecks.Refusal {
        private static final long serialVersionUID = 1L;
        private final transient String userId;

        CloneSuspected(String userId) {
            super("counter");
            this.userId = userId;
        }
    }
}
