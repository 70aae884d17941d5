package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.factor.EnrolledFactor;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.webauthn.Credential;
import dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static dev.latchkey.auth.webauthn.PasskeyFixture.CLIENT;
import static dev.latchkey.auth.webauthn.PasskeyFixture.ORIGIN;
import static dev.latchkey.auth.webauthn.PasskeyFixture.PASSWORD;
import static dev.latchkey.auth.webauthn.PasskeyFixture.RP_ID;
import static dev.latchkey.auth.webauthn.PasskeyFixture.assertCode;
import static dev.latchkey.auth.webauthn.PasskeyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A passkey as a second factor after a password, passkey-only accounts, and the owner's list, rename and delete, on
 * the stores a subclass gives.
 */
abstract class SecondStepAndManagementContract {
    private final PasskeyFixture fx = new PasskeyFixture(stores());

    abstract AuthStores stores();

    @Test
    void aPasswordLogin_ofAnAccountWithAPasskey_asksForIt_andTheStepsChallengeIsAnswered() {
        Credential credential = annWithPasskey();
        LoginResult first = passwordLogin();
        assertThat(first).isInstanceOfSatisfying(LoginResult.SecondFactorRequired.class,
                r -> assertThat(r.factors()).contains("passkey"));
        String challenge = ((LoginResult.SecondFactorRequired) first).challenge();
        JsonNode options = json(fx.passkeys.secondStepOptions(challenge));
        assertThat(options.path("challenge").asString()).isEqualTo(challenge);
        assertThat(options.path("allowCredentials").get(0).path("id").asString()).isEqualTo(credential.id());

        Session session = fx.auth.secondSteps().complete(challenge, "passkey",
                credential.assertion(RP_ID, ORIGIN, challenge).json(), CLIENT).sessionOrThrow();
        assertThat(fx.token(session).amr()).containsExactly("pwd", "hwk", "user", "mfa");
    }

    @Test
    void aSecondStep_answeredWithAChallengeFromLoginOptions_passes() {
        Credential credential = annWithPasskey();
        String challenge = ((LoginResult.SecondFactorRequired) passwordLogin()).challenge();
        String own = json(fx.passkeys.loginOptions(Contact.email("ann@example.com"), CLIENT))
                .path("challenge").asString();
        assertThat(fx.auth.secondSteps().complete(challenge, "passkey",
                credential.assertion(RP_ID, ORIGIN, own).json(), CLIENT)).isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void aSecondStep_answeredWithAnotherUsersPasskey_isAWrongCode() {
        annWithPasskey();
        Session bobs = fx.codeAccount("bob@example.com");
        Credential bob = fx.enrol(SoftwareAuthenticator.es256(), fx.token(bobs));
        String challenge = ((LoginResult.SecondFactorRequired) passwordLogin()).challenge();
        assertCode(() -> fx.auth.secondSteps().complete(challenge, "passkey",
                bob.assertion(RP_ID, ORIGIN, challenge).json(), CLIENT), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void aSecondStep_answeredWithAnAssertionOfAnotherChallenge_isAWrongCode() {
        Credential credential = annWithPasskey();
        String challenge = ((LoginResult.SecondFactorRequired) passwordLogin()).challenge();
        assertCode(() -> fx.auth.secondSteps().complete(challenge, "passkey", credential.assertion(RP_ID, ORIGIN,
                SoftwareAuthenticator.base64Url(new byte[32])).json(), CLIENT), AuthErrorCode.INVALID_CODE);
        assertCode(() -> fx.auth.secondSteps().complete(challenge, "passkey", "not json", CLIENT),
                AuthErrorCode.VALIDATION_FAILED);
    }

    @Test
    void aPasskeyOnlyAccount_signsInWithIt_andByCodeWithoutASecondStep() {
        Session first = fx.codeAccount("cy@example.com");
        assertThat(first.user().hasPassword()).isFalse();
        Credential credential = fx.enrol(SoftwareAuthenticator.es256(), fx.token(first));

        assertThat(fx.login(credential)).isInstanceOf(LoginResult.Authenticated.class);
        // Lost the passkey: a code to the proved email still lets the owner in, to add a new one.
        assertThat(fx.codeAccount("cy@example.com").user().id()).isEqualTo(first.user().id());
    }

    @Test
    void theOnlyPasskeyOfAnAccountWithoutPassword_cannotBeDeleted() {
        Session cy = fx.codeAccount("cy@example.com");
        VerifiedAccessToken token = fx.token(cy);
        Credential only = fx.enrol(SoftwareAuthenticator.es256(), token);
        assertCode(() -> fx.passkeys.delete(token, only.id(), CLIENT), AuthErrorCode.LAST_CREDENTIAL);

        Credential second = fx.enrol(SoftwareAuthenticator.ed25519(), token);
        fx.passkeys.delete(token, only.id(), CLIENT);
        assertThat(fx.passkeys.list(token.userId())).extracting(Passkey::id).containsExactly(second.id());
        assertCode(() -> fx.passkeys.delete(token, second.id(), CLIENT), AuthErrorCode.LAST_CREDENTIAL);
        assertThat(AuthErrorCode.LAST_CREDENTIAL.httpStatus()).isEqualTo(409);
        assertThat(AuthErrorCode.LAST_CREDENTIAL.code()).isEqualTo("last_credential");
    }

    @Test
    void thePasskeyOfAPasswordAccount_canBeDeleted_andEmitsRemoved() {
        Credential credential = annWithPasskey();
        VerifiedAccessToken ann = secondStepped(credential);
        fx.passkeys.delete(ann, credential.id(), CLIENT);
        assertThat(fx.passkeys.list(ann.userId())).isEmpty();
        assertThat(fx.eventNames()).contains("PASSKEY_REMOVED");
        assertThat(passwordLogin()).isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void delete_needsRecentAuthentication_andTheOwnersPasskey() {
        Credential credential = annWithPasskey();
        VerifiedAccessToken ann = secondStepped(credential);
        Session bobs = fx.codeAccount("bob@example.com");
        assertCode(() -> fx.passkeys.delete(fx.token(bobs), credential.id(), CLIENT), AuthErrorCode.NOT_FOUND);
        fx.advance(Duration.ofMinutes(11));
        assertCode(() -> fx.passkeys.delete(ann, credential.id(), CLIENT),
                AuthErrorCode.INSUFFICIENT_USER_AUTHENTICATION);
        assertThat(fx.passkeys.list(ann.userId())).hasSize(1);
    }

    @Test
    void rename_changesTheLabel_ofTheOwnersPasskeyOnly() {
        Credential credential = annWithPasskey();
        String annId = userId("ann@example.com");
        Passkey renamed = fx.passkeys.rename(annId, credential.id(), "Phone");
        assertThat(renamed.label()).isEqualTo("Phone");
        assertThat(fx.passkeys.list(annId)).extracting(Passkey::label).containsExactly("Phone");
        String bob = fx.codeAccount("bob@example.com").user().id();
        assertCode(() -> fx.passkeys.rename(bob, credential.id(), "Mine"), AuthErrorCode.NOT_FOUND);
        assertCode(() -> fx.passkeys.rename(annId, credential.id(), " "), AuthErrorCode.VALIDATION_FAILED);
    }

    @Test
    void passkeys_areListedAsSecondFactors_andAnAdministratorsResetRemovesThemFromPasswordAccounts() {
        annWithPasskey();
        String annId = userId("ann@example.com");
        assertThat(fx.auth.secondSteps().enrolled(annId)).extracting(EnrolledFactor::type).containsExactly("passkey");
        fx.auth.secondSteps().reset(annId, CLIENT);
        assertThat(fx.passkeys.list(annId)).isEmpty();

        Session cy = fx.codeAccount("cy@example.com");
        fx.enrol(SoftwareAuthenticator.es256(), fx.token(cy));
        fx.auth.secondSteps().reset(cy.user().id(), CLIENT);
        assertThat(fx.passkeys.list(cy.user().id())).hasSize(1);
    }

    @Test
    void aSessionReauthenticates_withAPasskey() {
        Credential credential = annWithPasskey();
        VerifiedAccessToken ann = secondStepped(credential);
        fx.advance(Duration.ofMinutes(11));
        String challenge = json(fx.passkeys.loginOptions(CLIENT)).path("challenge").asString();
        Session fresh = fx.auth.stepUp().reauthenticate(ann, "passkey",
                credential.assertion(RP_ID, ORIGIN, challenge).json(), CLIENT);
        assertThat(fx.token(fresh).authTime()).isEqualTo(fx.clock.instant());
        assertCode(() -> fx.auth.stepUp().reauthenticate(ann, PASSWORD, CLIENT), AuthErrorCode.VALIDATION_FAILED);
    }

    private Credential annWithPasskey() {
        User ann = fx.register("ann@example.com");
        return fx.enrol(SoftwareAuthenticator.es256(), fx.signIn(ann.email().orElseThrow()));
    }

    private LoginResult passwordLogin() {
        return fx.auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT);
    }

    /** A fresh session of Ann's, through her password and her passkey. */
    private VerifiedAccessToken secondStepped(Credential credential) {
        String challenge = ((LoginResult.SecondFactorRequired) passwordLogin()).challenge();
        return fx.token(fx.auth.secondSteps().complete(challenge, "passkey",
                credential.assertion(RP_ID, ORIGIN, challenge).json(), CLIENT).sessionOrThrow());
    }

    private String userId(String email) {
        return fx.auth.accounts().findByContact(Contact.email(email)).orElseThrow().id();
    }
}
