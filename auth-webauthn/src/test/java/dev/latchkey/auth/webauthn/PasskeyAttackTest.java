package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.factor.SecondFactorPolicy;
import dev.latchkey.auth.testkit.webauthn.Assertion;
import dev.latchkey.auth.testkit.webauthn.Credential;
import dev.latchkey.auth.testkit.webauthn.Registration;
import dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator;
import dev.latchkey.auth.totp.TotpFactor;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;

import static dev.latchkey.auth.webauthn.PasskeyFixture.CLIENT;
import static dev.latchkey.auth.webauthn.PasskeyFixture.ORIGIN;
import static dev.latchkey.auth.webauthn.PasskeyFixture.RP_ID;
import static dev.latchkey.auth.webauthn.PasskeyFixture.assertCode;
import static dev.latchkey.auth.webauthn.PasskeyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A reviewer's attacks on the passkey ceremonies (an attacker's eye): each test is what an attacker tries, and what
 * must come of it. On every store, since some answers depend on the database.
 */
class PasskeyAttackTest {

    // ---- account enumeration through the named ceremony -------------------------------------------------------

    /**
     * Options for a named account bind their challenge to it only when the account exists; for an unknown contact the
     * challenge is bound to nobody, so any discoverable passkey answers it. An attacker asks options for a victim's
     * email and answers with her own passkey: 401 means "the account exists", a session means "it does not".
     */
    @ParameterizedTest
    @EnumSource(Stores.class)
    void namedOptionsForAnUnknownContact_doNotSignInSomeoneElsesPasskey(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        fx.register("mallory@example.com");
        Credential mallorys = fx.enrol(SoftwareAuthenticator.es256(), fx.signIn("mallory@example.com"));
        fx.register("ann@example.com"); // an account, without a passkey

        String forAnn = challenge(fx.passkeys.loginOptions(Contact.email("ann@example.com"), CLIENT));
        String forNobody = challenge(fx.passkeys.loginOptions(Contact.email("nobody@example.com"), CLIENT));

        assertCode(() -> fx.passkeys.login(mallorys.assertion(RP_ID, ORIGIN, forAnn).json(), CLIENT),
                AuthErrorCode.INVALID_CREDENTIALS);
        // The same answer must come for a contact that names no account.
        assertCode(() -> fx.passkeys.login(mallorys.assertion(RP_ID, ORIGIN, forNobody).json(), CLIENT),
                AuthErrorCode.INVALID_CREDENTIALS);
    }

    // ---- a second factor that replaces the first ----------------------------------------------------------------

    /**
     * A password account adds a security key (touch only, no PIN: UV=false) as its second factor. Whoever holds the
     * key then signs in with it alone, with no password and no second step: the account's two factors become one.
     * Issue 13: "without user verification it is one factor and the second step applies"; SECURITY.md 33.
     */
    @ParameterizedTest
    @EnumSource(Stores.class)
    void aSecondFactorKeyWithoutUserVerification_doesNotSignInWithoutThePassword(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        fx.register("ann@example.com");
        Credential key = fx.enrol(SoftwareAuthenticator.es256().userVerified(false), fx.signIn("ann@example.com"));
        // The owner's password logins now ask for the key: it is her second factor.
        assertThat(fx.auth.passwords().login(Contact.email("ann@example.com"), PasskeyFixture.PASSWORD, CLIENT))
                .isInstanceOf(LoginResult.SecondFactorRequired.class);

        LoginResult stolen;
        try {
            stolen = fx.login(key);
        } catch (AuthException e) {
            assertThat(e.code()).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
            return;
        }
        assertThat(stolen).as("the key alone must not end in a session of a password account")
                .isNotInstanceOf(LoginResult.Authenticated.class);
    }

    // ---- bad input: values longer than the store's columns --------------------------------------------------------

    /** A credential id longer than any stored one (the column holds 700 characters) is an unknown credential. */
    @ParameterizedTest
    @EnumSource(Stores.class)
    void anOversizedCredentialId_isAnUnknownCredential_notAStoreFailure(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        Credential anns = annWithPasskey(fx);
        Assertion real = anns.assertion(RP_ID, ORIGIN, fx.loginChallenge());
        String huge = SoftwareAuthenticator.base64Url(new byte[3000]);
        Assertion forged = new Assertion(huge, real.clientDataJson(), real.authenticatorData(), real.signature(),
                real.userHandle());
        assertCode(() -> fx.passkeys.login(forged.json(), CLIENT), AuthErrorCode.INVALID_CREDENTIALS);
    }

    /** A user handle longer than any stored one is a handle of nobody. */
    @ParameterizedTest
    @EnumSource(Stores.class)
    void anOversizedUserHandle_isAHandleOfNobody_notAStoreFailure(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        Credential anns = annWithPasskey(fx);
        Assertion forged = anns.assertion(RP_ID, ORIGIN, fx.loginChallenge())
                .withUserHandle(SoftwareAuthenticator.base64Url(new byte[3000]));
        assertCode(() -> fx.passkeys.login(forged.json(), CLIENT), AuthErrorCode.INVALID_CREDENTIALS);
    }

    /** PATCH and DELETE /api/auth/passkeys/{id} with an id longer than any stored one: 404, not a store failure. */
    @ParameterizedTest
    @EnumSource(Stores.class)
    void renameAndDelete_ofAnOversizedId_areNotFound(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        VerifiedAccessToken ann = recent(fx, annWithPasskey(fx));
        String huge = "A".repeat(5000);
        assertCode(() -> fx.passkeys.rename(ann.userId(), huge, "Phone"), AuthErrorCode.NOT_FOUND);
        assertCode(() -> fx.passkeys.delete(ann, huge, CLIENT), AuthErrorCode.NOT_FOUND);
    }

    /** The same in a second step's answer: a wrong code, not a store failure. */
    @ParameterizedTest
    @EnumSource(Stores.class)
    void aSecondStepAnswer_withAnOversizedCredentialId_isAWrongCode(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        Credential anns = annWithPasskey(fx);
        String step = ((LoginResult.SecondFactorRequired) fx.auth.passwords().login(Contact.email("ann@example.com"),
                PasskeyFixture.PASSWORD, CLIENT)).challenge();
        Assertion real = anns.assertion(RP_ID, ORIGIN, step);
        Assertion forged = new Assertion(SoftwareAuthenticator.base64Url(new byte[2000]), real.clientDataJson(),
                real.authenticatorData(), real.signature(), real.userHandle());
        assertCode(() -> fx.auth.secondSteps().complete(step, "passkey", forged.json(), CLIENT),
                AuthErrorCode.INVALID_CODE);
    }

    // ---- bad input: deep nesting --------------------------------------------------------------------------------

    /** A deeply nested CBOR attestation object, within the size limit: a typed refusal, never an Error. */
    @ParameterizedTest
    @EnumSource(value = Stores.class, names = "MEMORY")
    void aDeeplyNestedAttestationObject_isMalformed(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        fx.register("ann@example.com");
        VerifiedAccessToken ann = fx.signIn("ann@example.com");
        Credential made = fx.create(SoftwareAuthenticator.es256(), ann);
        ByteArrayOutputStream cbor = new ByteArrayOutputStream();
        cbor.writeBytes(new byte[] {(byte) 0xa3, 0x63, 'f', 'm', 't', 0x64, 'n', 'o', 'n', 'e', 0x67, 'a', 't', 't',
            'S', 't', 'm', 't'});
        byte[] deep = new byte[10_000];
        Arrays.fill(deep, (byte) 0x81); // an array of one array of one ...
        cbor.writeBytes(deep);
        cbor.write(0x80);
        cbor.writeBytes(new byte[] {0x68, 'a', 'u', 't', 'h', 'D', 'a', 't', 'a', 0x40});
        Registration nested = new Registration(made.id(), made.registration().clientDataJson(), cbor.toByteArray());
        assertThat(nested.json().length()).isLessThan(16_384);
        assertThatThrownBy(() -> fx.passkeys.register(ann, nested.json(), null, CLIENT))
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.INVALID_CREDENTIAL));
    }

    /** Deeply nested authenticator extensions (flag ED) in an assertion: a typed refusal, never an Error. */
    @ParameterizedTest
    @EnumSource(value = Stores.class, names = "MEMORY")
    void deeplyNestedAuthenticatorExtensions_areRefused(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        Credential anns = annWithPasskey(fx);
        Assertion real = anns.assertion(RP_ID, ORIGIN, fx.loginChallenge());
        byte[] head = Arrays.copyOf(real.authenticatorData(), 37);
        head[32] |= (byte) 0x80; // ED: extensions follow
        ByteArrayOutputStream data = new ByteArrayOutputStream();
        data.writeBytes(head);
        data.writeBytes(new byte[] {(byte) 0xa1, 0x61, 'x'});
        byte[] deep = new byte[10_000];
        Arrays.fill(deep, (byte) 0x81);
        data.writeBytes(deep);
        data.write(0x80);
        Assertion nested = new Assertion(real.id(), real.clientDataJson(), data.toByteArray(), real.signature(),
                real.userHandle());
        assertThat(nested.json().length()).isLessThan(16_384);
        assertThatThrownBy(() -> fx.passkeys.login(nested.json(), CLIENT)).isInstanceOf(AuthException.class);
    }

    /** Deeply nested JSON, within the size limit: a validation failure, never an Error. */
    @ParameterizedTest
    @EnumSource(value = Stores.class, names = "MEMORY")
    void deeplyNestedJson_isAValidationFailure(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        String deep = "{\"id\":" + "[".repeat(8000) + "]".repeat(8000) + "}";
        assertCode(() -> fx.passkeys.login(deep, CLIENT), AuthErrorCode.VALIDATION_FAILED);
        String clientData = SoftwareAuthenticator.base64Url(("{\"a\":" + "[".repeat(5000) + "]".repeat(5000) + "}")
                .getBytes(StandardCharsets.UTF_8));
        String nestedClientData = "{\"id\":\"AA\",\"rawId\":\"AA\",\"type\":\"public-key\",\"response\":{"
                + "\"clientDataJSON\":\"" + clientData + "\",\"authenticatorData\":\"AA\",\"signature\":\"AA\"},"
                + "\"clientExtensionResults\":{}}";
        assertCode(() -> fx.passkeys.login(nestedClientData, CLIENT), AuthErrorCode.VALIDATION_FAILED);
    }

    // ---- challenges: single use across instances, bound to ceremony, purpose and user -------------------------------

    /** An assertion used on one instance is refused on another over the same stores. */
    @ParameterizedTest
    @EnumSource(Stores.class)
    void anAssertionUsedOnOneInstance_isRefusedOnAnother(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        Credential anns = annWithPasskey(fx);
        PasskeyFactor other = PasskeyFactor.create(fx.config);
        AuthService second = fx.service(fx.stores, other, TotpFactor.create("Acme"), SecondFactorPolicy.optional());
        assertThat(second).isNotNull();
        Assertion assertion = anns.assertion(RP_ID, ORIGIN, fx.loginChallenge());
        assertThat(other.login(assertion.json(), CLIENT)).isInstanceOf(LoginResult.Authenticated.class);
        assertCode(() -> fx.passkeys.login(assertion.json(), CLIENT), AuthErrorCode.INVALID_CREDENTIALS);
    }

    /** Challenges of the other ceremonies and purposes never sign anyone in. */
    @ParameterizedTest
    @EnumSource(Stores.class)
    void challengesOfOtherPurposes_doNotSignIn(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        Credential anns = annWithPasskey(fx);
        VerifiedAccessToken ann = recent(fx, anns);
        String registration = challenge(fx.passkeys.registrationOptions(ann));
        assertCode(() -> fx.passkeys.login(anns.assertion(RP_ID, ORIGIN, registration).json(), CLIENT),
                AuthErrorCode.INVALID_CREDENTIALS);
        String step = ((LoginResult.SecondFactorRequired) fx.auth.passwords().login(Contact.email("ann@example.com"),
                PasskeyFixture.PASSWORD, CLIENT)).challenge();
        assertCode(() -> fx.passkeys.login(anns.assertion(RP_ID, ORIGIN, step).json(), CLIENT),
                AuthErrorCode.INVALID_CREDENTIALS);
    }

    /**
     * Ann's second step refuses her own passkey's assertion of a challenge bound to Bob (his named options) or of
     * Bob's second step; Bob's step refuses Ann's passkey on his step's challenge.
     */
    @ParameterizedTest
    @EnumSource(Stores.class)
    void aSecondStep_refusesChallengesBoundToAnotherUser(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        Credential anns = annWithPasskey(fx);
        fx.register("bob@example.com");
        Credential bobs = fx.enrol(SoftwareAuthenticator.es256(), fx.signIn("bob@example.com"));
        String annStep = step(fx, "ann@example.com");
        String bobStep = step(fx, "bob@example.com");
        String forBob = challenge(fx.passkeys.loginOptions(Contact.email("bob@example.com"), CLIENT));

        assertCode(() -> fx.auth.secondSteps().complete(annStep, "passkey",
                anns.assertion(RP_ID, ORIGIN, forBob).json(), CLIENT), AuthErrorCode.INVALID_CODE);
        assertCode(() -> fx.auth.secondSteps().complete(annStep, "passkey",
                anns.assertion(RP_ID, ORIGIN, bobStep).json(), CLIENT), AuthErrorCode.INVALID_CODE);
        assertCode(() -> fx.auth.secondSteps().complete(bobStep, "passkey",
                anns.assertion(RP_ID, ORIGIN, bobStep).json(), CLIENT), AuthErrorCode.INVALID_CODE);
        assertThat(fx.auth.secondSteps().complete(bobStep, "passkey", bobs.assertion(RP_ID, ORIGIN, bobStep).json(),
                CLIENT)).isInstanceOf(LoginResult.Authenticated.class);
    }

    // ---- helpers --------------------------------------------------------------------------------------------------

    static Credential annWithPasskey(PasskeyFixture fx) {
        fx.register("ann@example.com");
        return fx.enrol(SoftwareAuthenticator.es256(), fx.signIn("ann@example.com"));
    }

    /** A fresh session of Ann's: her password, then her passkey. */
    static VerifiedAccessToken recent(PasskeyFixture fx, Credential anns) {
        String step = step(fx, "ann@example.com");
        return fx.token(fx.auth.secondSteps().complete(step, "passkey", anns.assertion(RP_ID, ORIGIN, step).json(),
                CLIENT).sessionOrThrow());
    }

    static String step(PasskeyFixture fx, String email) {
        return ((LoginResult.SecondFactorRequired) fx.auth.passwords().login(Contact.email(email),
                PasskeyFixture.PASSWORD, CLIENT)).challenge();
    }

    static String challenge(String options) {
        return json(options).path("challenge").asString();
    }
}
