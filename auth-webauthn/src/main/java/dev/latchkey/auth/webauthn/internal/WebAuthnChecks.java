package dev.latchkey.auth.webauthn.internal;

import com.webauthn4j.WebAuthnManager;
import com.webauthn4j.converter.util.ObjectConverter;
import com.webauthn4j.credential.CredentialRecord;
import com.webauthn4j.data.AuthenticationData;
import com.webauthn4j.data.AuthenticationParameters;
import com.webauthn4j.data.PublicKeyCredentialParameters;
import com.webauthn4j.data.PublicKeyCredentialType;
import com.webauthn4j.data.RegistrationData;
import com.webauthn4j.data.RegistrationParameters;
import com.webauthn4j.data.attestation.statement.COSEAlgorithmIdentifier;
import com.webauthn4j.data.client.Origin;
import com.webauthn4j.data.client.challenge.DefaultChallenge;
import com.webauthn4j.server.ServerProperty;
import com.webauthn4j.verifier.attestation.statement.androidkey.AndroidKeyAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.androidsafetynet.AndroidSafetyNetAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.apple.AppleAnonymousAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.none.NoneAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.packed.PackedAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.tpm.TPMAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.statement.u2f.FIDOU2FAttestationStatementVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.certpath.NullCertPathTrustworthinessVerifier;
import com.webauthn4j.verifier.attestation.trustworthiness.self.DefaultSelfAttestationTrustworthinessVerifier;
import com.webauthn4j.verifier.exception.BadAlgorithmException;
import com.webauthn4j.verifier.exception.BadAttestationStatementException;
import com.webauthn4j.verifier.exception.BadBackupEligibleFlagException;
import com.webauthn4j.verifier.exception.BadChallengeException;
import com.webauthn4j.verifier.exception.BadOriginException;
import com.webauthn4j.verifier.exception.BadRpIdException;
import com.webauthn4j.verifier.exception.BadSignatureException;
import com.webauthn4j.verifier.exception.CredentialIdTooLongException;
import com.webauthn4j.verifier.exception.InconsistentClientDataTypeException;
import com.webauthn4j.verifier.exception.MaliciousCounterValueException;
import com.webauthn4j.verifier.exception.MissingChallengeException;
import com.webauthn4j.verifier.exception.NotAllowedAlgorithmException;
import com.webauthn4j.verifier.exception.UserNotPresentException;
import com.webauthn4j.verifier.exception.UserNotVerifiedException;
import com.webauthn4j.verifier.exception.VerificationException;
import dev.latchkey.auth.webauthn.PasskeyConfig;
import dev.latchkey.auth.webauthn.UserVerification;

import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * The WebAuthn checks of both ceremonies, on webauthn4j: parsing the Level 3 JSON forms, then type, challenge,
 * origin, RP id hash, flags, algorithm and signature (webauthn4j's own), and the sign count. A failure is a
 * {@link Refusal} naming the check, never webauthn4j's message (it may quote the data).
 */
public final class WebAuthnChecks {
    /** ES256, EdDSA, RS256, in the order registration options offer them. */
    public static final List<Long> ALGORITHMS = List.of(-7L, -8L, -257L);
    /** The largest response JSON read at all. */
    public static final int MAX_JSON = 16_384;

    private static final List<PublicKeyCredentialParameters> PARAMETERS = ALGORITHMS.stream()
            .map(a -> new PublicKeyCredentialParameters(PublicKeyCredentialType.PUBLIC_KEY,
                    COSEAlgorithmIdentifier.create(a)))
            .toList();

    /** webauthn4j's failures by the check they name; the first that matches wins, {@code invalid} when none does. */
    private static final List<Reason> REASONS = List.of(
            new Reason(BadOriginException.class, "origin"),
            new Reason(BadRpIdException.class, "rp_id"),
            new Reason(BadChallengeException.class, "challenge"),
            new Reason(MissingChallengeException.class, "challenge"),
            new Reason(InconsistentClientDataTypeException.class, "type"),
            new Reason(BadSignatureException.class, "signature"),
            new Reason(UserNotVerifiedException.class, "user_verification"),
            new Reason(UserNotPresentException.class, "user_presence"),
            new Reason(NotAllowedAlgorithmException.class, "algorithm"),
            new Reason(BadAlgorithmException.class, "algorithm"),
            new Reason(BadAttestationStatementException.class, "attestation"),
            new Reason(MaliciousCounterValueException.class, "counter"),
            new Reason(CredentialIdTooLongException.class, "credential_id"),
            new Reason(BadBackupEligibleFlagException.class, "flags"));

    private record Reason(Class<? extends VerificationException> failure, String name) {
    }

    private final ObjectConverter converter;
    private final WebAuthnManager manager;
    private final Set<Origin> origins;
    private final String rpId;
    private final boolean uvRequired;

    /** The checks of this relying party. */
    public WebAuthnChecks(PasskeyConfig config, ObjectConverter converter) {
        this.converter = converter;
        // Every format's statement is verified (its signature over this very response); none is trusted as proof of
        // a model: attestation is "none", so no certificate path is checked against trust anchors.
        this.manager = new WebAuthnManager(List.of(new NoneAttestationStatementVerifier(),
                new PackedAttestationStatementVerifier(), new FIDOU2FAttestationStatementVerifier(),
                new AndroidKeyAttestationStatementVerifier(), new AndroidSafetyNetAttestationStatementVerifier(),
                new TPMAttestationStatementVerifier(), new AppleAnonymousAttestationStatementVerifier()),
                new NullCertPathTrustworthinessVerifier(), new DefaultSelfAttestationTrustworthinessVerifier(true),
                List.of(), List.of(), converter);
        Set<Origin> all = new LinkedHashSet<>();
        config.origins().forEach(o -> all.add(Origin.create(o)));
        this.origins = Set.copyOf(all);
        this.rpId = config.rpId();
        this.uvRequired = config.userVerification() == UserVerification.REQUIRED;
    }

    /** The converter the checks parse with. */
    public ObjectConverter converter() {
        return converter;
    }

    /** A RegistrationResponseJSON, parsed but not verified; else a {@code malformed} refusal. */
    public RegistrationData parseRegistration(String json) {
        return parse(json, manager::parseRegistrationResponseJSON, d -> d.getCollectedClientData() != null
                && d.getCollectedClientData().getChallenge() != null && d.getAttestationObject() != null
                && d.getAttestationObject().getAuthenticatorData().getAttestedCredentialData() != null);
    }

    /** An AuthenticationResponseJSON, parsed but not verified; else a {@code malformed} refusal. */
    public AuthenticationData parseAssertion(String json) {
        return parse(json, manager::parseAuthenticationResponseJSON, d -> d.getCollectedClientData() != null
                && d.getCollectedClientData().getChallenge() != null && d.getAuthenticatorData() != null
                && d.getCredentialId() != null && d.getSignature() != null);
    }

    /** {@code json} parsed by {@code parser} when it is of a size read at all and the result {@code complete}. */
    private static <T> T parse(String json, Function<String, T> parser, Predicate<T> complete) {
        if (json == null || json.isEmpty() || json.length() > MAX_JSON) {
            throw new Refusal("malformed");
        }
        T data;
        boolean whole;
        try {
            data = parser.apply(json);
            whole = data != null && complete.test(data);
        } catch (RuntimeException e) {
            throw new Refusal("malformed");
        }
        if (!whole) {
            throw new Refusal("malformed");
        }
        return data;
    }

    /** Verifies a registration made for {@code challenge}; else a refusal naming the failed check. */
    public void verify(RegistrationData data, byte[] challenge) {
        try {
            manager.verify(data, new RegistrationParameters(server(challenge), PARAMETERS, uvRequired, true));
        } catch (RuntimeException e) {
            throw new Refusal(reason(e));
        }
    }

    /**
     * Verifies an assertion made for {@code challenge} with {@code credential}, whose sign count must grow when either
     * count is non-zero; else a refusal naming the failed check ({@code counter} for a count that went backwards).
     */
    public void verify(AuthenticationData data, byte[] challenge, CredentialRecord credential) {
        try {
            manager.verify(data, new AuthenticationParameters(server(challenge), credential, null, uvRequired, true));
        } catch (RuntimeException e) {
            throw new Refusal(reason(e));
        }
    }

    private ServerProperty server(byte[] challenge) {
        return ServerProperty.builder().origins(origins).rpId(rpId).challenge(new DefaultChallenge(challenge))
                .build();
    }

    private static String reason(RuntimeException e) {
        if (!(e instanceof VerificationException)) {
            return "malformed";
        }
        return REASONS.stream().filter(r -> r.failure().isInstance(e)).map(Reason::name).findFirst()
                .orElse("invalid");
    }

    /** A failed check, named by a stable snake_case reason; carries no data of the ceremony. */
    public static class Refusal extends RuntimeException {
        private static final long serialVersionUID = 1L;

        /** A refusal for the check {@code reason}. */
        public Refusal(String reason) {
            super(reason, null, false, false);
        }

        /** The check that failed. */
        public String reason() {
            return getMessage();
        }
    }
}
