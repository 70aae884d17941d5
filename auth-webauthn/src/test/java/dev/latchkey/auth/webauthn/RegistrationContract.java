package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.webauthn.Credential;
import dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator;
import dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator.Attestation;
import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.latchkey.auth.webauthn.PasskeyFixture.CLIENT;
import static dev.latchkey.auth.webauthn.PasskeyFixture.ORIGIN;
import static dev.latchkey.auth.webauthn.PasskeyFixture.RP_ID;
import static dev.latchkey.auth.webauthn.PasskeyFixture.assertCode;
import static dev.latchkey.auth.webauthn.PasskeyFixture.assertRefused;
import static dev.latchkey.auth.webauthn.PasskeyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * The registration ceremony against software authenticators (ES256 and Ed25519, attestation none and packed), with
 * every refusal, on the stores a subclass gives.
 */
abstract class RegistrationContract {
    private final PasskeyFixture fx = new PasskeyFixture(stores());

    abstract AuthStores stores();

    @Test
    void es256WithoutAttestation_isKeptWithItsFlagsAndEmitsRegistered() {
        VerifiedAccessToken ann = annSignedIn();
        Credential credential = fx.create(SoftwareAuthenticator.es256(), ann);
        Passkey passkey = fx.passkeys.register(ann, credential.registration().json(), " Laptop ", CLIENT);

        assertThat(passkey.id()).isEqualTo(credential.id());
        assertThat(passkey.label()).isEqualTo("Laptop");
        assertThat(passkey.backedUp()).isTrue();
        assertThat(passkey.backupEligible()).isTrue();
        assertThat(passkey.transports()).containsExactly("internal", "hybrid");
        assertThat(passkey.createdAt()).isEqualTo(fx.clock.instant());
        assertThat(passkey.lastUsedAt()).isEmpty();
        assertThat(fx.passkeys.list(ann.userId())).containsExactly(passkey);
        assertThat(fx.eventNames()).contains("PASSKEY_REGISTERED");
    }

    @Test
    void ed25519WithPackedSelfAttestation_isAccepted() {
        VerifiedAccessToken ann = annSignedIn();
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.ed25519().attestation(Attestation.PACKED)
                .backupEligible(false);
        Credential credential = fx.create(authenticator, ann);
        Passkey passkey = fx.passkeys.register(ann, credential.registration().json(), null, CLIENT);

        assertThat(passkey.label()).isEqualTo(PasskeyFactor.DEFAULT_LABEL);
        assertThat(passkey.backupEligible()).isFalse();
    }

    @Test
    void es256WithPackedSelfAttestation_isAccepted() {
        VerifiedAccessToken ann = annSignedIn();
        Credential credential = fx.create(SoftwareAuthenticator.es256().attestation(Attestation.PACKED), ann);
        assertThat(fx.passkeys.register(ann, credential.registration().json(), null, CLIENT).id())
                .isEqualTo(credential.id());
    }

    @Test
    void options_followLevel3Json_withARandomUserHandleAndTheUsersPasskeysExcluded() {
        VerifiedAccessToken ann = annSignedIn();
        Credential first = fx.enrol(SoftwareAuthenticator.es256(), ann);
        JsonNode options = json(fx.passkeys.registrationOptions(ann));

        assertThat(options.path("rp").path("id").asString()).isEqualTo(RP_ID);
        assertThat(options.path("rp").path("name").asString()).isEqualTo("Acme");
        String handle = options.path("user").path("id").asString();
        assertThat(Base64.getUrlDecoder().decode(handle)).hasSize(32);
        assertThat(handle).isEqualTo(first.userHandle()).doesNotContain(ann.userId());
        assertThat(options.path("user").path("name").asString()).isEqualTo("ann@example.com");
        assertThat(Base64.getUrlDecoder().decode(options.path("challenge").asString())).hasSize(32);
        List<Long> algorithms = new ArrayList<>();
        options.path("pubKeyCredParams").forEach(p -> algorithms.add(p.path("alg").asLong()));
        assertThat(algorithms).containsExactly(-7L, -8L, -257L);
        assertThat(options.path("excludeCredentials").get(0).path("id").asString()).isEqualTo(first.id());
        assertThat(options.path("authenticatorSelection").path("residentKey").asString()).isEqualTo("preferred");
        assertThat(options.path("authenticatorSelection").path("userVerification").asString())
                .isEqualTo("preferred");
        assertThat(options.path("attestation").asString()).isEqualTo("none");
        assertThat(options.path("timeout").asLong()).isEqualTo(300_000L);
    }

    @Test
    void userHandles_differBetweenAccounts() {
        String ann = json(fx.passkeys.registrationOptions(annSignedIn())).path("user").path("id").asString();
        fx.register("bob@example.com");
        String bob = json(fx.passkeys.registrationOptions(fx.signIn("bob@example.com"))).path("user").path("id")
                .asString();
        assertThat(ann).isNotEqualTo(bob);
    }

    @Test
    void anotherOrigin_isRefused() {
        VerifiedAccessToken ann = annSignedIn();
        JsonNode options = json(fx.passkeys.registrationOptions(ann));
        Credential credential = SoftwareAuthenticator.es256().register(RP_ID, "https://evil.example.net",
                options.path("challenge").asString(), options.path("user").path("id").asString());
        assertRefused(() -> fx.passkeys.register(ann, credential.registration().json(), null, CLIENT), "origin");
        assertThat(fx.passkeys.list(ann.userId())).isEmpty();
    }

    @Test
    void anotherRpId_isRefused() {
        VerifiedAccessToken ann = annSignedIn();
        JsonNode options = json(fx.passkeys.registrationOptions(ann));
        Credential credential = SoftwareAuthenticator.es256().register("evil.example.net", ORIGIN,
                options.path("challenge").asString(), options.path("user").path("id").asString());
        assertRefused(() -> fx.passkeys.register(ann, credential.registration().json(), null, CLIENT), "rp_id");
    }

    @Test
    void aChallengeUsedOnce_isRefusedTheSecondTime() {
        VerifiedAccessToken ann = annSignedIn();
        Credential credential = fx.create(SoftwareAuthenticator.es256(), ann);
        fx.passkeys.register(ann, credential.registration().json(), null, CLIENT);
        assertRefused(() -> fx.passkeys.register(ann, credential.registration().json(), null, CLIENT), "challenge");
    }

    @Test
    void aFailedResponse_usesItsChallengeUp() {
        VerifiedAccessToken ann = annSignedIn();
        JsonNode options = json(fx.passkeys.registrationOptions(ann));
        String challenge = options.path("challenge").asString();
        String handle = options.path("user").path("id").asString();
        Credential wrong = SoftwareAuthenticator.es256().register(RP_ID, "https://evil.example.net", challenge, handle);
        assertRefused(() -> fx.passkeys.register(ann, wrong.registration().json(), null, CLIENT), "origin");
        Credential right = SoftwareAuthenticator.es256().register(RP_ID, ORIGIN, challenge, handle);
        assertRefused(() -> fx.passkeys.register(ann, right.registration().json(), null, CLIENT), "challenge");
    }

    @Test
    void anExpiredChallenge_isRefused() {
        VerifiedAccessToken ann = annSignedIn();
        Credential credential = fx.create(SoftwareAuthenticator.es256(), ann);
        fx.advance(Duration.ofMinutes(5));
        assertRefused(() -> fx.passkeys.register(ann, credential.registration().json(), null, CLIENT), "challenge");
    }

    @Test
    void anotherAccountsChallenge_isRefused() {
        VerifiedAccessToken ann = annSignedIn();
        Credential credential = fx.create(SoftwareAuthenticator.es256(), ann);
        fx.register("bob@example.com");
        VerifiedAccessToken bob = fx.signIn("bob@example.com");
        assertRefused(() -> fx.passkeys.register(bob, credential.registration().json(), null, CLIENT), "challenge");
    }

    @Test
    void tamperedClientData_underPackedAttestation_failsItsSignature() {
        VerifiedAccessToken ann = annSignedIn();
        Credential credential = fx.create(SoftwareAuthenticator.es256().attestation(Attestation.PACKED), ann);
        String tampered = credential.registration().clientDataJson().replace("\"crossOrigin\":false",
                "\"crossOrigin\":false,\"extra\":\"x\"");
        assertRefused(() -> fx.passkeys.register(ann, credential.registration().withClientDataJson(tampered).json(),
                null, CLIENT), "signature");
    }

    @Test
    void clientDataOfAnotherCeremonyType_isRefused() {
        VerifiedAccessToken ann = annSignedIn();
        Credential credential = fx.create(SoftwareAuthenticator.es256(), ann);
        String tampered = credential.registration().clientDataJson().replace("webauthn.create", "webauthn.get");
        assertRefused(() -> fx.passkeys.register(ann, credential.registration().withClientDataJson(tampered).json(),
                null, CLIENT), "type");
    }

    @Test
    void withoutUserVerification_isRefusedWhereRequired() {
        PasskeyFixture strict = new PasskeyFixture(stores(), UserVerification.REQUIRED);
        strict.register("ann@example.com");
        VerifiedAccessToken ann = strict.signIn("ann@example.com");
        Credential credential = strict.create(SoftwareAuthenticator.es256().userVerified(false), ann);
        assertRefused(() -> strict.passkeys.register(ann, credential.registration().json(), null, CLIENT),
                "user_verification");
        assertThat(json(strict.passkeys.registrationOptions(ann)).path("authenticatorSelection")
                .path("userVerification").asString()).isEqualTo("required");
    }

    @Test
    void withoutUserVerification_isAcceptedWherePreferred() {
        VerifiedAccessToken ann = annSignedIn();
        Credential credential = fx.create(SoftwareAuthenticator.es256().userVerified(false), ann);
        assertThat(fx.passkeys.register(ann, credential.registration().json(), null, CLIENT).id())
                .isEqualTo(credential.id());
    }

    @Test
    void aCredentialIdRegisteredBefore_isRefused() {
        VerifiedAccessToken ann = annSignedIn();
        Credential credential = fx.enrol(SoftwareAuthenticator.es256(), ann);
        String challenge = json(fx.passkeys.registrationOptions(ann)).path("challenge").asString();
        String again = credential.registration().clientDataJson().replaceAll("\"challenge\":\"[^\"]+\"",
                "\"challenge\":\"" + challenge + "\"");
        assertRefused(() -> fx.passkeys.register(ann, credential.registration().withClientDataJson(again).json(),
                null, CLIENT), "already_registered");
        assertThat(fx.passkeys.list(ann.userId())).hasSize(1);
    }

    @Test
    void somethingThatIsNoRegistrationResponse_isMalformed() {
        VerifiedAccessToken ann = annSignedIn();
        fx.passkeys.registrationOptions(ann);
        assertRefused(() -> fx.passkeys.register(ann, "{\"id\":\"x\"}", null, CLIENT), "malformed");
        assertRefused(() -> fx.passkeys.register(ann, "not json", null, CLIENT), "malformed");
        assertRefused(() -> fx.passkeys.register(ann, "{" + " ".repeat(20_000) + "}", null, CLIENT), "malformed");
    }

    @Test
    void aBadLabel_isAValidationFailure() {
        VerifiedAccessToken ann = annSignedIn();
        Credential credential = fx.create(SoftwareAuthenticator.es256(), ann);
        assertCode(() -> fx.passkeys.register(ann, credential.registration().json(), "a\u0000b", CLIENT),
                AuthErrorCode.VALIDATION_FAILED);
        assertCode(() -> fx.passkeys.register(ann, credential.registration().json(), "x".repeat(65), CLIENT),
                AuthErrorCode.VALIDATION_FAILED);
    }

    @Test
    void options_needRecentAuthentication() {
        VerifiedAccessToken ann = annSignedIn();
        fx.advance(Duration.ofMinutes(11));
        assertCode(() -> fx.passkeys.registrationOptions(ann), AuthErrorCode.INSUFFICIENT_USER_AUTHENTICATION);
    }

    private VerifiedAccessToken annSignedIn() {
        User ann = fx.register("ann@example.com");
        assertThat(ann.hasPassword()).isTrue();
        return fx.signIn("ann@example.com");
    }
}
