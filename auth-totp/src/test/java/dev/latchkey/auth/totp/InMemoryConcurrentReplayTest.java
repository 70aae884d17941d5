package dev.latchkey.auth.totp;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;

/**
 * The replay contract over auth-testkit's in-memory stores: the submissions alternate between the fixture's service
 * and a second one over the same data ({@link InMemoryAuthStores#anotherInstance()}).
 */
class InMemoryConcurrentReplayTest extends ConcurrentReplayContract {
    private final TotpFixture fx = new TotpFixture();
    private final AuthService other = fx.service(((InMemoryAuthStores) fx.stores).anotherInstance(),
            TotpFactor.create("Acme"), RecoveryCodeFactor.create());

    @Override
    protected TotpFixture fixture() {
        return fx;
    }

    @Override
    protected AuthService instance(int i) {
        return i % 2 == 0 ? fx.auth : other;
    }
}
