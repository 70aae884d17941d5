package dev.latchkey.auth.testkit.contract;

import java.util.Objects;

import dev.latchkey.auth.store.AuthStores;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.extension.AfterClassTemplateInvocationCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * The base of every store contract: the stores under test come from the subclass's {@link #newStores()}.
 *
 * <p>Most tests of a class share one {@link #stores()}, made on first use, and give their records random ids and
 * contacts so that they never see each other's; the few that count or purge a whole store ask {@link #freshStores()}
 * for empty ones. Tests that model two service instances use {@link #secondInstance()}, which
 * {@link #anotherInstance(AuthStores)} makes over the same data.
 *
 * <p>One test instance serves the whole class ({@link TestInstance.Lifecycle#PER_CLASS}), so a subclass may keep its
 * resources (a pool, a container) in fields and set them up in a non-static {@code @BeforeAll}. Under JUnit's
 * {@code @ParameterizedClass} the same instance serves every invocation (for example one per database): the shared
 * stores are then forgotten after each invocation, so the next one gets stores from its own {@link #newStores()}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@ExtendWith(StoreContract.ForgetStoresAfterEachInvocation.class)
public abstract class StoreContract {
    private AuthStores shared;
    private AuthStores second;

    /** For subclasses. */
    protected StoreContract() {
    }

    /**
     * New, empty stores with data of their own. Called once for the {@link #stores() shared} stores of the class, and
     * again for every {@link #freshStores()}. The subclass owns what they hold (connections, tables) and releases it
     * after the class.
     */
    protected abstract AuthStores newStores();

    /**
     * Another instance over the same data as {@code stores}, as a second service instance would hold it (for SQL
     * stores: its own pool over the same tables). The concurrency and two-instance tests run their callers across
     * both. By default {@code stores} itself, so those tests run on one instance.
     */
    protected AuthStores anotherInstance(AuthStores stores) {
        return stores;
    }

    /**
     * The stores most tests share, made by {@link #newStores()} on first use (from any thread); they may hold other
     * tests' records.
     */
    protected final synchronized AuthStores stores() {
        if (shared == null) {
            shared = freshStores();
        }
        return shared;
    }

    /**
     * The {@link #anotherInstance(AuthStores) other instance} over the data of {@link #stores()}, made on first use
     * and shared like them.
     */
    protected final synchronized AuthStores secondInstance() {
        if (second == null) {
            second = Objects.requireNonNull(anotherInstance(stores()), "anotherInstance() returned null");
        }
        return second;
    }

    /** Empty stores of their own, for a test that counts or purges a whole store. */
    protected final AuthStores freshStores() {
        return Objects.requireNonNull(newStores(), "newStores() returned null");
    }

    private synchronized void forgetSharedStores() {
        shared = null;
        second = null;
    }

    /**
     * After each invocation of a {@code @ParameterizedClass}, forgets the shared stores, which belong to that
     * invocation's parameters. Without class templates it is never called.
     */
    static final class ForgetStoresAfterEachInvocation implements AfterClassTemplateInvocationCallback {
        @Override
        public void afterClassTemplateInvocation(ExtensionContext context) {
            context.getTestInstance()
                    .filter(StoreContract.class::isInstance)
                    .ifPresent(instance -> ((StoreContract) instance).forgetSharedStores());
        }
    }
}
