package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AccountStatus;
import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.jdbc.TestDatabase;
import dev.latchkey.auth.otp.SentMessage;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static dev.latchkey.auth.jdbc.flows.PasswordAccountsTest.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Code flows and the security bar's one-time-code items (8-14) over H2, with the clock moved rather than slept. */
class OneTimeCodesTest {
    private static final String PHONE = "+14155552671";
    private static final String OTHER_PHONE = "+14155552672";
    private final AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.otpLoginCreatesAccounts(true).allowLoginCodesByEmail());
    private final AuthService auth = fx.auth;

    @AfterEach
    void close() {
        fx.close();
    }

    private void sendLogin(String phone) {
        auth.sendLoginCode(Contact.phone(phone), CLIENT);
    }

    private Session loginWith(String phone, String code) {
        return auth.loginWithCode(Contact.phone(phone), code, CLIENT);
    }

    private void wait(Duration d) {
        fx.clock.advance(d);
    }

    // ---- flows ------------------------------------------------------------------------------------------------

    @Test
    void firstLoginByPhoneCode_createsAPhoneOnlyVerifiedAccount() {
        sendLogin(PHONE);
        Session session = loginWith(PHONE, fx.latestCode(PHONE));
        assertThat(session.user().phone()).contains(PHONE);
        assertThat(session.user().phoneVerified()).isTrue();
        assertThat(session.user().email()).isEmpty();
        assertThat(session.user().hasPassword()).isFalse();
        assertThat(auth.verifyAccessTokenOnline(session.accessToken()).userId()).isEqualTo(session.user().id());
    }

    @Test
    void codeOnlyAccount_deletesItselfWithAFreshLoginCode() {
        sendLogin(PHONE);
        Session session = loginWith(PHONE, fx.latestCode(PHONE));
        VerifiedAccessToken caller = auth.verifyAccessToken(session.accessToken());
        wait(Duration.ofMinutes(1));
        sendLogin(PHONE);
        String code = fx.latestCode(PHONE);
        assertCode(() -> auth.deleteAccountWithCode(caller, Contact.phone(OTHER_PHONE), code), AuthErrorCode.INVALID_CODE);
        assertCode(() -> auth.deleteAccountWithCode(caller, Contact.phone(PHONE), fx.wrongCode(PHONE)), AuthErrorCode.INVALID_CODE);
        auth.deleteAccountWithCode(caller, Contact.phone(PHONE), code);
        assertCode(() -> auth.getUser(caller.userId()), AuthErrorCode.NOT_FOUND);
        assertCode(() -> auth.refresh(session.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
    }

    @Test
    void loginByCode_withAccountCreationOff_sendsNothingToUnknownDestinationsButAnswersTheSame() {
        try (AuthFixture strict = new AuthFixture(TestDatabase.H2)) {
            strict.auth.register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
            strict.auth.sendLoginCode(Contact.phone(PHONE), CLIENT);
            strict.auth.sendLoginCode(Contact.phone(OTHER_PHONE), CLIENT);
            assertThat(strict.outbox.messages(PHONE)).hasSize(1);
            assertThat(strict.outbox.messages(OTHER_PHONE)).isEmpty();
            assertCode(() -> strict.auth.loginWithCode(Contact.phone(OTHER_PHONE), "123456", CLIENT), AuthErrorCode.INVALID_CODE);
        }
    }

    @Test
    void loginCodesByEmail_areRefusedUnlessAllowed() {
        try (AuthFixture strict = new AuthFixture(TestDatabase.H2)) {
            assertCode(() -> strict.auth.sendLoginCode(Contact.email("a@example.com"), CLIENT), AuthErrorCode.VALIDATION_FAILED);
        }
        auth.sendLoginCode(Contact.email("a@example.com"), CLIENT);
        assertThat(fx.outbox.latestCode("a@example.com")).isPresent();
    }

    @Test
    void verifiedRegistration_staysPendingUntilTheCodeIsConfirmed() {
        auth.startRegistration(Registration.newBuilder().email("uma@example.com").password(PASSWORD).build(), CLIENT);
        assertCode(() -> fx.loginEmail("uma@example.com"), AuthErrorCode.VERIFICATION_REQUIRED);
        assertCode(() -> auth.login(Contact.email("uma@example.com"), "wrong password!!", CLIENT), AuthErrorCode.INVALID_CREDENTIALS);
        Session session = auth.completeRegistration(Contact.email("uma@example.com"), fx.latestCode("uma@example.com"), CLIENT);
        assertThat(session.user().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(session.user().emailVerified()).isTrue();
        assertThat(fx.loginEmail("uma@example.com").user().id()).isEqualTo(session.user().id());
    }

    @Test
    void registeringAPendingEmailAgainWithAnotherPassword_leavesNoPasswordThatEitherRegistrantChose() {
        auth.startRegistration(Registration.newBuilder().email("vic@example.com").password("squatter password 1").build(), CLIENT);
        wait(Duration.ofMinutes(1));
        auth.startRegistration(Registration.newBuilder().email("vic@example.com").password(PASSWORD).build(), CLIENT);
        Session owner = auth.completeRegistration(Contact.email("vic@example.com"), fx.latestCode("vic@example.com"), CLIENT);
        assertThat(owner.user().hasPassword()).isFalse();
        assertCode(() -> auth.login(Contact.email("vic@example.com"), "squatter password 1", CLIENT), AuthErrorCode.INVALID_CREDENTIALS);
        assertCode(() -> fx.loginEmail("vic@example.com"), AuthErrorCode.INVALID_CREDENTIALS);
        wait(Duration.ofMinutes(1));
        auth.requestPasswordReset(Contact.email("vic@example.com"), CLIENT);
        auth.resetPassword(Contact.email("vic@example.com"), fx.latestCode("vic@example.com"), "the owners own passphrase");
        assertThat(auth.login(Contact.email("vic@example.com"), "the owners own passphrase", CLIENT).user().id())
                .isEqualTo(owner.user().id());
    }

    @Test
    void registeringAPendingEmailAgainWithTheSamePassword_keepsIt() {
        auth.startRegistration(Registration.newBuilder().email("val@example.com").password(PASSWORD).build(), CLIENT);
        wait(Duration.ofMinutes(1));
        auth.startRegistration(Registration.newBuilder().email("val@example.com").password(PASSWORD).build(), CLIENT);
        auth.completeRegistration(Contact.email("val@example.com"), fx.latestCode("val@example.com"), CLIENT);
        assertThat(fx.loginEmail("val@example.com")).isNotNull();
    }

    @Test
    void attackerOverwritingAPendingRegistration_getsNoWayInAfterTheOwnerConfirms() {
        auth.startRegistration(Registration.newBuilder().email("vera@example.com").password(PASSWORD).build(), CLIENT);
        wait(Duration.ofMinutes(1));
        auth.startRegistration(Registration.newBuilder().email("vera@example.com").phone(OTHER_PHONE)
                .password("attacker password 9").build(), CLIENT);
        Session owner = auth.completeRegistration(Contact.email("vera@example.com"), fx.latestCode("vera@example.com"), CLIENT);
        assertCode(() -> auth.login(Contact.email("vera@example.com"), "attacker password 9", CLIENT), AuthErrorCode.INVALID_CREDENTIALS);
        assertCode(() -> auth.login(Contact.phone(OTHER_PHONE), "attacker password 9", CLIENT), AuthErrorCode.INVALID_CREDENTIALS);
        auth.sendLoginCode(Contact.phone(OTHER_PHONE), CLIENT);
        assertThat(fx.outbox.messages(OTHER_PHONE)).as("no code to a phone nobody proved").isEmpty();
        assertCode(() -> loginWith(OTHER_PHONE, "123456"), AuthErrorCode.INVALID_CODE);
        assertThat(auth.getUser(owner.user().id()).phoneVerified()).isFalse();
    }

    @Test
    void squattersPassword_doesNotSurviveTheOwnersCodeLogin() {
        auth.startRegistration(Registration.newBuilder().phone(PHONE).password("squatter password 1")
                .profileField("note", "squatter").build(), CLIENT);
        wait(Duration.ofMinutes(1));
        sendLogin(PHONE);
        Session owner = loginWith(PHONE, fx.latestCode(PHONE));
        assertThat(owner.user().hasPassword()).isFalse();
        assertThat(owner.user().profile()).isEmpty();
        assertCode(() -> auth.login(Contact.phone(PHONE), "squatter password 1", CLIENT), AuthErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void verificationCodeOfAnActiveAccount_isNoLoginCode() {
        User user = fx.registerEmail("vin@example.com");
        auth.sendVerificationCode(user.id(), Contact.Kind.EMAIL);
        assertCode(() -> auth.completeRegistration(Contact.email("vin@example.com"), fx.latestCode("vin@example.com"), CLIENT),
                AuthErrorCode.INVALID_CODE);
    }

    @Test
    void resetWithAWeakPassword_doesNotRevealTheAccountsOtherContactBeforeTheCodeIsRight() {
        auth.register(Registration.newBuilder().phone(PHONE).email("johnsmith@example.com").password(PASSWORD).build());
        assertCode(() -> auth.resetPassword(Contact.phone(PHONE), "000000", "zz johnsmith zz long enough"), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void registeringAPendingEmailAgain_dropsTheSquattersPhone() {
        auth.startRegistration(Registration.newBuilder().email("vee@example.com").phone(OTHER_PHONE)
                .password("squatter password 1").build(), CLIENT);
        wait(Duration.ofMinutes(1));
        auth.startRegistration(Registration.newBuilder().email("vee@example.com").password(PASSWORD).build(), CLIENT);
        Session owner = auth.completeRegistration(Contact.email("vee@example.com"), fx.latestCode("vee@example.com"), CLIENT);
        assertThat(owner.user().phone()).isEmpty();
        wait(Duration.ofMinutes(1));
        auth.sendLoginCode(Contact.phone(OTHER_PHONE), CLIENT);
        Session squatter = loginWith(OTHER_PHONE, fx.latestCode(OTHER_PHONE));
        assertThat(squatter.user().id()).isNotEqualTo(owner.user().id());
    }

    @Test
    void codeLoginToAPendingAccount_dropsTheEmailItNeverProved() {
        auth.startRegistration(Registration.newBuilder().email("wren@example.com").phone(OTHER_PHONE)
                .password("squatter password 1").build(), CLIENT);
        auth.sendLoginCode(Contact.phone(OTHER_PHONE), CLIENT);
        User squatter = loginWith(OTHER_PHONE, fx.latestCode(OTHER_PHONE)).user();
        assertThat(squatter.email()).isEmpty();
        assertThat(squatter.phoneVerified()).isTrue();
        wait(Duration.ofMinutes(1));
        auth.startRegistration(Registration.newBuilder().email("wren@example.com").password(PASSWORD).build(), CLIENT);
        Session owner = auth.completeRegistration(Contact.email("wren@example.com"), fx.latestCode("wren@example.com"), CLIENT);
        assertThat(owner.user().id()).isNotEqualTo(squatter.id());
        assertThat(owner.user().phone()).isEmpty();
    }

    @Test
    void passwordReset_dropsAnUnverifiedPhone() {
        fx.registerEmail("yara@example.com");
        VerifiedAccessToken caller = auth.verifyAccessToken(fx.loginEmail("yara@example.com").accessToken());
        String id = caller.userId();
        fx.stores.users().update(fx.stores.users().findById(id).orElseThrow()
                .withPhone(OTHER_PHONE, false, fx.clock.instant()).withVersion(2));
        auth.requestPasswordReset(Contact.email("yara@example.com"), CLIENT);
        auth.resetPassword(Contact.email("yara@example.com"), fx.latestCode("yara@example.com"), "the owners passphrase");
        assertThat(auth.getUser(id).phone()).isEmpty();
        assertThat(auth.getUser(id).emailVerified()).isTrue();
    }

    @Test
    void registeringAnActiveEmail_answersTheSameAndSendsANoticeInsteadOfACode() {
        fx.registerEmail("wes@example.com");
        auth.startRegistration(Registration.newBuilder().email("wes@example.com").password("another passphrase").build(), CLIENT);
        assertThat(fx.outbox.messages("wes@example.com")).singleElement().satisfies(m -> {
            assertThat(m.message().purpose()).isEqualTo(OtpPurpose.ACCOUNT_EXISTS_NOTICE);
            assertThat(m.message().code()).isEmpty();
            assertThat(m.message().text()).contains("Acme").contains("already has");
        });
        assertThat(fx.loginEmail("wes@example.com")).isNotNull();
    }

    @Test
    void verifyContact_marksAnExistingAccountsPhoneVerified() {
        User user = auth.register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
        assertThat(user.phoneVerified()).isFalse();
        auth.sendVerificationCode(user.id(), Contact.Kind.PHONE);
        assertThat(auth.verifyContact(user.id(), Contact.Kind.PHONE, fx.latestCode(PHONE)).phoneVerified()).isTrue();
    }

    @Test
    void passwordReset_setsTheNewPasswordAndRevokesEverySession() {
        fx.registerEmail("xia@example.com");
        Session before = fx.loginEmail("xia@example.com");
        auth.requestPasswordReset(Contact.email("xia@example.com"), CLIENT);
        wait(Duration.ofSeconds(2));
        auth.resetPassword(Contact.email("xia@example.com"), fx.latestCode("xia@example.com"), "a fresh new passphrase");
        assertCode(() -> auth.refresh(before.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.verifyAccessTokenOnline(before.accessToken()), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> fx.loginEmail("xia@example.com"), AuthErrorCode.INVALID_CREDENTIALS);
        assertThat(auth.login(Contact.email("xia@example.com"), "a fresh new passphrase", CLIENT)).isNotNull();
    }

    @Test
    void passwordReset_withAWeakPassword_failsWithoutUsingUpTheCode() {
        fx.registerEmail("yan@example.com");
        auth.requestPasswordReset(Contact.email("yan@example.com"), CLIENT);
        String code = fx.latestCode("yan@example.com");
        assertCode(() -> auth.resetPassword(Contact.email("yan@example.com"), code, "password"), AuthErrorCode.WEAK_PASSWORD);
        auth.resetPassword(Contact.email("yan@example.com"), code, "a fresh new passphrase");
        assertThat(auth.login(Contact.email("yan@example.com"), "a fresh new passphrase", CLIENT)).isNotNull();
    }

    @Test
    void contactChange_needsTheNewEmailsCodeAndNoticesTheOldOne() {
        fx.registerEmail("zed@example.com");
        VerifiedAccessToken caller = auth.verifyAccessToken(fx.loginEmail("zed@example.com").accessToken());
        auth.startContactChange(caller, Contact.email("zed.new@example.com"));
        assertThat(auth.getUser(caller.userId()).email()).contains("zed@example.com");
        User changed = auth.confirmContactChange(caller, Contact.email("zed.new@example.com"), fx.latestCode("zed.new@example.com"));
        assertThat(changed.email()).contains("zed.new@example.com");
        assertThat(changed.emailVerified()).isTrue();
        assertThat(fx.outbox.latest("zed@example.com")).hasValueSatisfying(m ->
                assertThat(m.message().purpose()).isEqualTo(OtpPurpose.CONTACT_CHANGED_NOTICE));
        assertThat(fx.loginEmail("zed.new@example.com").user().id()).isEqualTo(caller.userId());
    }

    @Test
    void confirmingAContactChange_revokesTheCallersOtherSessions() {
        fx.registerEmail("kai@example.com");
        Session mine = fx.loginEmail("kai@example.com");
        Session other = fx.loginEmail("kai@example.com");
        VerifiedAccessToken caller = auth.verifyAccessToken(mine.accessToken());
        auth.startContactChange(caller, Contact.email("kai.new@example.com"));
        auth.confirmContactChange(caller, Contact.email("kai.new@example.com"), fx.latestCode("kai.new@example.com"));
        assertCode(() -> auth.refresh(other.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertThat(auth.refresh(mine.refreshToken(), CLIENT).sessionId()).isEqualTo(mine.sessionId());
    }

    @Test
    void contactChangeCode_worksOnlyForTheAccountThatAskedForIt() {
        fx.registerEmail("amy@example.com");
        fx.registerEmail("ben@example.com");
        VerifiedAccessToken amy = auth.verifyAccessToken(fx.loginEmail("amy@example.com").accessToken());
        VerifiedAccessToken ben = auth.verifyAccessToken(fx.loginEmail("ben@example.com").accessToken());
        auth.startContactChange(amy, Contact.phone(PHONE));
        assertCode(() -> auth.confirmContactChange(ben, Contact.phone(PHONE), fx.latestCode(PHONE)), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void contactChangeToAnEmailTakenMeanwhile_failsWithAccountExists() {
        fx.registerEmail("cat@example.com");
        VerifiedAccessToken cat = auth.verifyAccessToken(fx.loginEmail("cat@example.com").accessToken());
        auth.startContactChange(cat, Contact.email("dog@example.com"));
        String code = fx.latestCode("dog@example.com");
        fx.registerEmail("dog@example.com");
        assertCode(() -> auth.confirmContactChange(cat, Contact.email("dog@example.com"), code), AuthErrorCode.ACCOUNT_EXISTS);
    }

    // ---- security bar items 8-14 ----------------------------------------------------------------------------------

    @Test
    void codes_areSixDigitsByDefault_andConfigurableUpToTen() {
        sendLogin(PHONE);
        assertThat(fx.latestCode(PHONE)).matches("[0-9]{6}");
        try (AuthFixture ten = new AuthFixture(TestDatabase.H2, b -> b.otpCodeLength(10).otpLoginCreatesAccounts(true))) {
            ten.auth.sendLoginCode(Contact.phone(PHONE), CLIENT);
            assertThat(ten.latestCode(PHONE)).matches("[0-9]{10}");
        }
    }

    @Test
    void codes_useEveryDigitInEveryPosition() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            String phone = "+1415555" + (3000 + i);
            auth.sendLoginCode(Contact.phone(phone), dev.latchkey.auth.ClientInfo.unknown());
            String code = fx.latestCode(phone);
            for (int p = 0; p < code.length(); p++) {
                seen.add(p + ":" + code.charAt(p));
            }
        }
        assertThat(seen.size()).as("position:digit pairs seen in 60 codes").isGreaterThanOrEqualTo(50);
    }

    @Test
    void codes_areStoredOnlyAsKeyedHashes() {
        sendLogin(PHONE);
        String code = fx.latestCode(PHONE);
        String stored = fx.stores.otpCodes().findLatest("LOGIN", PHONE).orElseThrow().codeHash();
        assertThat(stored).doesNotContain(code).hasSizeGreaterThanOrEqualTo(43);
        assertThat(fx.stores.otpCodes().findLatest("LOGIN", PHONE).orElseThrow().toString()).doesNotContain(stored);
    }

    @Test
    void code_worksUntilFiveMinutesAndNotAfter() {
        sendLogin(PHONE);
        wait(Duration.ofMinutes(5).minusSeconds(1));
        assertThat(loginWith(PHONE, fx.latestCode(PHONE))).isNotNull();
        wait(Duration.ofMinutes(1));
        sendLogin(PHONE);
        wait(Duration.ofMinutes(5));
        assertCode(() -> loginWith(PHONE, fx.latestCode(PHONE)), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void loginCodeLifetime_overTenMinutes_isRefusedByTheConfig() {
        assertThatThrownBy(() -> fx.configBuilder().otpLoginCodeTtl(Duration.ofMinutes(11)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("otpLoginCodeTtl");
    }

    @Test
    void code_worksOnlyOnce() {
        sendLogin(PHONE);
        String code = fx.latestCode(PHONE);
        loginWith(PHONE, code);
        assertCode(() -> loginWith(PHONE, code), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void codeForOnePurpose_neverWorksForAnother() {
        auth.register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
        sendLogin(PHONE);
        String loginCode = fx.latestCode(PHONE);
        assertCode(() -> auth.resetPassword(Contact.phone(PHONE), loginCode, "a fresh new passphrase"), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void codeForOneDestination_neverWorksForAnother() {
        sendLogin(PHONE);
        wait(Duration.ofSeconds(1));
        sendLogin(OTHER_PHONE);
        assertCode(() -> loginWith(OTHER_PHONE, fx.latestCode(PHONE)), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void newerCode_voidsTheOlderOne() {
        sendLogin(PHONE);
        String first = fx.latestCode(PHONE);
        wait(Duration.ofSeconds(31));
        sendLogin(PHONE);
        String second = fx.latestCode(PHONE);
        if (!first.equals(second)) {
            assertCode(() -> loginWith(PHONE, first), AuthErrorCode.INVALID_CODE);
        }
        assertThat(loginWith(PHONE, second)).isNotNull();
    }

    @Test
    void fiveWrongTries_killTheCodeEvenForTheRightValue() {
        sendLogin(PHONE);
        String wrong = fx.wrongCode(PHONE);
        for (int i = 0; i < 5; i++) {
            assertCode(() -> loginWith(PHONE, wrong), AuthErrorCode.INVALID_CODE);
        }
        assertCode(() -> loginWith(PHONE, fx.latestCode(PHONE)), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void failureBudget_survivesResends_fiveWrongResendSixMoreWrongLocksUntilTheWindowPasses() {
        sendLogin(PHONE);
        for (int i = 0; i < 5; i++) {
            assertCode(() -> loginWith(PHONE, fx.wrongCode(PHONE)), AuthErrorCode.INVALID_CODE);
        }
        wait(Duration.ofSeconds(31));
        sendLogin(PHONE);
        for (int i = 0; i < 5; i++) {
            assertCode(() -> loginWith(PHONE, fx.wrongCode(PHONE)), AuthErrorCode.INVALID_CODE);
        }
        assertThatThrownBy(() -> loginWith(PHONE, fx.wrongCode(PHONE)))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
                    assertThat(e.retryAfter()).hasValueSatisfying(t -> assertThat(t).isAfter(fx.clock.instant()));
                });
        String right = fx.latestCode(PHONE);
        assertCode(() -> loginWith(PHONE, right), AuthErrorCode.TOO_MANY_ATTEMPTS);
        wait(Duration.ofMinutes(30));
        assertCode(() -> loginWith(PHONE, right), AuthErrorCode.TOO_MANY_ATTEMPTS);
        wait(Duration.ofHours(2));
        sendLogin(PHONE);
        assertThat(loginWith(PHONE, fx.latestCode(PHONE))).isNotNull();
    }

    @Test
    void sendCooldown_refusesASecondCodeWithinThirtySeconds() {
        sendLogin(PHONE);
        wait(Duration.ofSeconds(29));
        assertThatThrownBy(() -> sendLogin(PHONE)).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
            assertThat(e.retryAfter()).isPresent();
        });
        wait(Duration.ofSeconds(1));
        sendLogin(PHONE);
        assertThat(fx.outbox.messages(PHONE)).hasSize(2);
    }

    @Test
    void hourlySendCap_refusesTheSixthCodeButDoesNotLockPasswordLogin() {
        auth.register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
        for (int i = 0; i < 5; i++) {
            sendLogin(PHONE);
            wait(Duration.ofSeconds(31));
        }
        assertCode(() -> sendLogin(PHONE), AuthErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(fx.outbox.messages(PHONE)).hasSize(5);
        assertThat(auth.login(Contact.phone(PHONE), PASSWORD, CLIENT)).isNotNull();
        wait(Duration.ofHours(2));
        sendLogin(PHONE);
        assertThat(fx.outbox.messages(PHONE)).hasSize(6);
    }

    @Test
    void deliveryFailure_isTypedAndLeavesNoUsableCode() {
        sendLogin(PHONE);
        String earlier = fx.latestCode(PHONE);
        wait(Duration.ofSeconds(31));
        fx.outbox.failNextDeliveries(1);
        assertCode(() -> sendLogin(PHONE), AuthErrorCode.DELIVERY_FAILED);
        assertThat(fx.stores.otpCodes().findLatest("LOGIN", PHONE)).isEmpty();
        assertCode(() -> loginWith(PHONE, earlier), AuthErrorCode.INVALID_CODE);
        sendLogin(PHONE);
        assertThat(loginWith(PHONE, fx.latestCode(PHONE))).isNotNull();
    }

    @Test
    void sendingACode_answersTheSameForKnownAndUnknownAccounts() {
        fx.registerEmail("known@example.com");
        Throwable known = catchAny(() -> auth.requestPasswordReset(Contact.email("known@example.com"), CLIENT));
        Throwable unknown = catchAny(() -> auth.requestPasswordReset(Contact.email("unknown@example.com"), CLIENT));
        assertThat(known).isNull();
        assertThat(unknown).isNull();
        assertThat(fx.outbox.messages("known@example.com")).hasSize(1);
        assertThat(fx.outbox.messages("unknown@example.com")).isEmpty();
        AuthException knownAgain = (AuthException) catchAny(() -> auth.requestPasswordReset(Contact.email("known@example.com"), CLIENT));
        AuthException unknownAgain = (AuthException) catchAny(() -> auth.requestPasswordReset(Contact.email("unknown@example.com"), CLIENT));
        assertThat(knownAgain.code()).isEqualTo(unknownAgain.code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(knownAgain.getMessage()).isEqualTo(unknownAgain.getMessage());
    }

    @Test
    void messages_comeFromTemplatesWithAppNameAndLifetime() {
        sendLogin(PHONE);
        auth.sendLoginCode(Contact.email("tpl@example.com"), CLIENT);
        SentMessage sms = fx.outbox.latest(PHONE).orElseThrow();
        SentMessage mail = fx.outbox.latest("tpl@example.com").orElseThrow();
        assertThat(sms.message().text()).contains("Acme").contains("5 min").doesNotContain("\n");
        assertThat(sms.message().subject()).isEmpty();
        assertThat(mail.message().subject()).hasValueSatisfying(s -> assertThat(s).contains("Acme"));
        assertThat(mail.message().html()).hasValueSatisfying(h -> assertThat(h).contains(fx.latestCode("tpl@example.com")));
        assertThat(mail.message().toString()).doesNotContain(fx.latestCode("tpl@example.com"));
    }

    @Test
    void twoHundredConcurrentWrongGuesses_acrossTwoInstances_neverEvaluateMoreThanTheBudgetAllows() throws Exception {
        sendLogin(PHONE);
        String wrong = fx.wrongCode(PHONE);
        AuthService second = fx.secondInstance();
        java.util.concurrent.ExecutorService pool = java.util.concurrent.Executors.newFixedThreadPool(40);
        java.util.concurrent.CountDownLatch gate = new java.util.concurrent.CountDownLatch(1);
        List<java.util.concurrent.Future<AuthErrorCode>> results = new java.util.ArrayList<>();
        for (int i = 0; i < 200; i++) {
            AuthService instance = i % 2 == 0 ? auth : second;
            results.add(pool.submit(() -> {
                gate.await();
                try {
                    instance.loginWithCode(Contact.phone(PHONE), wrong, CLIENT);
                    return null;
                } catch (AuthException e) {
                    return e.code();
                }
            }));
        }
        gate.countDown();
        java.util.Map<AuthErrorCode, Integer> counts = new java.util.EnumMap<>(AuthErrorCode.class);
        for (java.util.concurrent.Future<AuthErrorCode> f : results) {
            counts.merge(f.get(60, java.util.concurrent.TimeUnit.SECONDS), 1, Integer::sum);
        }
        pool.shutdownNow();

        assertThat(counts).containsOnlyKeys(AuthErrorCode.INVALID_CODE, AuthErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(counts.get(AuthErrorCode.INVALID_CODE)).as("guesses let past the destination budget").isEqualTo(10);
        assertThat(fx.stores.otpCodes().findLatest("LOGIN", PHONE).orElseThrow().attempts())
                .as("guesses compared against the code").isEqualTo(5);
        assertThat(fx.stores.rateLimits().count("otp-fail:" + PHONE, fx.clock.instant())).isEqualTo(10);
        assertCode(() -> loginWith(PHONE, fx.latestCode(PHONE)), AuthErrorCode.TOO_MANY_ATTEMPTS);
    }

    private static Throwable catchAny(Runnable r) {
        try {
            r.run();
            return null;
        } catch (RuntimeException e) {
            return e;
        }
    }
}
