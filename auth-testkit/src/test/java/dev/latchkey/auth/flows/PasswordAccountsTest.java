package dev.latchkey.auth.flows;

import dev.latchkey.auth.password.PasswordConfig;
import dev.latchkey.auth.accounts.AccountConfig;
import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.Test;

import java.util.HashMap;
import java.util.Map;
import java.util.Set;

import static dev.latchkey.auth.flows.MemoryFixture.CLIENT;
import static dev.latchkey.auth.flows.MemoryFixture.PASSWORD;
import static dev.latchkey.auth.flows.MemoryFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Registration, password login and account management over H2. */
class PasswordAccountsTest {
    private final MemoryFixture fx = new MemoryFixture(b -> b.accounts(AccountConfig.newBuilder().defaultPhoneRegion("US").build()), b -> b);
    private final AuthService auth = fx.auth;

    @Test
    void registerThenLogin_returnsSessionForTheSameUser() {
        User user = fx.registerEmail("ada@example.com");
        Session session = fx.loginEmail("ada@example.com");
        assertThat(session.user().id()).isEqualTo(user.id());
        assertThat(auth.tokens().verify(session.accessToken()).userId()).isEqualTo(user.id());
        assertThat(session.refreshToken()).isNotBlank();
        assertThat(session.accessTokenExpiresAt()).isEqualTo(fx.clock.instant().plusSeconds(900));
    }

    @Test
    void email_isTrimmedAndMatchedCaseInsensitively() {
        User user = fx.registerEmail("  Ada.Lovelace@Example.COM ");
        assertThat(user.email()).contains("ada.lovelace@example.com");
        assertThat(auth.passwords().login(Contact.email("ADA.LOVELACE@example.com"), PASSWORD, CLIENT).sessionOrThrow().user().id()).isEqualTo(user.id());
        assertCode(() -> fx.registerEmail("ada.lovelace@EXAMPLE.com"), AuthErrorCode.ACCOUNT_EXISTS);
    }

    @Test
    void phone_isStoredAsE164AndLoginWorksInAnyFormat() {
        User user = auth.accounts().register(Registration.newBuilder().phone("(415) 555-2671").password(PASSWORD).build());
        assertThat(user.phone()).contains("+14155552671");
        assertThat(auth.passwords().login(Contact.phone("+1 415 555 2671"), PASSWORD, CLIENT).sessionOrThrow().user().id()).isEqualTo(user.id());
    }

    @Test
    void registrationWithoutEmailOrPhone_isRejected() {
        assertThatThrownBy(() -> Registration.newBuilder().password(PASSWORD).build())
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void invalidEmailOrPhone_failsValidationNamingTheField() {
        assertThatThrownBy(() -> fx.registerEmail("not-an-email"))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.field()).contains("email"));
        assertThatThrownBy(() -> auth.accounts().register(Registration.newBuilder().phone("12").password(PASSWORD).build()))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.field()).contains("phone"));
    }

    @Test
    void weakPassword_isRejectedAndNoAccountIsCreated() {
        assertCode(() -> auth.accounts().register(Registration.newBuilder().email("bob@example.com").password("password1").build()),
                AuthErrorCode.WEAK_PASSWORD);
        assertCode(() -> fx.loginEmail("bob@example.com"), AuthErrorCode.INVALID_CREDENTIALS);
        assertThat(fx.registerEmail("bob@example.com").email()).contains("bob@example.com");
    }

    @Test
    void unknownUserWrongPasswordAndDisabledAccount_giveTheSameErrorAndMessage() {
        User user = fx.registerEmail("carol@example.com");
        AuthException unknown = catchAuth(() -> fx.loginEmail("nobody@example.com"));
        AuthException wrong = catchAuth(() -> auth.passwords().login(Contact.email("carol@example.com"), "wrong password!!", CLIENT).sessionOrThrow());
        auth.accounts().setEnabled(user.id(), false);
        AuthException disabled = catchAuth(() -> fx.loginEmail("carol@example.com"));
        assertThat(unknown.code()).isEqualTo(AuthErrorCode.INVALID_CREDENTIALS);
        assertThat(wrong.code()).isEqualTo(unknown.code());
        assertThat(disabled.code()).isEqualTo(unknown.code());
        assertThat(wrong.getMessage()).isEqualTo(unknown.getMessage()).isEqualTo(disabled.getMessage());
    }

    @Test
    void passwordOverFourKibibytes_atLogin_isRejectedAsValidation() {
        fx.registerEmail("dan@example.com");
        assertCode(() -> auth.passwords().login(Contact.email("dan@example.com"), "x".repeat(4097), CLIENT).sessionOrThrow(), AuthErrorCode.VALIDATION_FAILED);
    }

    @Test
    void login_rehashesAStoredHashOfAnotherCost() {
        User user = fx.registerEmail("erin@example.com");
        String before = passwordHash(user);
        assertThat(before).as("tagged with the master key's id").matches("@[A-Za-z0-9_-]{12}:\\$2a\\$04\\$.*");
        AuthService cost5 = AuthService.newBuilder(fx.configBuilder().passwords(PasswordConfig.newBuilder().insecureBcryptCostForTests(5).build()).build(), fx.stores).build();
        cost5.passwords().login(Contact.email("erin@example.com"), PASSWORD, CLIENT).sessionOrThrow();
        String after = passwordHash(user);
        assertThat(after).matches("@[A-Za-z0-9_-]{12}:\\$2a\\$05\\$.*");
        assertThat(cost5.passwords().login(Contact.email("erin@example.com"), PASSWORD, CLIENT).sessionOrThrow().user().id()).isEqualTo(user.id());
    }

    @Test
    void storedHash_isBcryptOfThePepperedPasswordNeverThePassword() {
        User user = fx.registerEmail("fay@example.com");
        String hash = passwordHash(user);
        assertThat(hash).matches("@[A-Za-z0-9_-]{12}:\\$2a\\$.*").doesNotContain("correct").doesNotContain("horse");
        assertThat(fx.stores.users().findById(user.id()).orElseThrow().toString()).doesNotContain(hash);
    }

    @Test
    void profileFields_areStoredMergedAndRemovedWithoutSchemaChanges() {
        User user = auth.accounts().register(Registration.newBuilder().email("gus@example.com").password(PASSWORD)
                .profile(Map.of("name", "Gus", "company", "Acme", "city", "Lyon")).build());
        Map<String, String> changes = new HashMap<>();
        changes.put("city", "Paris");
        changes.put("gender", "m");
        changes.put("company", null);
        User updated = auth.accounts().updateProfile(user.id(), changes, user.version());
        assertThat(updated.profile()).containsExactlyInAnyOrderEntriesOf(Map.of("name", "Gus", "city", "Paris", "gender", "m"));
        assertThat(auth.accounts().get(user.id()).profile()).isEqualTo(updated.profile());
        assertThat(updated.version()).isEqualTo(user.version() + 1);
    }

    @Test
    void updateProfile_withStaleVersion_failsWithVersionConflictAndWritesNothing() {
        User user = fx.registerEmail("hal@example.com");
        auth.accounts().updateProfile(user.id(), Map.of("name", "Hal"), user.version());
        assertCode(() -> auth.accounts().updateProfile(user.id(), Map.of("name", "Other"), user.version()), AuthErrorCode.VERSION_CONFLICT);
        assertThat(auth.accounts().get(user.id()).profile()).containsEntry("name", "Hal");
    }

    @Test
    void profileFieldWithBadName_failsValidation() {
        User user = fx.registerEmail("ivy@example.com");
        assertCode(() -> auth.accounts().updateProfile(user.id(), Map.of("Bad Name", "x")), AuthErrorCode.VALIDATION_FAILED);
    }

    @Test
    void roles_defaultToUserAndNewRolesReachNewTokens() {
        User user = fx.registerEmail("jan@example.com");
        assertThat(user.roles()).containsExactly("user");
        auth.accounts().setRoles(user.id(), Set.of("user", "admin"));
        VerifiedAccessToken token = auth.tokens().verify(fx.loginEmail("jan@example.com").accessToken());
        assertThat(token.roles()).containsExactlyInAnyOrder("user", "admin");
        assertThat(token.hasRole("admin")).isTrue();
    }

    @Test
    void disable_revokesSessionsAndEnableRestoresLogin() {
        User user = fx.registerEmail("kim@example.com");
        Session session = fx.loginEmail("kim@example.com");
        assertThat(auth.accounts().setEnabled(user.id(), false).status()).isEqualTo(AccountStatus.DISABLED);
        assertCode(() -> auth.sessions().refresh(session.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.tokens().verifyOnline(session.accessToken()), AuthErrorCode.INVALID_TOKEN);
        auth.accounts().setEnabled(user.id(), true);
        assertThat(fx.loginEmail("kim@example.com").user().status()).isEqualTo(AccountStatus.ACTIVE);
    }

    @Test
    void changePassword_needsTheCurrentOneAndRevokesOtherSessionsOnly() {
        fx.registerEmail("lee@example.com");
        Session mine = fx.loginEmail("lee@example.com");
        Session other = fx.loginEmail("lee@example.com");
        VerifiedAccessToken caller = auth.tokens().verify(mine.accessToken());
        assertCode(() -> auth.passwords().change(caller, "not my password", "a brand new passphrase"), AuthErrorCode.INVALID_CREDENTIALS);
        fx.clock.advance(java.time.Duration.ofSeconds(5));
        auth.passwords().change(caller, PASSWORD, "a brand new passphrase");
        assertCode(() -> auth.sessions().refresh(other.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.tokens().verifyOnline(other.accessToken()), AuthErrorCode.INVALID_TOKEN);
        Session refreshed = auth.sessions().refresh(mine.refreshToken(), CLIENT);
        assertThat(auth.tokens().verifyOnline(refreshed.accessToken()).userId()).isEqualTo(caller.userId());
        assertCode(() -> fx.loginEmail("lee@example.com"), AuthErrorCode.INVALID_CREDENTIALS);
        assertThat(auth.passwords().login(Contact.email("lee@example.com"), "a brand new passphrase", CLIENT).sessionOrThrow()).isNotNull();
    }

    @Test
    void changePassword_toAWeakOne_isRejectedAndTheOldOneStillWorks() {
        fx.registerEmail("max@example.com");
        VerifiedAccessToken caller = auth.tokens().verify(fx.loginEmail("max@example.com").accessToken());
        assertCode(() -> auth.passwords().change(caller, PASSWORD, "short"), AuthErrorCode.WEAK_PASSWORD);
        assertThat(fx.loginEmail("max@example.com")).isNotNull();
    }

    @Test
    void deleteAccount_needsThePasswordAndThenEveryTokenStopsWorking() {
        fx.registerEmail("ned@example.com");
        Session session = fx.loginEmail("ned@example.com");
        VerifiedAccessToken caller = auth.tokens().verify(session.accessToken());
        assertCode(() -> auth.accounts().deleteOwn(caller, "wrong password!"), AuthErrorCode.INVALID_CREDENTIALS);
        auth.accounts().deleteOwn(caller, PASSWORD);
        assertCode(() -> auth.accounts().get(caller.userId()), AuthErrorCode.NOT_FOUND);
        assertCode(() -> auth.sessions().refresh(session.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.tokens().verifyOnline(session.accessToken()), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> fx.loginEmail("ned@example.com"), AuthErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void listUsers_pagesOldestFirst() {
        fx.registerEmail("o1@example.com");
        fx.clock.advance(java.time.Duration.ofSeconds(1));
        fx.registerEmail("o2@example.com");
        assertThat(auth.accounts().list(0, 10)).extracting(u -> u.email().orElseThrow()).containsExactly("o1@example.com", "o2@example.com");
        assertThat(auth.accounts().list(1, 10)).hasSize(1);
        assertCode(() -> auth.accounts().list(0, 0), AuthErrorCode.VALIDATION_FAILED);
    }

    private String passwordHash(User user) {
        return fx.stores.credentials().findByUser(user.id(), "password").get(0).secret();
    }

    private static AuthException catchAuth(ThrowableAssert.ThrowingCallable call) {
        try {
            call.call();
        } catch (AuthException e) {
            return e;
        } catch (Throwable t) {
            throw new AssertionError("expected an AuthException", t);
        }
        throw new AssertionError("expected an AuthException");
    }

    @Test
    void resetWithAPasswordTheAccountsOwnWordsRefuse_leavesTheCodeUsable() {
        fx.auth.accounts().register(dev.latchkey.auth.Registration.newBuilder().email("johnsmith@example.com")
                .phone("+14155550177").password(PASSWORD).build());
        fx.auth.passwords().requestReset(Contact.phone("+14155550177"), CLIENT);
        String code = fx.latestCode("+14155550177");

        assertCode(() -> fx.auth.passwords().reset(Contact.phone("+14155550177"), code, "zz johnsmith zz long enough",
                CLIENT), AuthErrorCode.WEAK_PASSWORD);
        fx.auth.passwords().reset(Contact.phone("+14155550177"), code, "a brand new passphrase", CLIENT);

        assertThat(fx.auth.passwords().login(Contact.phone("+14155550177"), "a brand new passphrase", CLIENT)
                .sessionOrThrow().user().pendingEmail()).contains("johnsmith@example.com"); // never proved
    }
}
