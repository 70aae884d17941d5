package dev.latchkey.auth.testkit.memory;

import java.time.Instant;
import java.util.Comparator;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

import dev.latchkey.auth.store.OtpCodeStore;
import dev.latchkey.auth.store.StoredCode;

/** One-time codes in memory; each check, consumption and replacement is one step under the data's lock. */
final class InMemoryOtpCodeStore implements OtpCodeStore {
    private static final Comparator<StoredCode> BY_CREATION = Comparator.comparing(StoredCode::createdAt)
            .thenComparing(StoredCode::id);

    private final MemoryData data;

    InMemoryOtpCodeStore(MemoryData data) {
        this.data = data;
    }

    @Override
    public void replace(StoredCode code) {
        Objects.requireNonNull(code, "code");
        data.atomically(() -> {
            if (data.codes.containsKey(code.id())) {
                throw MemoryData.integrityViolation("A one-time code with this id already exists");
            }
            unconsumed(code.purpose(), code.destination()).forEach(old -> data.remove(data.codes, old.id()));
            data.put(data.codes, code.id(), code);
        });
    }

    @Override
    public Optional<StoredCode> findLatest(String purpose, String destination) {
        Objects.requireNonNull(purpose, "purpose");
        Objects.requireNonNull(destination, "destination");
        return data.atomically(() -> unconsumed(purpose, destination).stream().max(BY_CREATION));
    }

    @Override
    public boolean tryAttempt(String codeId, int maxAttempts) {
        Objects.requireNonNull(codeId, "codeId");
        return data.atomically(() -> {
            StoredCode code = data.codes.get(codeId);
            if (code == null || code.consumedAt() != null || code.attempts() >= maxAttempts) {
                return false;
            }
            data.put(data.codes, codeId, new StoredCode(code.id(), code.purpose(), code.destination(), code.codeHash(),
                    code.subject(), code.createdAt(), code.expiresAt(), code.attempts() + 1, null));
            return true;
        });
    }

    @Override
    public boolean consume(String codeId, Instant at) {
        Objects.requireNonNull(codeId, "codeId");
        Objects.requireNonNull(at, "at");
        return data.atomically(() -> {
            StoredCode code = data.codes.get(codeId);
            if (code == null || code.consumedAt() != null) {
                return false;
            }
            data.put(data.codes, codeId, new StoredCode(code.id(), code.purpose(), code.destination(), code.codeHash(),
                    code.subject(), code.createdAt(), code.expiresAt(), code.attempts(), at));
            return true;
        });
    }

    @Override
    public boolean delete(String codeId) {
        Objects.requireNonNull(codeId, "codeId");
        return data.atomically(() -> data.remove(data.codes, codeId) != null);
    }

    @Override
    public int purgeExpired(Instant cutOff) {
        Objects.requireNonNull(cutOff, "cutOff");
        return data.atomically(() -> {
            List<String> ended = data.codes.values().stream()
                    .filter(c -> c.expiresAt().isBefore(cutOff)
                            || (c.consumedAt() != null && c.consumedAt().isBefore(cutOff)))
                    .map(StoredCode::id)
                    .toList();
            ended.forEach(id -> data.remove(data.codes, id));
            return ended.size();
        });
    }

    private List<StoredCode> unconsumed(String purpose, String destination) {
        return data.codes.values().stream()
                .filter(c -> c.consumedAt() == null && c.purpose().equals(purpose)
                        && c.destination().equals(destination))
                .toList();
    }
}
