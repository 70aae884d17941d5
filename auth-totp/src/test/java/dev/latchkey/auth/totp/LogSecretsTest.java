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
        String wrongNow = fx.wrongCode(e);
        assertThatThrownBy(() -> fx.auth.secondSteps().complete(challenge, "totp", wrongNow, CLIENT))
                .satisfies(t -> messages.add(t.toString()));
        String code = fx.code(e);
        secrets.add(code);
        fx.auth.secondSteps().complete(challenge, "totp", code, CLIENT).sessionOrThrow();
        fx.auth.secondSteps().complete(challenge(fx.passwordLogin("ann@example.com")), "recovery_code", codes.get(0),
                CLIENT).sessionOrThrow();
        for (StoredCredential c : fx.stores.credentials().findByUser(ann.id())) {
            if (!c.type().equals("password")) {
                secrets.add(c.secret());
            }
        }
        secrets.addAll(fx.recovery.regenerate(ann.id(), CLIENT));
        fx.totp.remove(ann.id(), CLIENT);

        String logs = CapturedLogs.allText();
        String events = fx.events.stream().map(AuthEvent::toString).reduce("", String::concat);
        assertThat(logs).contains("TOTP_ENROLLED", "RECOVERY_CODE_USED", "TOTP_REMOVED");
        for (String secret : secrets) {
            assertThat(logs).doesNotContain(secret).doesNotContain(secret.replace("-", ""));
            assertThat(events).doesNotContain(secret);
            assertThat(String.join("\n", messages)).doesNotContain(secret);
        }
    }
}
