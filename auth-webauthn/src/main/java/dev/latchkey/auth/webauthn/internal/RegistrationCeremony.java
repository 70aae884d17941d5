package dev.latchkey.auth.webauthn.internal;

import com.webauthn4j.data.AuthenticatorTransport;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.attestation.authenticator.AttestedCredentialData;
import com.webauthn4j.data.attestation.authenticator.AuthenticatorData;
import com.webauthn4j.converter.AttestedCredentialDataConverter;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.User;
import dev.latchkey.auth.factor.FactorContext;
import dev.latchkey.auth.store.StoredChallenge;
import dev.latchkey.auth.store.StoredCredential;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Registration: creation options for a signed-in account (its user handle, a fresh challenge, its passkeys to
 * exclude), then the verification of the authenticator's response and the new credential, in one transaction with
 * the challenge's use. A response that fails uses its challenge up all the same.
 */
public final class RegistrationCeremony {
    /** The longest credential id kept (the store's external id holds 700 base64url characters). */
    private static final int MAX_CREDENTIAL_ID = 512;

    private final FactorContext context;
    private final PasskeyRecords records;
    private final CeremonyChallenges challenges;
    private final WebAuthnChecks checks;
    private final OptionsJson options;
    private final AttestedCredentialDataConverter converter;

    /** The ceremony over these parts. */
    public RegistrationCeremony(FactorContext context, PasskeyRecords records, CeremonyChallenges challenges,
                                WebAuthnChecks checks, OptionsJson options) {
        this.context = context;
        this.records = records;
        this.challenges = challenges;
        this.checks = checks;
        this.options = options;
        this.converter = new AttestedCredentialDataConverter(checks.converter());
    }

    /** Creation options for the user, with a new challenge bound to them. */
    public String options(User user) {
        String name = user.email().or(user::phone).orElse("user");
        return context.inTransaction(() -> {
            byte[] handle = records.handle(user.id());
            String challenge = challenges.issue(CeremonyChallenges.REGISTER, user.id());
            return options.creation(challenge, handle, name, records.descriptors(user.id()));
        });
    }

    /**
     * Verifies the response to options made for {@code userId} and keeps the passkey under {@code label}; returns the
     * stored credential.
     *
     * @throws AuthException {@link AuthErrorCode#INVALID_CREDENTIAL} with the failed check as reason
     */
    public StoredCredential register(String userId, String responseJson, String label) {
        RegistrationData data;
        try {
            data = checks.parseRegistration(responseJson);
        } catch (WebAuthnChecks.Refusal r) {
            throw refused(r);
        }
        byte[] challenge = data.getCollectedClientData().getChallenge().getValue();
        StoredChallenge stored = challenges.live(Base64Url.encode(challenge), CeremonyChallenges.REGISTER)
                .filter(c -> userId.equals(c.userId()))
                .orElseThrow(() -> refused(new WebAuthnChecks.Refusal("challenge")));
        try {
            return context.inTransaction(() -> {
                if (!challenges.consume(stored)) {
                    throw new WebAuthnChecks.Refusal("challenge");
                }
                checks.verify(data, challenge);
                StoredCredential credential = credential(userId, data, label);
                if (records.byCredentialId(credential.externalId()).isPresent()) {
                    throw new WebAuthnChecks.Refusal("already_registered");
                }
                context.credentials().insert(credential);
                return credential;
            });
        } catch (WebAuthnChecks.Refusal r) {
            challenges.consume(stored);
            throw refused(r);
        } catch (AuthException e) {
            challenges.consume(stored);
            if (e.code() == AuthErrorCode.ACCOUNT_EXISTS) {
                throw refused(new WebAuthnChecks.Refusal("already_registered"));
            }
            throw e;
        }
    }

    private StoredCredential credential(String userId, RegistrationData data, String label) {
        AuthenticatorData<?> authenticator = data.getAttestationObject().getAuthenticatorData();
        AttestedCredentialData attested = authenticator.getAttestedCredentialData();
        if (attested.getCredentialId().length > MAX_CREDENTIAL_ID) {
            throw new WebAuthnChecks.Refusal("credential_id");
        }
        List<String> transports = new ArrayList<>();
        Optional.ofNullable(data.getTransports()).ifPresent(t -> t.stream().map(AuthenticatorTransport::getValue)
                .filter(v -> v != null && v.matches("[a-z-]{1,32}")).distinct().limit(8).forEach(transports::add));
        StoredPasskey passkey = new StoredPasskey(converter.convert(attested), authenticator.isFlagBE(),
                authenticator.isFlagBS(), authenticator.isFlagUV(), data.getAttestationObject().getFormat(),
                transports, attested.getAaguid().getValue() == null ? "00000000-0000-0000-0000-000000000000"
                : attested.getAaguid().getValue().toString());
        return new StoredCredential(UUID.randomUUID().toString(), userId, PasskeyRecords.TYPE,
                Base64Url.encode(attested.getCredentialId()), label, null, passkey.toJson(
                        checks.converter().getJsonMapper()), authenticator.getSignCount(),
                context.clock().instant(), null);
    }

    private static AuthException refused(WebAuthnChecks.Refusal r) {
        return AuthException.invalidCredential(r.reason(), "the passkey was not accepted: " + r.reason());
    }
}
