package dev.latchkey.auth.flows;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.User;
import dev.latchkey.auth.imports.ImportOptions;
import dev.latchkey.auth.imports.ImportOutcome;
import dev.latchkey.auth.imports.ImportOutcome.Status;
import dev.latchkey.auth.imports.ImportSummary;
import dev.latchkey.auth.imports.ImportedUser;
import dev.latchkey.auth.accounts.AccountConfig;
import dev.latchkey.auth.store.AuthStores;
import dev.latchkey.auth.store.ChallengeStore;
import dev.latchkey.auth.store.CredentialStore;
import dev.latchkey.auth.store.ImportMatch;
import dev.latchkey.auth.store.ImportStore;
import dev.latchkey.auth.store.OtpCodeStore;
import dev.latchkey.auth.store.RateLimitStore;
import dev.latchkey.auth.store.RefreshTokenStore;
import dev.latchkey.auth.store.StoredImport;
import dev.latchkey.auth.store.UserStore;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;

import static dev.latchkey.auth.flows.MemoryFixture.CLIENT;
import static dev.latchkey.auth.flows.MemoryFixture.PASSWORD;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

/** The import API over the in-memory stores: idempotent, never merging, reporting bad records one by one. */
class UserImportTest {
    /** bcryptjs 3.0.3: bcrypt.hashSync('correct horse battery staple', 5). */
    private static final String BCRYPT = "$2b$05$u/wJ2/xBbzttaLWGmGAgluPPvlZYrPCJgGcTZhSRCxgfa91WTgPqS";

    private final MemoryFixture fx = new MemoryFixture(
            b -> b.accounts(AccountConfig.newBuilder().defaultPhoneRegion("US").build()), b -> b);
    private final AuthService auth = fx.auth;
    private final List<ImportOutcome> outcomes = new ArrayList<>();

    private static ImportedUser.Builder user(String externalId, String email) {
        return ImportedUser.newBuilder().externalId(externalId).email(email, true);
    }

    private ImportSummary run(ImportedUser... records) {
        outcomes.clear();
        return auth.imports().importUsers(List.of(records), outcomes::add);
    }

    @Test
    void goodRecordsLand_andBadOnesAreReportedOneByOne_inTheSameBatch() {
        ImportSummary summary = run(
                user("u1", "ada@example.com").passwordHash(BCRYPT).build(),
                user("u2", "not an email").build(),
                user("u3", "cy@example.com").passwordHash("$1$md5crypt$abcdefghijklmnopqrstuv").build(),
                user("u4", "dee@example.com").profile(Map.of("Bad-Name", "x")).build(),
                user("u5", "eve@example.com").roles(Set.of("has space")).build(),
                user("u6", "fay@example.com").createdAt(fx.clock.instant().plusSeconds(86_400)).build(),
                ImportedUser.newBuilder().externalId("u7").build(),
                user("u8\u0000", "gus@example.com").build(),
                user("u9", "hal@example.com").phone("(415) 555-2671", true).build());

        assertThat(outcomes).extracting(ImportOutcome::record, ImportOutcome::status, ImportOutcome::field)
                .containsExactly(tuple(1L, Status.IMPORTED, null), tuple(2L, Status.INVALID, "email"),
                        tuple(3L, Status.INVALID, "password_hash"), tuple(4L, Status.INVALID, "profile"),
                        tuple(5L, Status.INVALID, "roles"), tuple(6L, Status.INVALID, "created_at"),
                        tuple(7L, Status.INVALID, "email"), tuple(8L, Status.INVALID, "external_id"),
                        tuple(9L, Status.IMPORTED, null));
        assertThat(outcomes.get(2).reason()).startsWith("unknown password hash format");
        assertThat(summary).isEqualTo(new ImportSummary(9, 2, 0, 0, 7, false));
        assertThat(auth.accounts().findByContact(Contact.email("cy@example.com"))).isEmpty();
        assertThat(auth.accounts().findByContact(Contact.phone("+14155552671"))).get()
                .extracting(User::id).isEqualTo(outcomes.get(8).userId());
        assertThat(auth.passwords().login(Contact.email("ada@example.com"), PASSWORD, CLIENT).sessionOrThrow()
                .user().id()).isEqualTo(outcomes.get(0).userId());
    }

    @Test
    void importedAccount_keepsItsFields() {
        Instant created = Instant.parse("2019-03-04T05:06:07Z");
        run(ImportedUser.newBuilder().externalId("42").email(" Ada@Example.com ", true).phone("+14155552671", false)
                .profile(Map.of("name", "Ada")).roles(Set.of("admin")).createdAt(created).build());
        User u = auth.accounts().get(outcomes.get(0).userId());
        assertThat(u.email()).contains("ada@example.com");
        assertThat(u.emailVerified()).isTrue();
        assertThat(u.phone()).contains("+14155552671");
        assertThat(u.phoneVerified()).isFalse();
        assertThat(u.profile()).isEqualTo(Map.of("name", "Ada"));
        assertThat(u.roles()).containsExactly("admin");
        assertThat(u.createdAt()).isEqualTo(created);
        assertThat(auth.imports().findUserId("42")).contains(u.id());
    }

    @Test
    void importingTheSameRecordsAgain_changesNothing() {
        ImportedUser a = user("u1", "ada@example.com").passwordHash(BCRYPT).build();
        ImportedUser b = ImportedUser.newBuilder().phone("+14155552671", true).build();
        run(a, b);
        List<String> ids = outcomes.stream().map(ImportOutcome::userId).toList();
        User before = auth.accounts().get(ids.get(0));

        ImportSummary again = run(a, b);

        assertThat(again).isEqualTo(new ImportSummary(2, 0, 2, 0, 0, false));
        assertThat(outcomes).extracting(ImportOutcome::userId).isEqualTo(ids);
        assertThat(auth.accounts().get(ids.get(0))).isEqualTo(before);
        assertThat(auth.accounts().list(0, 10)).hasSize(2);
    }

    @Test
    void aRecordWhoseContactBelongsToAnotherAccount_isAConflict_neverMerged() {
        run(user("u1", "ada@example.com").build(), user("u2", "bob@example.com").phone("+14155552671", true).build());
        String ada = outcomes.get(0).userId();
        String bob = outcomes.get(1).userId();

        run(user("u1", "bob@example.com").build(),
                ImportedUser.newBuilder().email("ada@example.com", true).phone("+14155552671", true).build(),
                user("u9", "ada@example.com").build(),
                ImportedUser.newBuilder().email("ada@example.com", false).build());

        assertThat(outcomes).extracting(ImportOutcome::status, ImportOutcome::userId, ImportOutcome::field)
                .containsExactly(tuple(Status.CONFLICT, bob, "email"), tuple(Status.CONFLICT, bob, "phone"),
                        tuple(Status.CONFLICT, ada, "email"), tuple(Status.ALREADY_PRESENT, ada, null));
        assertThat(outcomes.get(2).reason()).contains("another external id");
        assertThat(auth.accounts().get(ada).email()).contains("ada@example.com");
        assertThat(auth.imports().findUserId("u9")).isEmpty();
    }

    @Test
    void recordsOfOneBatch_matchEachOther() {
        run(user("u1", "ada@example.com").build(), user("u1", "ada@example.com").build(),
                user("u2", "ada@example.com").build());
        assertThat(outcomes).extracting(ImportOutcome::status)
                .containsExactly(Status.IMPORTED, Status.ALREADY_PRESENT, Status.CONFLICT);
        assertThat(outcomes.get(1).userId()).isEqualTo(outcomes.get(0).userId());
        assertThat(auth.accounts().list(0, 10)).hasSize(1);
    }

    @Test
    void dryRun_checksAndMatchesEverything_butWritesNothing() {
        List<ImportOutcome> seen = new ArrayList<>();
        ImportSummary summary = auth.imports().importUsers(List.of(user("u1", "ada@example.com").build(),
                user("u2", "bad").build()).iterator(), ImportOptions.newBuilder().dryRun(true).build(), seen::add);
        assertThat(summary).isEqualTo(new ImportSummary(2, 1, 0, 0, 1, true));
        assertThat(auth.accounts().list(0, 10)).isEmpty();
        assertThat(auth.imports().findUserId("u1")).isEmpty();
    }

    @Test
    void records_areReadBatchByBatch_andReportedInOrder() {
        int total = 1050;
        int[] produced = {0};
        List<Integer> readAhead = new ArrayList<>();
        Iterator<ImportedUser> source = new Iterator<>() {
            @Override
            public boolean hasNext() {
                return produced[0] < total;
            }

            @Override
            public ImportedUser next() {
                produced[0]++;
                return user("x" + produced[0], "user" + produced[0] + "@example.com").build();
            }
        };
        ImportSummary summary = auth.imports().importUsers(source, ImportOptions.newBuilder().batchSize(100).build(),
                o -> {
                    outcomes.add(o);
                    readAhead.add((int) (produced[0] - o.record()));
                });
        assertThat(summary.imported()).isEqualTo(total);
        assertThat(outcomes).extracting(ImportOutcome::record)
                .isEqualTo(java.util.stream.LongStream.rangeClosed(1, total).boxed().toList());
        assertThat(readAhead).allMatch(n -> n < 100);
    }

    @Test
    void aRecordWhoseContactWasTakenMeanwhile_isTheOnlyConflict_ofItsBatch() {
        InMemoryAuthStores real = InMemoryAuthStores.create();
        AuthService racing = AuthService.newBuilder(fx.configBuilder().build(), blindTo(real)).build();
        racing.imports().importUsers(List.of(user("u0", "taken@example.com").build()), o -> { });
        List<ImportOutcome> seen = new ArrayList<>();

        racing.imports().importUsers(List.of(user("u1", "ada@example.com").build(),
                user("u2", "taken@example.com").build(), user("u3", "cy@example.com").build()), seen::add);

        assertThat(seen).extracting(ImportOutcome::status)
                .containsExactly(Status.IMPORTED, Status.CONFLICT, Status.IMPORTED);
        assertThat(racing.imports().findUserId("u1")).isPresent();
        assertThat(racing.imports().findUserId("u3")).isPresent();
    }

    @Test
    void storesWithoutImport_failAsWrongUse() {
        AuthService none = AuthService.newBuilder(fx.configBuilder().build(), delegating(InMemoryAuthStores.create(),
                null)).build();
        assertThatThrownBy(() -> none.imports().importUsers(List.of(user("u1", "a@example.com").build()), o -> { }))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("imports()");
    }

    /** Stores whose look-ups find nothing: as if every key were taken by another writer after the batch's read. */
    private static AuthStores blindTo(InMemoryAuthStores real) {
        ImportStore store = real.imports().orElseThrow();
        return delegating(real, new ImportStore() {
            @Override
            public List<ImportMatch> findMatches(Collection<String> externalIds, Collection<String> emails,
                                                 Collection<String> phones) {
                return List.of();
            }

            @Override
            public Optional<String> findUserIdByExternalId(String externalId) {
                return store.findUserIdByExternalId(externalId);
            }

            @Override
            public void insertAll(List<StoredImport> accounts) {
                store.insertAll(accounts);
            }
        });
    }

    private static AuthStores delegating(InMemoryAuthStores real, ImportStore imports) {
        return new AuthStores() {
            public UserStore users() {
                return real.users();
            }

            public RefreshTokenStore refreshTokens() {
                return real.refreshTokens();
            }

            public OtpCodeStore otpCodes() {
                return real.otpCodes();
            }

            public RateLimitStore rateLimits() {
                return real.rateLimits();
            }

            public CredentialStore credentials() {
                return real.credentials();
            }

            public ChallengeStore challenges() {
                return real.challenges();
            }

            public Optional<ImportStore> imports() {
                return Optional.ofNullable(imports);
            }

            public <T> T inTransaction(Supplier<T> work) {
                return real.inTransaction(work);
            }
        };
    }

}
