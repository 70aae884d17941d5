package dev.latchkey.auth.webauthn;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.UserStore;
import dev.latchkey.auth.testkit.CapturedLogs;
import dev.latchkey.auth.testkit.webauthn.Assertion;
import dev.latchkey.auth.testkit.webauthn.Credential;
import dev.latchkey.auth.testkit.webauthn.ForgedAssertions;
import dev.latchkey.auth.testkit.webauthn.SoftwareAuthenticator;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Proxy;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import static dev.latchkey.auth.webauthn.PasskeyFixture.CLIENT;
import static dev.latchkey.auth.webauthn.PasskeyFixture.ORIGIN;
import static dev.latchkey.auth.webauthn.PasskeyFixture.RP_ID;
import static dev.latchkey.auth.webauthn.PasskeyFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * A reviewer's attacks on what passkeys keep: the last way into an account under concurrent deletes, the flags an
 * assertion shows, and what the logs of a whole flow say.
 */
class PasskeyRaceAndStateTest {

    /**
     * A passkey-only account with two passkeys: two deletes at once (each of the other passkey) must leave one. Each
     * delete counts the passkeys, deletes its own and counts again inside its transaction; under READ COMMITTED
     * (H2, PostgreSQL) or a snapshot (MariaDB) neither sees the other's uncommitted delete, so both commit. The
     * credential store is the real one, only held (twice) while nothing is committed yet.
     */
    @ParameterizedTest
    @EnumSource(value = Stores.class, names = {"H2", "POSTGRES", "MARIADB"})
    void twoConcurrentDeletes_leaveAPasskeyOnlyAccountItsLastPasskey(Stores where) throws Exception {
        AtomicBoolean armed = new AtomicBoolean();
        Meeting meeting = new Meeting();
        PasskeyFixture fx = new PasskeyFixture(holdingDeletes(where.get(), armed, meeting));
        Session cy = fx.codeAccount("cy@example.com");
        VerifiedAccessToken token = fx.token(cy);
        Credential first = fx.enrol(SoftwareAuthenticator.es256(), token);
        Credential second = fx.enrol(SoftwareAuthenticator.ed25519(), token);
        assertThat(cy.user().hasPassword()).isFalse();

        armed.set(true);
        CompletableFuture<Throwable> a = CompletableFuture.supplyAsync(() -> outcome(meeting, () ->
                fx.passkeys.delete(token, first.id(), CLIENT)));
        CompletableFuture<Throwable> b = CompletableFuture.supplyAsync(() -> outcome(meeting, () ->
                fx.passkeys.delete(token, second.id(), CLIENT)));
        // null: that delete succeeded
        List<Throwable> outcomes = java.util.Arrays.asList(a.get(30, TimeUnit.SECONDS), b.get(30, TimeUnit.SECONDS));
        armed.set(false);

        assertThat(fx.passkeys.list(cy.user().id())).as("outcomes %s", outcomes).hasSize(1);
        // One delete succeeds; the other, run after it, finds the last passkey.
        assertThat(outcomes).as("outcomes %s", outcomes).filteredOn(java.util.Objects::nonNull).singleElement()
                .isInstanceOfSatisfying(AuthException.class,
                        e -> assertThat(e.code()).isEqualTo(AuthErrorCode.LAST_CREDENTIAL));
    }

    /**
     * The stored backup state (BS, shown as {@code backed_up}) follows the flag the latest assertion showed, as
     * {@link Passkey#backedUp()} says ("at its last use") and WebAuthn Level 3 section 7.2 step 27 asks.
     */
    @ParameterizedTest
    @EnumSource(value = Stores.class, names = {"MEMORY", "H2"})
    void theBackupState_followsTheLatestAssertion(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        fx.register("ann@example.com");
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        Credential credential = fx.enrol(authenticator, fx.signIn("ann@example.com"));
        String userId = fx.auth.accounts().findByContact(dev.latchkey.auth.Contact.email("ann@example.com"))
                .orElseThrow().id();
        assertThat(fx.passkeys.list(userId).get(0).backedUp()).isTrue();

        // UP, UV, BE set; BS clear: the passkey is no longer backed up.
        Assertion notBackedUp = ForgedAssertions.withFlags(authenticator, credential, RP_ID, ORIGIN,
                fx.loginChallenge(), 0x01 | 0x04 | 0x08, 7);
        assertThat(fx.passkeys.login(notBackedUp.json(), CLIENT)).isInstanceOf(LoginResult.Authenticated.class);
        assertThat(fx.passkeys.list(userId).get(0).backedUp()).isFalse();
    }

    /** Sound: an assertion without user presence, validly signed, is refused. */
    @ParameterizedTest
    @EnumSource(value = Stores.class, names = "MEMORY")
    void anAssertionWithoutUserPresence_isRefused(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        fx.register("ann@example.com");
        SoftwareAuthenticator authenticator = SoftwareAuthenticator.es256();
        Credential credential = fx.enrol(authenticator, fx.signIn("ann@example.com"));
        Assertion absent = ForgedAssertions.withFlags(authenticator, credential, RP_ID, ORIGIN, fx.loginChallenge(),
                0x04 | 0x08 | 0x10, 3);
        assertCode(() -> fx.passkeys.login(absent.json(), CLIENT), AuthErrorCode.INVALID_CREDENTIALS);
    }

    /** Sound: no challenge, signature, client data, authenticator data or user handle of a whole flow is logged. */
    @ParameterizedTest
    @EnumSource(value = Stores.class, names = {"MEMORY", "H2"})
    void aWholeFlow_logsNoChallengeSignatureOrHandle(Stores where) {
        PasskeyFixture fx = new PasskeyFixture(where.get());
        CapturedLogs.clear();
        List<String> secrets = new ArrayList<>();
        fx.register("ann@example.com");
        VerifiedAccessToken ann = fx.signIn("ann@example.com");
        Credential credential = fx.create(SoftwareAuthenticator.es256(), ann);
        secrets.add(credential.userHandle());
        secrets.add(SoftwareAuthenticator.base64Url(credential.registration().attestationObject()));
        fx.passkeys.register(ann, credential.registration().json(), null, CLIENT);
        String challenge = fx.loginChallenge();
        secrets.add(challenge);
        Assertion good = credential.assertion(RP_ID, ORIGIN, challenge);
        secrets.add(SoftwareAuthenticator.base64Url(good.signature()));
        secrets.add(SoftwareAuthenticator.base64Url(good.authenticatorData()));
        fx.passkeys.login(good.json(), CLIENT);
        List<String> messages = new ArrayList<>();
        for (Assertion bad : List.of(good, credential.assertion(RP_ID, "https://evil.example.net", fx.loginChallenge()),
                credential.assertion(RP_ID, ORIGIN, fx.loginChallenge()).withFlippedSignatureBit())) {
            try {
                fx.passkeys.login(bad.json(), CLIENT);
            } catch (AuthException e) {
                messages.add(e.toString());
                secrets.add(SoftwareAuthenticator.base64Url(bad.signature()));
            }
        }
        String step = PasskeyAttackTest.step(fx, "ann@example.com");
        secrets.add(step);
        fx.auth.secondSteps().complete(step, "passkey", credential.assertion(RP_ID, ORIGIN, step).json(), CLIENT);

        String logs = String.join("\n", CapturedLogs.lines().stream().map(CapturedLogs.Line::toString).toList());
        assertThat(logs).isNotEmpty();
        for (String secret : secrets) {
            assertThat(logs).doesNotContain(secret);
            assertThat(String.join("\n", messages)).doesNotContain(secret);
        }
    }

    private static Throwable outcome(Meeting meeting, Runnable call) {
        try {
            call.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        } finally {
            meeting.done();
        }
    }

    private static final ThreadLocal<Boolean> DELETED = new ThreadLocal<>();

    /**
     * Where the two deletes meet: each waits at a point until both got there, so that nothing is committed before both
     * passed it. A delete does not wait for the other when that one is done, or is inside an update of an account
     * (the fix takes the account before it counts: the other then waits for this one's commit, and can never get
     * here first; waiting for it would deadlock the two). The old code updates no account, so there both meet.
     */
    private static final class Meeting {
        private final java.util.Map<String, Integer> arrived = new java.util.HashMap<>();
        private int updating;
        private int done;

        synchronized void await(String point) throws InterruptedException, java.util.concurrent.TimeoutException {
            arrived.merge(point, 1, Integer::sum);
            notifyAll();
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
            while (arrived.get(point) < 2 && updating == 0 && done == 0) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    throw new java.util.concurrent.TimeoutException("the other delete never came to " + point);
                }
                TimeUnit.NANOSECONDS.timedWait(this, left);
            }
        }

        synchronized void updating(int delta) {
            updating += delta;
            notifyAll();
        }

        synchronized void done() {
            done++;
            notifyAll();
        }
    }

    /** The stores, whose credential store waits, once armed, after each delete until both deletes
     * happened, and after the count that follows each delete until both counted: each step of the two transactions
     * interleaved, nothing committed before both counted (see {@link Meeting} for when a delete goes on alone). */
    private static AuthStores holdingDeletes(AuthStores real, AtomicBoolean armed, Meeting meeting) {
        CredentialStore credentials = real.credentials();
        CredentialStore holding = (CredentialStore) Proxy.newProxyInstance(CredentialStore.class.getClassLoader(),
                new Class<?>[] {CredentialStore.class}, (proxy, method, args) -> {
                    Object result = invoke(credentials, method, args);
                    if (!armed.get()) {
                        return result;
                    }
                    if (method.getName().equals("delete")) {
                        meeting.await("deleted"); // both rows deleted, nothing committed
                        DELETED.set(true);
                    } else if (method.getName().equals("findByUser") && Boolean.TRUE.equals(DELETED.get())) {
                        DELETED.remove();
                        meeting.await("counted"); // both re-counted, nothing committed
                    }
                    return result;
                });
        UserStore users = real.users();
        UserStore watched = (UserStore) Proxy.newProxyInstance(UserStore.class.getClassLoader(),
                new Class<?>[] {UserStore.class}, (proxy, method, args) -> {
                    boolean update = armed.get() && method.getName().equals("update");
                    if (update) {
                        meeting.updating(1);
                    }
                    try {
                        return invoke(users, method, args);
                    } finally {
                        if (update) {
                            meeting.updating(-1);
                        }
                    }
                });
        return (AuthStores) Proxy.newProxyInstance(AuthStores.class.getClassLoader(),
                new Class<?>[] {AuthStores.class}, (proxy, method, args) -> switch (method.getName()) {
                    case "credentials" -> holding;
                    case "users" -> watched;
                    default -> invoke(real, method, args);
                });
    }

    private static Object invoke(Object target, java.lang.reflect.Method method, Object[] args) throws Throwable {
        try {
            return method.invoke(target, args);
        } catch (InvocationTargetException e) {
            throw e.getCause();
        }
    }
}
