package dev.latchkey.auth.testkit.memory;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.ChallengeStore;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.ImportStore;
import dev.latchkey.auth.store.InMemoryRateLimitStore;
import dev.latchkey.auth.store.OtpCodeStore;
import dev.latchkey.auth.store.RateLimitStore;
import dev.latchkey.auth.store.RefreshTokenStore;
import dev.latchkey.auth.store.MasterKeyStore;
import dev.latchkey.auth.store.SigningKeyStore;
import dev.latchkey.auth.store.UserStore;

/**
 * Every Latchkey store in this process's memory, for tests of an application (or of Latchkey itself) that need no
 * database: {@code AuthService.newBuilder(config, InMemoryAuthStores.create())}.
 *
 * <p>It keeps every rule of the store contracts, which it passes (the contract classes of
 * {@code dev.latchkey.auth.testkit.contract}): identifying emails and phones are unique, pending ones are not; deleting
 * an account deletes its sessions, refresh tokens, credentials and challenges; rotating a refresh token, consuming a
 * code or a challenge, counting an attempt, advancing a credential's counter and marking it used are atomic, so of
 * concurrent callers exactly the allowed number win.
 *
 * <p>Every call runs under one lock per data set, and {@link #inTransaction} holds that lock for the whole work, so
 * transactions are serialisable and, when the work throws, every change it made to the accounts, sessions, tokens,
 * codes, credentials and challenges is undone. Two exceptions, on purpose and as in {@code JdbcAuthStores}: signing
 * keys and the master-key registry are kept at once, outside any transaction (an instance must never lose a key it signs with), and the rate-limit
 * counters are auth-core's {@link InMemoryRateLimitStore} (or the store given to {@link #create(RateLimitStore)}),
 * which counts every permit immediately and is not rolled back. Do not wait, inside a transaction, for another thread
 * that uses the same data: it waits for the lock you hold.
 *
 * <p>Nothing is ever persisted or shared with another process: this is for tests and single-process demos, not for
 * production. Records come back exactly as they were stored (instants are not truncated). Thread-safe.
 */
public final class InMemoryAuthStores implements AuthStores {
    private final MemoryData data;
    private final UserStore users;
    private final RefreshTokenStore refreshTokens;
    private final OtpCodeStore otpCodes;
    private final CredentialStore credentials;
    private final ChallengeStore challenges;
    private final SigningKeyStore signingKeys;
    private final MasterKeyStore masterKeys;
    private final RateLimitStore rateLimits;
    private final ImportStore imports;

    private InMemoryAuthStores(MemoryData data, RateLimitStore rateLimits) {
        this.data = data;
        this.users = new InMemoryUserStore(data);
        this.refreshTokens = new InMemoryRefreshTokenStore(data);
        this.otpCodes = new InMemoryOtpCodeStore(data);
        this.credentials = new InMemoryCredentialStore(data);
        this.challenges = new InMemoryChallengeStore(data);
        this.signingKeys = new InMemorySigningKeyStore(data);
        this.masterKeys = new InMemoryMasterKeyStore(data);
        this.imports = new InMemoryImportStore(data);
        this.rateLimits = rateLimits;
    }

    /** Empty stores, with a new {@link InMemoryRateLimitStore} for the rate limits. */
    public static InMemoryAuthStores create() {
        return new InMemoryAuthStores(new MemoryData(), new InMemoryRateLimitStore());
    }

    /**
     * Empty stores whose rate limits live in {@code rateLimits}: a third party's own {@link RateLimitStore}, run by
     * {@code RateLimitStoreContract} or by a service test without writing the other stores.
     */
    public static InMemoryAuthStores create(RateLimitStore rateLimits) {
        return new InMemoryAuthStores(new MemoryData(), Objects.requireNonNull(rateLimits, "rateLimits"));
    }

    /**
     * Another instance over the same data and rate limits, as a second service instance in the same process would
     * hold: its writes and transactions are seen by, and serialised with, this one's. For tests that run two
     * {@code AuthService}s against one store.
     */
    public InMemoryAuthStores anotherInstance() {
        return new InMemoryAuthStores(data, rateLimits);
    }

    @Override
    public UserStore users() {
        return users;
    }

    @Override
    public RefreshTokenStore refreshTokens() {
        return refreshTokens;
    }

    @Override
    public OtpCodeStore otpCodes() {
        return otpCodes;
    }

    @Override
    public RateLimitStore rateLimits() {
        return rateLimits;
    }

    @Override
    public CredentialStore credentials() {
        return credentials;
    }

    @Override
    public ChallengeStore challenges() {
        return challenges;
    }

    /** Always present: the generated signing keys, kept outside any transaction. */
    @Override
    public Optional<SigningKeyStore> signingKeys() {
        return Optional.of(signingKeys);
    }

    /** Always present: the master-key registry, kept outside any transaction. */
    @Override
    public Optional<MasterKeyStore> masterKeys() {
        return Optional.of(masterKeys);
    }

    @Override
    public Optional<ImportStore> imports() {
        return Optional.of(imports);
    }

    /**
     * Runs {@code work} holding the data's lock, so that no other call or transaction on this data interleaves with
     * it. A nested call joins the outer transaction. When the work throws, every change it made (signing keys and
     * rate-limit counters apart) is undone, and the exception propagates unchanged.
     */
    @Override
    public <T> T inTransaction(Supplier<T> work) {
        Objects.requireNonNull(work, "work");
        return data.inTransaction(work);
    }

    /** How many accounts and sessions it holds; no contact, id or secret. */
    @Override
    public String toString() {
        return data.atomically(() -> "InMemoryAuthStores[users=" + data.users.size() + ", sessions="
                + data.sessions.size() + "]");
    }
}
