package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.factor.SecondFactorPolicy;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.testkit.webauthn.Assertion;
import dev.latchkey.auth.testkit.webauthn.Credential;
import dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator;
import dev.latchkey.auth.totp.TotpFactor;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import static dev.latchkey.auth.webauthn.PasskeyFixture.CLIENT;
import static dev.latchkey.auth.webauthn.PasskeyFixture.ORIGIN;
import static dev.latchkey.auth.webauthn.PasskeyFixture.RP_ID;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * One assertion submitted 20 times at once, alternating between two service instances over one H2 database (each
 * with its own factor and stores): exactly one sign-in, since the challenge is used up atomically in the database.
 */
class ConcurrentUseTest {
    @Test
    void oneAssertion_onTwoInstancesAtOnce_signsInExactlyOnce() throws Exception {
        AuthStores shared = Stores.H2.get();
        PasskeyFixture fx = new PasskeyFixture(shared);
        PasskeyFactor otherPasskeys = PasskeyFactor.create(fx.config);
        fx.service(Stores.H2.sameDatabase(shared), otherPasskeys, TotpFactor.create("Acme"),
                SecondFactorPolicy.optional());
        fx.register("ann@example.com");
        Credential credential = fx.enrol(SoftwareAuthenticator.es256(), fx.signIn("ann@example.com"));
        Assertion assertion = credential.assertion(RP_ID, ORIGIN, fx.loginChallenge());

        ExecutorService pool = Executors.newFixedThreadPool(8);
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Boolean>> results = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            PasskeyFactor instance = i % 2 == 0 ? fx.passkeys : otherPasskeys;
            results.add(pool.submit(() -> {
                start.await();
                try {
                    instance.login(assertion.json(), CLIENT).sessionOrThrow();
                    return true;
                } catch (AuthException e) {
                    return false;
                }
            }));
        }
        start.countDown();
        int successes = 0;
        for (Future<Boolean> r : results) {
            successes += r.get(60, TimeUnit.SECONDS) ? 1 : 0;
        }
        pool.shutdown();
        assertThat(successes).isEqualTo(1);
    }
}
