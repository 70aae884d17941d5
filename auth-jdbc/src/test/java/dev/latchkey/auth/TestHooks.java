package dev.latchkey.auth;

import dev.latchkey.auth.internal.PasswordHasher;

import java.util.concurrent.atomic.AtomicInteger;

/** Reaches package-private test seams of {@link AuthService.Builder} from tests in other packages. */
public final class TestHooks {
    private TestHooks() {
    }

    /** A hasher that counts every hashing operation of the one it wraps. */
    public static final class CountingHasher implements PasswordHasher {
        private final PasswordHasher inner;
        public final AtomicInteger hashes = new AtomicInteger();
        public final AtomicInteger verifies = new AtomicInteger();
        public final AtomicInteger dummyVerifies = new AtomicInteger();

        public CountingHasher(PasswordHasher inner) {
            this.inner = inner;
        }

        public int verifications() {
            return verifies.get() + dummyVerifies.get();
        }

        @Override
        public String format() {
            return inner.format();
        }

        @Override
        public String hash(String password) {
            hashes.incrementAndGet();
            return inner.hash(password);
        }

        @Override
        public boolean verify(String password, String storedHash) {
            verifies.incrementAndGet();
            return inner.verify(password, storedHash);
        }

        @Override
        public void verifyDummy(String password) {
            dummyVerifies.incrementAndGet();
            inner.verifyDummy(password);
        }

        @Override
        public boolean needsRehash(String storedHash) {
            return inner.needsRehash(storedHash);
        }
    }

    /** The builder, with legacy-hash upgrades run on the login's thread instead of in the background. */
    public static AuthService.Builder upgradeInline(AuthService.Builder builder) {
        return builder.passwordUpgrades(Runnable::run);
    }

    /** Builds the service with a counting hasher over the configured bcrypt hasher. */
    public static CountingHasher countHashing(AuthService.Builder builder, AuthConfig config) {
        CountingHasher counting = new CountingHasher(
                new dev.latchkey.auth.internal.BcryptPasswordHasher(config.keys().pepper(), config.passwords().bcryptCost()));
        builder.passwordHasher(counting);
        return counting;
    }
}
