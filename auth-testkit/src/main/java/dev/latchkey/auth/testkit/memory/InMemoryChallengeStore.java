package dev.latchkey.auth.testkit.memory;

import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.ChallengeStore;
import dev.latchkey.auth.store.StoredChallenge;

/**
 * Challenges in memory, by hash. A challenge bound to an account needs the account to exist and goes when it is
 * deleted; each check and consumption is one step under the data's lock.
 */
final class InMemoryChallengeStore implements ChallengeStore {
    private final MemoryData data;

    InMemoryChallengeStore(MemoryData data) {
        this.data = data;
    }

    @Override
    public void insert(StoredChallenge challenge) {
        Objects.requireNonNull(challenge, "challenge");
        data.atomically(() -> {
            if (challenge.userId() != null && !data.users.containsKey(challenge.userId())) {
                throw new AuthException(AuthErrorCode.NOT_FOUND, "The account of the challenge does not exist");
            }
            if (data.challenges.containsKey(challenge.hash())) {
                throw MemoryData.integrityViolation("A challenge with this hash already exists");
            }
            data.put(data.challenges, challenge.hash(), challenge);
        });
    }

    @Override
    public Optional<StoredChallenge> find(String hash) {
        Objects.requireNonNull(hash, "hash");
        return data.atomically(() -> Optional.ofNullable(data.challenges.get(hash)));
    }

    @Override
    public boolean tryAttempt(String hash, int maxAttempts) {
        Objects.requireNonNull(hash, "hash");
        return data.atomically(() -> {
            StoredChallenge c = data.challenges.get(hash);
            if (c == null || c.consumedAt() != null || c.attempts() >= maxAttempts) {
                return false;
            }
            data.put(data.challenges, hash, new StoredChallenge(c.hash(), c.purpose(), c.userId(), c.data(),
                    c.createdAt(), c.expiresAt(), c.attempts() + 1, null));
            return true;
        });
    }

    @Override
    public boolean consume(String hash, Instant at) {
        Objects.requireNonNull(hash, "hash");
        Objects.requireNonNull(at, "at");
        return data.atomically(() -> {
            StoredChallenge c = data.challenges.get(hash);
            if (c == null || c.consumedAt() != null) {
                return false;
            }
            data.put(data.challenges, hash, new StoredChallenge(c.hash(), c.purpose(), c.userId(), c.data(),
                    c.createdAt(), c.expiresAt(), c.attempts(), at));
            return true;
        });
    }

    @Override
    public int purgeExpired(Instant cutOff) {
        Objects.requireNonNull(cutOff, "cutOff");
        return data.atomically(() -> {
            List<String> ended = data.challenges.values().stream()
                    .filter(c -> c.expiresAt().isBefore(cutOff)
                            || (c.consumedAt() != null && c.consumedAt().isBefore(cutOff)))
                    .map(StoredChallenge::hash)
                    .toList();
            ended.forEach(hash -> data.remove(data.challenges, hash));
            return ended.size();
        });
    }
}
