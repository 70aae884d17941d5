package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.testkit.CapturedLogs;
import dev.latchkey.auth.testkit.webauthn.Assertion;
import dev.latchkey.auth.testkit.webauthn.Credential;
import dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import static dev.latchkey.auth.webauthn.PasskeyFixture.CLIENT;
import static dev.latchkey.auth.webauthn.PasskeyFixture.ORIGIN;
import static dev.latchkey.auth.webauthn.PasskeyFixture.RP_ID;
import static dev.latchkey.auth.webauthn.PasskeyFixture.json;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A full passkey flow (registration, a refused and a right sign-in, a clone suspicion, a second step, deletion)
 * leaves no challenge, signature, public key, user handle or credential id in any log line, event or exception
 * message (security bar item 31).
 */
class LogSecretsTest {
    private final PasskeyFixture fx = new PasskeyFixture(Stores.MEMORY.get());

    @Test
    void noSecretOfTheCeremonies_appearsInALogLineEventOrException() {
        CapturedLogs.clear();
        List<String> secrets = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        fx.register("ann@example.com");
        VerifiedAccessToken ann = fx.signIn("ann@example.com");
        String options = fx.passkeys.registrationOptions(ann);
        secrets.add(json(options).path("challenge").asString());
        Credential credential = SoftwareAuthenticator.es256().register(RP_ID, ORIGIN,
                json(options).path("challenge").asString(), json(options).path("user").path("id").asString());
        secrets.add(credential.id());
        secrets.add(credential.userHandle());
        fx.passkeys.register(ann, credential.registration().json(), null, CLIENT);
        StoredCredential stored = fx.stores.credentials().findByUser(ann.userId(), "passkey").get(0);
        secrets.add(json(stored.data()).path("acd").asString());

        String challenge = fx.loginChallenge();
        secrets.add(challenge);
        Assertion bad = credential.assertion(RP_ID, ORIGIN, challenge).withFlippedSignatureBit();
        secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(bad.signature()));
        assertThatThrownBy(() -> fx.passkeys.login(bad.json(), CLIENT)).satisfies(t -> messages.add(t.toString()));
        credential.signCount(5);
        String again = fx.loginChallenge();
        secrets.add(again);
        Assertion good = credential.assertion(RP_ID, ORIGIN, again);
        secrets.add(Base64.getUrlEncoder().withoutPadding().encodeToString(good.signature()));
        fx.passkeys.login(good.json(), CLIENT).sessionOrThrow();
        credential.signCount(1);
        assertThatThrownBy(() -> fx.login(credential)).satisfies(t -> messages.add(t.toString()));
        credential.signCount(10);

        String step = ((LoginResult.SecondFactorRequired) fx.auth.passwords().login(
                dev.latchkey.auth.Contact.email("ann@example.com"), PasskeyFixture.PASSWORD, CLIENT)).challenge();
        secrets.add(step);
        VerifiedAccessToken fresh = fx.token(fx.auth.secondSteps().complete(step, "passkey",
                credential.assertion(RP_ID, ORIGIN, step).json(), CLIENT).sessionOrThrow());
        fx.passkeys.delete(fresh, credential.id(), CLIENT);

        String logs = CapturedLogs.allText();
        List<String> events = fx.events.stream().map(AuthEvent::toString).toList();
        assertThat(logs).contains("PASSKEY_REGISTERED", "PASSKEY_CLONE_SUSPECTED");
        for (String secret : secrets) {
            assertThat(logs).doesNotContain(secret);
            assertThat(events).noneMatch(e -> e.contains(secret));
            assertThat(messages).noneMatch(m -> m.contains(secret));
        }
    }
}
