package dev.latchkey.auth.totp;

import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.User;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.testkit.CapturedLogs;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static dev.latchkey.auth.totp.TotpFixture.CLIENT;
import static dev.latchkey.auth.totp.TotpFixture.challenge;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * A full flow (enrol, a wrong and a right confirmation, logins with a wrong and a right TOTP code and a recovery
 * code, regeneration, removal) leaves no TOTP secret, code, recovery code, stored ciphertext or hash in any log line,
 * event or exception message (security bar item 31).
 */
class LogSecretsTest {
    private final TotpFixture fx = new TotpFixture();

    @Test
    void noSecretOfTheFlow_appearsInALogLineOrEvent() {
        CapturedLogs.clear();
        List<String> secrets = new ArrayList<>();
        List<String> messages = new ArrayList<>();
        User ann = fx.register("ann@example.com");
        TotpEnrollment e = fx.totp.enroll(ann.id());
        secrets.add(e.secret());
        String wrong = fx.wrongCode(e);
        assertThatThrownBy(() -> fx.totp.confirm(ann.id(), wrong, CLIENT)).satisfies(t -> messages.add(t.toString()));
        String first = fx.code(e);
        secrets.add(first);
        fx.totp.confirm(ann.id(), first, CLIENT);
        List<String> codes = fx.recovery.regenerate(ann.id(), CLIENT);
        secrets.addAll(codes);
        fx.advance(fx.config.period());

        String challenge = challenge(fx.passwordLogin("ann@example.com"));
        secrets.add(challenge);
        String wrongNow = fx.wrongCode(e);
        assertThatThrownBy(() -> fx.auth.secondSteps().complete(challenge, "totp", wrongNow, CLIENT))
                .satisfies(t -> messages.add(t.toString()));
        String code = fx.code(e);
        secrets.add(code);
        var session = fx.auth.secondSteps().complete(challenge, "totp", code, CLIENT).sessionOrThrow();
        secrets.add(session.refreshToken());
        String second = challenge(fx.passwordLogin("ann@example.com"));
        secrets.add(second);
        fx.auth.secondSteps().complete(second, "recovery_code", codes.get(0), CLIENT).sessionOrThrow();
        var caller = fx.auth.tokens().verify(session.accessToken());
        fx.advance(java.time.Duration.ofMinutes(11));
        assertThatThrownBy(() -> fx.totp.enroll(caller)).satisfies(t -> messages.add(t.toString()));
        String stepCode = fx.code(e);
        secrets.add(stepCode);
        secrets.add(fx.auth.stepUp().reauthenticate(caller, "totp", stepCode, CLIENT).refreshToken());
        for (StoredCredential c : fx.stores.credentials().findByUser(ann.id())) {
            if (!c.type().equals("password")) {
                secrets.add(c.secret());
            }
        }
        secrets.addAll(fx.recovery.regenerate(ann.id(), CLIENT));
        fx.totp.remove(ann.id(), CLIENT);
        fx.auth.secondSteps().reset(ann.id(), CLIENT);

        String logs = CapturedLogs.allText();
        String events = fx.events.stream().map(AuthEvent::toString).reduce("", String::concat);
        assertThat(logs).contains("TOTP_ENROLLED", "RECOVERY_CODE_USED", "TOTP_REMOVED", "REAUTHENTICATED",
                "SECOND_FACTOR_SUCCEEDED", "SECOND_FACTORS_RESET");
        for (String secret : secrets) {
            assertThat(logs).doesNotContain(secret).doesNotContain(secret.replace("-", ""));
            assertThat(events).doesNotContain(secret);
            assertThat(String.join("\n", messages)).doesNotContain(secret);
        }
    }
}
