package dev.latchkey.auth.testkit.memory;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.StoredChallenge;
import dev.latchkey.auth.store.StoredCode;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.store.StoredRefreshToken;
import dev.latchkey.auth.store.StoredSession;
import dev.latchkey.auth.store.StoredSigningKey;
import dev.latchkey.auth.store.StoredUser;

/**
 * The rows behind one or more {@link InMemoryAuthStores} over the same data, and the lock and undo log that make their
 * calls atomic and their transactions serialisable.
 *
 * <p>Every store call runs under one reentrant lock, so no two calls interleave; {@link #inTransaction} holds it from
 * the start of the work to its end. Each change made through {@link #put} or {@link #remove} pushes its inverse onto
 * an undo log: a store call that fails undoes its own changes (a savepoint), and a failed outermost transaction undoes
 * everything since it began. The maps hold immutable records and are only touched with the lock held.
 */
final class MemoryData {
    final Map<String, StoredUser> users = new LinkedHashMap<>();
    final Map<String, String> userIdsByEmail = new HashMap<>();
    final Map<String, String> userIdsByPhone = new HashMap<>();
    /** Imported accounts' external ids, both ways. */
    final Map<String, String> userIdsByExternalId = new HashMap<>();
    final Map<String, String> externalIdsByUserId = new HashMap<>();
    /** Sessions as inserted; {@code lastUsedAt} is computed from their tokens on every read. */
    final Map<String, StoredSession> sessions = new LinkedHashMap<>();
    final Map<String, StoredRefreshToken> refreshTokens = new LinkedHashMap<>();
    /** The token hashes of each session, as immutable lists replaced on change. */
    final Map<String, List<String>> tokenHashesBySession = new HashMap<>();
    final Map<String, StoredCode> codes = new LinkedHashMap<>();
    final Map<String, StoredCredential> credentials = new LinkedHashMap<>();
    final Map<String, StoredChallenge> challenges = new LinkedHashMap<>();
    /** Written without undo: a signing key commits on its own, whatever happens to the caller's transaction. */
    final Map<String, StoredSigningKey> signingKeys = new LinkedHashMap<>();
    /** Written without undo, as signing keys. */
    final Map<String, dev.latchkey.auth.store.StoredMasterKey> masterKeys = new LinkedHashMap<>();

    private final ReentrantLock lock = new ReentrantLock();
    private final Deque<Runnable> undo = new ArrayDeque<>();
    private int transactionDepth;
    /** Store calls in progress on the lock's thread: a call made inside another keeps the outer one's undo log. */
    private int callDepth;

    /**
     * Runs one store call under the lock. If it throws, its own changes are undone (and the exception propagates), so
     * a failed call never leaves half a change behind nor dooms the caller's transaction.
     */
    <T> T atomically(Supplier<T> call) {
        lock.lock();
        int mark = undo.size();
        callDepth++;
        try {
            T result = call.get();
            if (transactionDepth == 0 && callDepth == 1) {
                undo.clear();
            }
            return result;
        } catch (RuntimeException | Error e) {
            undoTo(mark);
            throw e;
        } finally {
            callDepth--;
            lock.unlock();
        }
    }

    /** {@link #atomically} for a call that returns nothing. */
    void atomically(Runnable call) {
        atomically(() -> {
            call.run();
            return null;
        });
    }

    /**
     * Runs {@code work} holding the lock throughout. A nested call joins the outer transaction; when the outermost one
     * throws, every change since it began is undone and the exception propagates unchanged.
     */
    <T> T inTransaction(Supplier<T> work) {
        lock.lock();
        transactionDepth++;
        try {
            T result = work.get();
            if (transactionDepth == 1) {
                undo.clear();
            }
            return result;
        } catch (RuntimeException | Error e) {
            if (transactionDepth == 1) {
                undoTo(0);
            }
            throw e;
        } finally {
            transactionDepth--;
            lock.unlock();
        }
    }

    /** Puts {@code value} under {@code key}, remembering what was there. */
    <K, V> void put(Map<K, V> map, K key, V value) {
        checkLocked();
        boolean present = map.containsKey(key);
        V previous = map.put(key, value);
        undo.addLast(present ? () -> map.put(key, previous) : () -> map.remove(key));
    }

    /** Removes {@code key}, remembering what was there; returns it, or null when absent. */
    <K, V> V remove(Map<K, V> map, K key) {
        checkLocked();
        if (!map.containsKey(key)) {
            return null;
        }
        V previous = map.remove(key);
        undo.addLast(() -> map.put(key, previous));
        return previous;
    }

    /** The failure of a write that would break the data's integrity (a duplicate key), as a store failure. */
    static AuthException integrityViolation(String message) {
        return AuthException.storeUnavailable(message, new IllegalStateException(message));
    }

    private void undoTo(int mark) {
        while (undo.size() > mark) {
            undo.removeLast().run();
        }
    }

    private void checkLocked() {
        if (!lock.isHeldByCurrentThread()) {
            throw new IllegalStateException("in-memory store data changed outside its lock");
        }
    }
}
