package dev.latchkey.auth.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.ServiceHooks;
import dev.latchkey.auth.imports.ImportedUser;
import dev.latchkey.auth.password.PasswordHashFormat;
import dev.latchkey.auth.password.PasswordHashFormats;
import dev.latchkey.auth.password.internal.BcryptFormat;
import dev.latchkey.auth.password.internal.Pbkdf2Formats;
import dev.latchkey.auth.store.StoredCredential;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import static dev.latchkey.auth.flows.MemoryFixture.CLIENT;
import static dev.latchkey.auth.flows.MemoryFixture.PASSWORD;
import static dev.latchkey.auth.flows.MemoryFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;

/** Imported legacy hashes verify at the first login and are then replaced by the peppered form, over memory stores. */
class LegacyPasswordLoginTest {
    /** bcryptjs 3.0.3: bcrypt.hashSync('correct horse battery staple', 5) (see auth-core's legacy-vectors.tsv). */
    private static final String BCRYPT = "$2b$05$u/wJ2/xBbzttaLWGmGAgluPPvlZYrPCJgGcTZhSRCxgfa91WTgPqS";

    private final List<Runnable> pending = new ArrayList<>();
    private final MemoryFixture fx = new MemoryFixture(b -> b, b -> ServiceHooks.upgradesOn(b, pending::add));
    private final AuthService auth = fx.auth;

    private String importUser(String email, String hash) {
        List<String> ids = new ArrayList<>();
        auth.imports().importUsers(List.of(ImportedUser.newBuilder().email(email, true).passwordHash(hash).build()),
                outcome -> ids.add(outcome.userId()));
        return ids.get(0);
    }

    private StoredCredential password(String userId) {
        return fx.stores.credentials().findByUser(userId, "password").get(0);
    }

    private void runUpgrades() {
        List<Runnable> now = List.copyOf(pending);
        pending.clear();
        now.forEach(Runnable::run);
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', value = {
            "bcrypt|$2b$05$u/wJ2/xBbzttaLWGmGAgluPPvlZYrPCJgGcTZhSRCxgfa91WTgPqS",
            "bcrypt|{bcrypt}$2a$05$dMGfC2ORRV4gWbVrjt7Om.BCMGp4hZspinVRCQ.s0qn060OPcZ3o.",
            "pbkdf2-werkzeug|pbkdf2:sha256:1000$ba48a045c415af98$6b6b34a097d612c297eb2403966558ab426e0506fe65499b1a861028c708799a",
            "pbkdf2-django|pbkdf2_sha256$1500$137af5219f97050d4c19b7$bTzpu1DlEb5yldbbZgp6U1BmQSn6tqvhzTQ1Pnr+I+E=",
            "pbkdf2-phc|$pbkdf2-sha512$1100$P5wvMTSUgsSkw1piskJh1A$6e.E4hpeVfD6ZvKOrispWheJpPJDiW8olF5AqcbQBfMQQeNBf/JonTZz4M2OGnaHTIQLT8FStrBbd8oe0dQh4A",
            "pbkdf2-spring|{pbkdf2}d6343a1bd3a4be809a67fd882dacc1590f78dfc5a4c9b23852fd41cd359f1dc8dd66e66c981b84ad8681acebe338a4a1"})
    void firstLogin_matchesTheLegacyHash_thenItIsReplacedByThePepperedForm(String format, String hash) {
        String userId = importUser("ada@example.com", hash);
        assertThat(password(userId).data()).isEqualTo(format);
        assertThat(auth.imports().legacyPasswordHashes()).isEqualTo(1);

        assertThat(fx.loginEmail("ada@example.com").user().id()).isEqualTo(userId);
        assertThat(password(userId).secret()).as("replaced after the login, not in it").isEqualTo(hash);
        runUpgrades();

        assertThat(password(userId).data()).isEqualTo("bcrypt-hmac-sha384");
        assertThat(password(userId).secret()).matches("@[A-Za-z0-9_-]{12}:\\$2a\\$04\\$.*");
        assertThat(auth.imports().legacyPasswordHashes()).isZero();
        assertThat(auth.imports().passwordHashFormats()).isEqualTo(Map.of("bcrypt-hmac-sha384", 1L));
        assertThat(fx.loginEmail("ada@example.com").user().id()).isEqualTo(userId);
        assertThat(pending).as("an own hash needs no upgrade").isEmpty();
    }

    @Test
    void aLoginAgainstALegacyHash_computesOneHashOfItsFormat_andNoneOfAnother() {
        AtomicInteger bcryptRuns = new AtomicInteger();
        AtomicInteger otherRuns = new AtomicInteger();
        PasswordHashFormat counting = counting("bcrypt", new BcryptFormat(), bcryptRuns);
        MemoryFixture counted = new MemoryFixture(b -> b, b -> ServiceHooks.upgradesOn(b, pending::add)
                .passwordHashFormat(counting)
                .passwordHashFormat(counting("pbkdf2-django", new Pbkdf2Formats.Django(), otherRuns)));
        counted.auth.imports().importUsers(List.of(ImportedUser.newBuilder().email("cnt@example.com", true)
                .passwordHash(BCRYPT).build()), o -> { });

        counted.loginEmail("cnt@example.com");
        assertThat(bcryptRuns).hasValue(1);
        assertCode(() -> counted.auth.passwords().login(Contact.email("cnt@example.com"), "wrong " + PASSWORD, CLIENT),
                AuthErrorCode.INVALID_CREDENTIALS);
        assertThat(bcryptRuns).hasValue(2);
        assertThat(otherRuns).hasValue(0);
    }

    private static PasswordHashFormat counting(String id, PasswordHashFormat inner, AtomicInteger runs) {
        return new PasswordHashFormat() {
            public String id() {
                return id;
            }

            public boolean recognizes(String encoded) {
                return inner.recognizes(encoded);
            }

            public Optional<String> problem(String encoded) {
                return inner.problem(encoded);
            }

            public boolean matches(byte[] password, String encoded) {
                runs.incrementAndGet();
                return inner.matches(password, encoded);
            }
        };
    }

    @Test
    void springPbkdf2_ofOtherParameters_replacesTheBuiltInOne() {
        // Spring Security 7.0.2: Pbkdf2PasswordEncoder.defaultsForSpringSecurity_v5_5().encode(PASSWORD) (HmacSHA1,
        // 185,000 iterations, an 8-byte salt), behind {pbkdf2}.
        String hash = "{pbkdf2}90d033e63ba54f29c91927863b5db3a650bd7bd4a62004c86b66b111b4f7ac5d18a520354fe3d7ff";
        MemoryFixture v55 = new MemoryFixture(b -> b, b -> ServiceHooks.upgradesOn(b, pending::add)
                .passwordHashFormat(PasswordHashFormats.springPbkdf2("HmacSHA1", 185_000)));
        v55.auth.imports().importUsers(List.of(ImportedUser.newBuilder().email("old@example.com", true)
                .passwordHash(hash).build()), o -> { });
        assertThat(v55.loginEmail("old@example.com")).isNotNull();

        // The built-in one (v5.8: HmacSHA256, 310,000) reads the layout but never matches it.
        importUser("old@example.com", hash);
        assertCode(() -> fx.loginEmail("old@example.com"), AuthErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void wrongPassword_againstALegacyHash_failsAndLeavesIt() {
        String userId = importUser("bob@example.com", BCRYPT);
        assertCode(() -> auth.passwords().login(Contact.email("bob@example.com"), PASSWORD + "x", CLIENT),
                AuthErrorCode.INVALID_CREDENTIALS);
        assertThat(pending).isEmpty();
        assertThat(password(userId).secret()).isEqualTo(BCRYPT);
        assertThat(auth.imports().legacyPasswordHashes()).isEqualTo(1);
    }

    @Test
    void upgrade_afterThePasswordChangedMeanwhile_neverOverwritesTheNewPassword() {
        String userId = importUser("cy@example.com", BCRYPT);
        var session = fx.loginEmail("cy@example.com");
        var token = auth.tokens().verify(session.accessToken());
        auth.passwords().change(token, PASSWORD, "a brand new passphrase 42");
        String changed = password(userId).secret();

        runUpgrades();

        assertThat(password(userId).secret()).isEqualTo(changed);
        assertThat(auth.passwords().login(Contact.email("cy@example.com"), "a brand new passphrase 42", CLIENT)
                .sessionOrThrow().user().id()).isEqualTo(userId);
    }

    @Test
    void storedHashOfAnUnregisteredFormat_neverMatches() {
        String userId = importUser("dee@example.com", BCRYPT);
        StoredCredential c = password(userId);
        fx.stores.credentials().replaceSecret(c.id(), c.secret(), c.secret(), "scrypt-werkzeug");
        assertCode(() -> fx.loginEmail("dee@example.com"), AuthErrorCode.INVALID_CREDENTIALS);
        assertThat(auth.imports().legacyPasswordHashes()).isEqualTo(1);
        assertThat(auth.imports().passwordHashFormats()).containsEntry("scrypt-werkzeug", 1L);
    }

    @Test
    void legacyHash_isCheckedOnTheRawPassword_notTheNormalisedOne() {
        // bcryptjs over 'pässwörd ünïcode ✓' as typed (NFC); NFKC leaves it alike, so a decomposed form must fail.
        String hash = "$2b$05$kDncjNfnhcZnmOlY1Mhmfu46D74JcB8uhDZ2I59HQzPsejjNI6nla";
        importUser("eve@example.com", hash);
        assertThat(auth.passwords().login(Contact.email("eve@example.com"), "pässwörd ünïcode ✓", CLIENT)
                .sessionOrThrow()).isNotNull();
        assertCode(() -> auth.passwords().login(Contact.email("eve@example.com"),
                java.text.Normalizer.normalize("pässwörd ünïcode ✓", java.text.Normalizer.Form.NFD), CLIENT),
                AuthErrorCode.INVALID_CREDENTIALS);
    }
}
