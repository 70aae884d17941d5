package dev.latchkey.auth.flows;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import org.junit.jupiter.api.Test;

import static dev.latchkey.auth.flows.MemoryFixture.PASSWORD;
import static dev.latchkey.auth.flows.MemoryFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/** A login finished by a second step hands a device token too (hardening item 5), with the test-only PIN factor. */
class DeviceTokenSecondStepTest {
    private static final String EMAIL = "owner@example.com";
    private static final ClientInfo OWNER = ClientInfo.of("192.0.2.10", "owner's browser");

    private static ClientInfo owner(String deviceToken) {
        return OWNER.withDeviceToken(deviceToken);
    }

    @Test
    void loginFinishedByASecondStep_handsADeviceToken_thatPassesTheFirstStepOfALockedAccount() {
        PinFactor pin = new PinFactor();
        MemoryFixture mfa = new MemoryFixture(b -> b, b -> b.factor(pin));
        {
            User user = mfa.registerEmail(EMAIL);
            pin.enrol(user.id(), "4242");
            String token = complete(mfa, mfa.auth.passwords().login(Contact.email(EMAIL), PASSWORD, OWNER))
                    .deviceToken().orElseThrow();
            mfa.stores.users().findById(user.id()).ifPresent(u -> mfa.stores.users()
                    .update(u.withStatus(AccountStatus.LOCKED, mfa.clock.instant()).withVersion(u.version() + 1)));
            assertCode(() -> mfa.auth.passwords().login(Contact.email(EMAIL), PASSWORD, OWNER),
                    AuthErrorCode.INVALID_CREDENTIALS);

            Session session = complete(mfa, mfa.auth.passwords().login(Contact.email(EMAIL), PASSWORD, owner(token)));

            assertThat(mfa.auth.tokens().verifyOnline(session.accessToken()).amr()).containsExactly("pwd", "pin", "mfa");
            assertThat(session.deviceToken()).isPresent();
        }
    }

    private static Session complete(MemoryFixture mfa, LoginResult result) {
        assertThat(result).isInstanceOf(LoginResult.SecondFactorRequired.class);
        String challenge = ((LoginResult.SecondFactorRequired) result).challenge();
        return mfa.auth.secondSteps().complete(challenge, "pin", "4242", OWNER).sessionOrThrow();
    }
}
