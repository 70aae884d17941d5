package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.webauthn.Assertion;
import dev.latchkey.auth.testkit.webauthn.Credential;
import dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;

import static dev.latchkey.auth.webauthn.PasskeyFixture.CLIENT;
import static dev.latchkey.auth.webauthn.PasskeyFixture.ORIGIN;
import static dev.latchkey.auth.webauthn.PasskeyFixture.RP_ID;
import static dev.latchkey.auth.webauthn.PasskeyFixture.assertCode;
import static dev.latchkey.auth.webauthn.PasskeyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The authentication ceremony, discoverable and for a named account, against software authenticators, with every
 * refusal (each one {@code invalid_credentials}), on the stores a subclass gives.
 */
abstract class AuthenticationContract {
    private final PasskeyFixture fx = new PasskeyFixture(stores());

    abstract AuthStores stores();

    @Test
    void discoverableLogin_withUserVerification_isTwoFactors() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256());
        Session session = fx.login(credential).sessionOrThrow();

        VerifiedAccessToken token = fx.token(session);
        assertThat(token.userId()).isEqualTo(fx.auth.accounts().findByContact(Contact.email("ann@example.com"))
                .orElseThrow().id());
        assertThat(token.amr()).containsExactly("swk", "user", "mfa"); // es256() is backup eligible: synced
        assertThat(fx.eventNames()).contains("PASSKEY_USED", "LOGIN_SUCCEEDED");
        assertThat(fx.passkeys.list(token.userId()).get(0).lastUsedAt()).contains(fx.clock.instant());
    }

    /**
     * The key that signed says {@code hwk} (device-bound, flag BE clear) or {@code swk} (backup eligible: a synced
     * passkey); every accepted assertion passed a user presence test ({@code user}); user verification adds
     * {@code mfa}, and neither {@code pin} nor {@code fpt}, which WebAuthn does not tell apart.
     */
    @Test
    void amr_namesTheKeysKind_userPresence_andMfaOnlyWithUserVerification() {
        Credential bound = annWithPasskey(SoftwareAuthenticator.es256().backupEligible(false));
        VerifiedAccessToken ann = fx.token(fx.login(bound).sessionOrThrow());
        assertThat(ann.amr()).containsExactly("hwk", "user", "mfa");
        Credential synced = fx.enrol(SoftwareAuthenticator.ed25519(), ann);
        assertThat(fx.token(fx.login(synced).sessionOrThrow()).amr()).containsExactly("swk", "user", "mfa");

        Session cy = fx.codeAccount("cy@example.com");
        Credential boundTouch = fx.enrol(SoftwareAuthenticator.es256().backupEligible(false).userVerified(false),
                fx.token(cy));
        assertThat(fx.token(fx.login(boundTouch).sessionOrThrow()).amr()).containsExactly("hwk", "user");
        Credential syncedTouch = fx.enrol(SoftwareAuthenticator.ed25519().userVerified(false), fx.token(cy));
        assertThat(fx.token(fx.login(syncedTouch).sessionOrThrow()).amr()).containsExactly("swk", "user");
    }

    @Test
    void ed25519Passkey_signsIn() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.ed25519());
        assertThat(fx.login(credential)).isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void namedLogin_listsTheAccountsPasskeys() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256());
        JsonNode options = json(fx.passkeys.loginOptions(Contact.email("ann@example.com"), CLIENT));

        assertThat(options.path("rpId").asString()).isEqualTo(RP_ID);
        assertThat(options.path("allowCredentials").get(0).path("id").asString()).isEqualTo(credential.id());
        Assertion assertion = credential.assertion(RP_ID, ORIGIN, options.path("challenge").asString())
                .withUserHandle(null);
        assertThat(fx.passkeys.login(assertion.json(), CLIENT)).isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void namedOptions_haveTheSameShapeForAnUnknownAccount_andAreStable() {
        annWithPasskey(SoftwareAuthenticator.es256());
        JsonNode known = json(fx.passkeys.loginOptions(Contact.email("ann@example.com"), CLIENT));
        JsonNode unknown = json(fx.passkeys.loginOptions(Contact.email("nobody@example.com"), CLIENT));
        JsonNode again = json(fx.passkeys.loginOptions(Contact.email("nobody@example.com"), CLIENT));

        assertThat(fieldNames(unknown)).isEqualTo(fieldNames(known));
        assertThat(unknown.path("allowCredentials")).hasSize(1);
        assertThat(unknown.path("allowCredentials").get(0).path("id").asString())
                .isEqualTo(again.path("allowCredentials").get(0).path("id").asString());
        assertThat(unknown.path("challenge").asString()).isNotEqualTo(again.path("challenge").asString());
    }

    @Test
    void withoutUserVerification_itIsOneFactor() {
        // Lead's decision (review finding 2): alone it signs in only an account with no password and no other second
        // factor; a password account's touch-only key is refused on its own (it is the password's second factor).
        Session cy = fx.codeAccount("cy@example.com");
        Credential cys = fx.enrol(SoftwareAuthenticator.es256().userVerified(false), fx.token(cy));
        assertThat(fx.token(fx.login(cys).sessionOrThrow()).amr()).containsExactly("swk", "user");

        Credential anns = annWithPasskey(SoftwareAuthenticator.es256().userVerified(false));
        assertCode(() -> fx.login(anns), AuthErrorCode.INVALID_CREDENTIALS);
        // PASSKEY_USED only for the login that succeeded (review finding 8).
        assertThat(fx.events.stream().filter(e -> e.type().name().equals("PASSKEY_USED")).count()).isEqualTo(1);
    }

    @Test
    void withoutUserVerification_theSecondStepApplies_andWithItNone() {
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256().userVerified(false);
        Credential credential = annWithPasskey(authenticator);
        String userId = fx.auth.accounts().findByContact(Contact.email("ann@example.com")).orElseThrow().id();
        fx.confirmTotp(userId);

        LoginResult oneFactor = fx.login(credential);
        assertThat(oneFactor).isInstanceOfSatisfying(LoginResult.SecondFactorRequired.class,
                r -> assertThat(r.factors()).contains("totp").doesNotContain("passkey"));
        authenticator.userVerified(true);
        assertThat(fx.token(fx.login(credential).sessionOrThrow()).amr()).contains("mfa");
    }

    @Test
    void anotherOrigin_isRefused() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256());
        refused(credential.assertion(RP_ID, "https://evil.example.net", fx.loginChallenge()));
    }

    @Test
    void anAndroidAppOrigin_thatIsAllowed_signsIn() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256());
        Assertion assertion = credential.assertion(RP_ID,
                "android:apk-key-hash:AAECAwQFBgcICQoLDA0ODxAREhMUFRYXGBkaGxwdHh8", fx.loginChallenge());
        assertThat(fx.passkeys.login(assertion.json(), CLIENT)).isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void anotherRpId_isRefused() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256());
        refused(credential.assertion("evil.example.net", ORIGIN, fx.loginChallenge()));
    }

    @Test
    void aChallengeUsedOnce_isRefusedTheSecondTime() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256());
        String challenge = fx.loginChallenge();
        fx.passkeys.login(credential.assertion(RP_ID, ORIGIN, challenge).json(), CLIENT);
        refused(credential.assertion(RP_ID, ORIGIN, challenge));
    }

    @Test
    void theSameAssertionTwice_isRefusedTheSecondTime() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256());
        Assertion assertion = credential.assertion(RP_ID, ORIGIN, fx.loginChallenge());
        fx.passkeys.login(assertion.json(), CLIENT);
        refused(assertion);
    }

    @Test
    void anExpiredChallenge_isRefused() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256());
        String challenge = fx.loginChallenge();
        fx.advance(Duration.ofMinutes(5));
        refused(credential.assertion(RP_ID, ORIGIN, challenge));
    }

    @Test
    void aChallengeTheServerNeverIssued_isRefused() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256());
        refused(credential.assertion(RP_ID, ORIGIN, SoftwareAuthenticator.base64Url(new byte[32])));
    }

    @Test
    void tamperedClientData_isRefused() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256());
        Assertion assertion = credential.assertion(RP_ID, ORIGIN, fx.loginChallenge());
        refused(assertion.withClientDataJson(assertion.clientDataJson().replace("\"crossOrigin\":false",
                "\"crossOrigin\":false,\"extra\":1")));
    }

    @Test
    void aBadSignature_isRefused() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.ed25519());
        refused(credential.assertion(RP_ID, ORIGIN, fx.loginChallenge()).withFlippedSignatureBit());
    }

    @Test
    void aSignCountGoneBackwards_isRefused_andSuspectedAsAClone() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256());
        credential.signCount(10);
        fx.login(credential).sessionOrThrow();
        credential.signCount(5);
        refused(credential.assertion(RP_ID, ORIGIN, fx.loginChallenge()));
        assertThat(fx.eventNames()).contains("PASSKEY_CLONE_SUSPECTED");
        credential.signCount(10);
        refused(credential.assertion(RP_ID, ORIGIN, fx.loginChallenge()));
        credential.signCount(11);
        assertThat(fx.login(credential)).isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void aSignCountOfZero_isAcceptedEveryTime_asManyPasskeysSendIt() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256()).withoutSignCount();
        fx.login(credential).sessionOrThrow();
        assertThat(fx.login(credential)).isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void withoutUserVerification_isRefusedWhereRequired() {
        PasskeyFixture strict = new PasskeyFixture(stores(), UserVerification.REQUIRED);
        strict.register("ann@example.com");
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        Credential credential = strict.enrol(authenticator, strict.signIn("ann@example.com"));
        authenticator.userVerified(false);
        assertCode(() -> strict.login(credential), AuthErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void anotherUsersCredential_signedForThisUsersHandle_isRefused() {
        Credential anns = annWithPasskey(SoftwareAuthenticator.es256());
        fx.register("bob@example.com");
        Credential bobs = fx.enrol(SoftwareAuthenticator.es256(), fx.signIn("bob@example.com"));

        refused(anns.assertion(RP_ID, ORIGIN, fx.loginChallenge()).withUserHandle(bobs.userHandle()));
        assertThat(fx.events.stream().filter(e -> e.type().name().equals("LOGIN_FAILED")).toList().get(0).detail())
                .contains("user_handle");
    }

    @Test
    void anotherUsersCredential_forANamedAccount_isRefused() {
        Credential anns = annWithPasskey(SoftwareAuthenticator.es256());
        fx.register("bob@example.com");
        fx.enrol(SoftwareAuthenticator.es256(), fx.signIn("bob@example.com"));
        String forBob = json(fx.passkeys.loginOptions(Contact.email("bob@example.com"), CLIENT))
                .path("challenge").asString();
        refused(anns.assertion(RP_ID, ORIGIN, forBob).withUserHandle(null));
    }

    @Test
    void aCredentialOfNobody_isRefused() {
        Credential anns = annWithPasskey(SoftwareAuthenticator.es256());
        Credential neverRegistered = SoftwareAuthenticator.es256().register(RP_ID, ORIGIN,
                SoftwareAuthenticator.base64Url(new byte[32]), anns.userHandle());
        refused(neverRegistered.assertion(RP_ID, ORIGIN, fx.loginChallenge()));
    }

    @Test
    void aDiscoverableAssertionWithoutUserHandle_isRefused() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256());
        refused(credential.assertion(RP_ID, ORIGIN, fx.loginChallenge()).withUserHandle(null));
    }

    @Test
    void somethingThatIsNoAssertion_isAValidationFailureOnCredential() {
        assertCode(() -> fx.passkeys.login("{\"id\":1}", CLIENT), AuthErrorCode.VALIDATION_FAILED);
        assertCode(() -> fx.passkeys.login("[]", CLIENT), AuthErrorCode.VALIDATION_FAILED);
    }

    @Test
    void aDisabledAccount_cannotSignIn() {
        Credential credential = annWithPasskey(SoftwareAuthenticator.es256());
        String userId = fx.auth.accounts().findByContact(Contact.email("ann@example.com")).orElseThrow().id();
        fx.auth.accounts().setEnabled(userId, false);
        assertCode(() -> fx.login(credential), AuthErrorCode.INVALID_CREDENTIALS);
    }

    private void refused(Assertion assertion) {
        assertCode(() -> fx.passkeys.login(assertion.json(), CLIENT), AuthErrorCode.INVALID_CREDENTIALS);
    }

    private Credential annWithPasskey(SoftwareAuthenticator authenticator) {
        fx.register("ann@example.com");
        return fx.enrol(authenticator, fx.signIn("ann@example.com"));
    }

    private static java.util.List<String> fieldNames(JsonNode node) {
        java.util.List<String> names = new java.util.ArrayList<>();
        node.propertyNames().forEach(names::add);
        return names;
    }
}
