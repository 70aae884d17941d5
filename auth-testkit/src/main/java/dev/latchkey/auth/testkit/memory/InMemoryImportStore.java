package dev.latchkey.auth.testkit.memory;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.store.ImportMatch;
import dev.latchkey.auth.store.ImportStore;
import dev.latchkey.auth.store.StoredImport;
import dev.latchkey.auth.store.StoredUser;

/**
 * External ids and batch writes in memory. {@link #insertAll} runs as one store call: a taken contact or external id
 * anywhere in the batch undoes the accounts it had added.
 */
final class InMemoryImportStore implements ImportStore {
    private static final int MAX_VALUES = 1000;

    private final MemoryData data;
    private final InMemoryUserStore users;

    InMemoryImportStore(MemoryData data) {
        this.data = data;
        this.users = new InMemoryUserStore(data);
    }

    @Override
    public List<ImportMatch> findMatches(Collection<String> externalIds, Collection<String> emails,
                                         Collection<String> phones) {
        checkSize(externalIds, "externalIds");
        checkSize(emails, "emails");
        checkSize(phones, "phones");
        return data.atomically(() -> {
            Map<String, ImportMatch> found = new LinkedHashMap<>();
            List<String> ids = new ArrayList<>();
            externalIds.stream().map(data.userIdsByExternalId::get).filter(Objects::nonNull).forEach(ids::add);
            emails.stream().map(data.userIdsByEmail::get).filter(Objects::nonNull).forEach(ids::add);
            phones.stream().map(data.userIdsByPhone::get).filter(Objects::nonNull).forEach(ids::add);
            for (String id : ids) {
                StoredUser u = data.users.get(id);
                found.putIfAbsent(id, new ImportMatch(id, data.externalIdsByUserId.get(id), u.email(), u.phone()));
            }
            return List.copyOf(found.values());
        });
    }

    @Override
    public Optional<String> findUserIdByExternalId(String externalId) {
        Objects.requireNonNull(externalId, "externalId");
        return data.atomically(() -> Optional.ofNullable(data.userIdsByExternalId.get(externalId)));
    }

    @Override
    public void insertAll(List<StoredImport> accounts) {
        List<StoredImport> batch = List.copyOf(accounts);
        data.atomically(() -> {
            for (StoredImport account : batch) {
                String externalId = account.externalId();
                if (externalId != null && data.userIdsByExternalId.containsKey(externalId)) {
                    throw new AuthException(AuthErrorCode.ACCOUNT_EXISTS, "The external id belongs to an account");
                }
                users.insert(account.user());
                if (externalId != null) {
                    data.put(data.userIdsByExternalId, externalId, account.user().id());
                    data.put(data.externalIdsByUserId, account.user().id(), externalId);
                }
                if (account.password() != null) {
                    if (data.credentials.containsKey(account.password().id())) {
                        throw MemoryData.integrityViolation("a credential with this id exists");
                    }
                    data.put(data.credentials, account.password().id(), account.password());
                }
            }
        });
    }

    private static void checkSize(Collection<String> values, String name) {
        if (Objects.requireNonNull(values, name).size() > MAX_VALUES) {
            throw new IllegalArgumentException(name + " holds at most " + MAX_VALUES + " values");
        }
    }
}
