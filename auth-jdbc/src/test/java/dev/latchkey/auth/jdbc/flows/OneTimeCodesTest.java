package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.ClientInfo;
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
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Code flows and the security bar's one-time-code items (8-14) over H2, with the clock moved rather than slept. */
class OneTimeCodesTest {
    private static final String PHONE = "+14155552671";
    private static final String OTHER_PHONE = "+14155552672";
    private final AuthFixture fx = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder().loginCreatesAccounts(true).allowLoginCodesByEmail().build()));
    private final AuthService auth = fx.auth;

    @AfterEach
    void close() {
        fx.close();
    }

    private void sendLogin(String phone) {
        auth.loginCodes().send(Contact.phone(phone), CLIENT);
    }

    private Session loginWith(String phone, String code) {
        return auth.loginCodes().login(Contact.phone(phone), code, CLIENT).sessionOrThrow();
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
        assertThat(auth.tokens().verifyOnline(session.accessToken()).userId()).isEqualTo(session.user().id());
    }

    @Test
    void codeOnlyAccount_deletesItselfWithAFreshLoginCode() {
        sendLogin(PHONE);
        Session session = loginWith(PHONE, fx.latestCode(PHONE));
        VerifiedAccessToken caller = auth.tokens().verify(session.accessToken());
        wait(Duration.ofMinutes(1));
        sendLogin(PHONE);
        String code = fx.latestCode(PHONE);
        assertCode(() -> auth.accounts().deleteOwnWithCode(caller, Contact.phone(OTHER_PHONE), code), AuthErrorCode.INVALID_CODE);
        assertCode(() -> auth.accounts().deleteOwnWithCode(caller, Contact.phone(PHONE), fx.wrongCode(PHONE)), AuthErrorCode.INVALID_CODE);
        auth.accounts().deleteOwnWithCode(caller, Contact.phone(PHONE), code);
        assertCode(() -> auth.accounts().get(caller.userId()), AuthErrorCode.NOT_FOUND);
        assertCode(() -> auth.sessions().refresh(session.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
    }

    @Test
    void loginByCode_withAccountCreationOff_sendsNothingToUnknownDestinationsButAnswersTheSame() {
        try (AuthFixture strict = new AuthFixture(TestDatabase.H2)) {
            strict.auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
            strict.auth.loginCodes().send(Contact.phone(PHONE), CLIENT);
            strict.auth.loginCodes().send(Contact.phone(OTHER_PHONE), CLIENT);
            assertThat(strict.outbox.messages(PHONE)).hasSize(1);
            assertThat(strict.outbox.messages(OTHER_PHONE)).isEmpty();
            assertCode(() -> strict.auth.loginCodes().login(Contact.phone(OTHER_PHONE), "123456", CLIENT).sessionOrThrow(), AuthErrorCode.INVALID_CODE);
        }
    }

    @Test
    void loginCodesByEmail_areRefusedUnlessAllowed() {
        try (AuthFixture strict = new AuthFixture(TestDatabase.H2)) {
            assertCode(() -> strict.auth.loginCodes().send(Contact.email("a@example.com"), CLIENT), AuthErrorCode.VALIDATION_FAILED);
        }
        auth.loginCodes().send(Contact.email("a@example.com"), CLIENT);
        assertThat(fx.outbox.latestCode("a@example.com")).isPresent();
    }

    @Test
    void verifiedRegistration_staysPendingUntilTheCodeIsConfirmed() {
        auth.registrations().start(Registration.newBuilder().email("uma@example.com").password(PASSWORD).build(), CLIENT);
        assertCode(() -> fx.loginEmail("uma@example.com"), AuthErrorCode.VERIFICATION_REQUIRED);
        assertCode(() -> auth.passwords().login(Contact.email("uma@example.com"), "wrong password!!", CLIENT).sessionOrThrow(), AuthErrorCode.INVALID_CREDENTIALS);
        Session session = auth.registrations().complete(Contact.email("uma@example.com"), fx.latestCode("uma@example.com"), CLIENT).sessionOrThrow();
        assertThat(session.user().status()).isEqualTo(AccountStatus.ACTIVE);
        assertThat(session.user().emailVerified()).isTrue();
        assertThat(fx.loginEmail("uma@example.com").user().id()).isEqualTo(session.user().id());
    }

    @Test
    void registeringAPendingEmailAgainWithAnotherPassword_leavesNoPasswordThatEitherRegistrantChose() {
        auth.registrations().start(Registration.newBuilder().email("vic@example.com").password("squatter password 1").build(), CLIENT);
        wait(Duration.ofMinutes(1));
        auth.registrations().start(Registration.newBuilder().email("vic@example.com").password(PASSWORD).build(), CLIENT);
        Session owner = auth.registrations().complete(Contact.email("vic@example.com"), fx.latestCode("vic@example.com"), CLIENT).sessionOrThrow();
        assertThat(owner.user().hasPassword()).isFalse();
        assertCode(() -> auth.passwords().login(Contact.email("vic@example.com"), "squatter password 1", CLIENT).sessionOrThrow(), AuthErrorCode.INVALID_CREDENTIALS);
        assertCode(() -> fx.loginEmail("vic@example.com"), AuthErrorCode.INVALID_CREDENTIALS);
        wait(Duration.ofMinutes(1));
        auth.passwords().requestReset(Contact.email("vic@example.com"), CLIENT);
        auth.passwords().reset(Contact.email("vic@example.com"), fx.latestCode("vic@example.com"), "the owners own passphrase", ClientInfo.unknown());
        assertThat(auth.passwords().login(Contact.email("vic@example.com"), "the owners own passphrase", CLIENT).sessionOrThrow().user().id())
                .isEqualTo(owner.user().id());
    }

    @Test
    void registeringAPendingEmailAgainWithTheSamePassword_keepsIt() {
        auth.registrations().start(Registration.newBuilder().email("val@example.com").password(PASSWORD).build(), CLIENT);
        wait(Duration.ofMinutes(1));
        auth.registrations().start(Registration.newBuilder().email("val@example.com").password(PASSWORD).build(), CLIENT);
        auth.registrations().complete(Contact.email("val@example.com"), fx.latestCode("val@example.com"), CLIENT).sessionOrThrow();
        assertThat(fx.loginEmail("val@example.com")).isNotNull();
    }

    @Test
    void attackerOverwritingAPendingRegistration_getsNoWayInAfterTheOwnerConfirms() {
        auth.registrations().start(Registration.newBuilder().email("vera@example.com").password(PASSWORD).build(), CLIENT);
        wait(Duration.ofMinutes(1));
        auth.registrations().start(Registration.newBuilder().email("vera@example.com").phone(OTHER_PHONE)
                .password("attacker password 9").build(), CLIENT);
        Session owner = auth.registrations().complete(Contact.email("vera@example.com"), fx.latestCode("vera@example.com"), CLIENT).sessionOrThrow();
        assertCode(() -> auth.passwords().login(Contact.email("vera@example.com"), "attacker password 9", CLIENT).sessionOrThrow(), AuthErrorCode.INVALID_CREDENTIALS);
        assertCode(() -> auth.passwords().login(Contact.phone(OTHER_PHONE), "attacker password 9", CLIENT).sessionOrThrow(), AuthErrorCode.INVALID_CREDENTIALS);
        assertThat(auth.accounts().findByContact(Contact.phone(OTHER_PHONE))).as("a phone nobody proved").isEmpty();
        auth.loginCodes().send(Contact.phone(OTHER_PHONE), CLIENT);
        // The phone identifies no account: its code (login codes create accounts here) opens a new one of its own.
        Session byPhone = loginWith(OTHER_PHONE, fx.latestCode(OTHER_PHONE));
        assertThat(byPhone.user().id()).isNotEqualTo(owner.user().id());
        assertThat(auth.accounts().get(owner.user().id()).phone()).isEmpty();
        assertThat(auth.accounts().get(owner.user().id()).phoneVerified()).isFalse();
    }

    @Test
    void squattersPassword_doesNotSurviveTheOwnersCodeLogin() {
        auth.registrations().start(Registration.newBuilder().phone(PHONE).password("squatter password 1")
                .profileField("note", "squatter").build(), CLIENT);
        wait(Duration.ofMinutes(1));
        sendLogin(PHONE);
        Session owner = loginWith(PHONE, fx.latestCode(PHONE));
        assertThat(owner.user().hasPassword()).isFalse();
        assertThat(owner.user().profile()).isEmpty();
        assertCode(() -> auth.passwords().login(Contact.phone(PHONE), "squatter password 1", CLIENT).sessionOrThrow(), AuthErrorCode.INVALID_CREDENTIALS);
    }

    @Test
    void verificationCodeOfAnActiveAccount_isNoLoginCode() {
        User user = fx.registerEmail("vin@example.com");
        auth.contacts().sendVerificationCode(user.id(), Contact.Kind.EMAIL, ClientInfo.unknown());
        assertCode(() -> auth.registrations().complete(Contact.email("vin@example.com"), fx.latestCode("vin@example.com"), CLIENT).sessionOrThrow(),
                AuthErrorCode.INVALID_CODE);
    }

    @Test
    void resetWithAWeakPassword_doesNotRevealTheAccountsOtherContactBeforeTheCodeIsRight() {
        auth.accounts().register(Registration.newBuilder().phone(PHONE).email("johnsmith@example.com").password(PASSWORD).build());
        assertCode(() -> auth.passwords().reset(Contact.phone(PHONE), "000000", "zz johnsmith zz long enough", ClientInfo.unknown()), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void registeringAPendingEmailAgain_dropsTheSquattersPhone() {
        auth.registrations().start(Registration.newBuilder().email("vee@example.com").phone(OTHER_PHONE)
                .password("squatter password 1").build(), CLIENT);
        wait(Duration.ofMinutes(1));
        auth.registrations().start(Registration.newBuilder().email("vee@example.com").password(PASSWORD).build(), CLIENT);
        Session owner = auth.registrations().complete(Contact.email("vee@example.com"), fx.latestCode("vee@example.com"), CLIENT).sessionOrThrow();
        assertThat(owner.user().phone()).isEmpty();
        wait(Duration.ofMinutes(1));
        auth.loginCodes().send(Contact.phone(OTHER_PHONE), CLIENT);
        Session squatter = loginWith(OTHER_PHONE, fx.latestCode(OTHER_PHONE));
        assertThat(squatter.user().id()).isNotEqualTo(owner.user().id());
    }

    @Test
    void codeLoginToAPendingAccount_dropsTheEmailItNeverProved() {
        auth.registrations().start(Registration.newBuilder().email("wren@example.com").phone(OTHER_PHONE)
                .password("squatter password 1").build(), CLIENT);
        auth.loginCodes().send(Contact.phone(OTHER_PHONE), CLIENT);
        User squatter = loginWith(OTHER_PHONE, fx.latestCode(OTHER_PHONE)).user();
        assertThat(squatter.email()).isEmpty();
        assertThat(squatter.phoneVerified()).isTrue();
        wait(Duration.ofMinutes(1));
        auth.registrations().start(Registration.newBuilder().email("wren@example.com").password(PASSWORD).build(), CLIENT);
        Session owner = auth.registrations().complete(Contact.email("wren@example.com"), fx.latestCode("wren@example.com"), CLIENT).sessionOrThrow();
        assertThat(owner.user().id()).isNotEqualTo(squatter.id());
        assertThat(owner.user().phone()).isEmpty();
    }

    @Test
    void passwordReset_dropsAnUnverifiedPhone() {
        fx.registerEmail("yara@example.com");
        VerifiedAccessToken caller = auth.tokens().verify(fx.loginEmail("yara@example.com").accessToken());
        String id = caller.userId();
        fx.stores.users().update(fx.stores.users().findById(id).orElseThrow()
                .withPhone(OTHER_PHONE, false, fx.clock.instant()).withVersion(2));
        auth.passwords().requestReset(Contact.email("yara@example.com"), CLIENT);
        auth.passwords().reset(Contact.email("yara@example.com"), fx.latestCode("yara@example.com"), "the owners passphrase", ClientInfo.unknown());
        assertThat(auth.accounts().get(id).phone()).isEmpty();
        assertThat(auth.accounts().get(id).emailVerified()).isTrue();
    }

    @Test
    void registeringAnActiveEmail_answersTheSameAndSendsANoticeInsteadOfACode() {
        fx.registerEmail("wes@example.com");
        auth.registrations().start(Registration.newBuilder().email("wes@example.com").password("another passphrase").build(), CLIENT);
        assertThat(fx.outbox.messages("wes@example.com")).singleElement().satisfies(m -> {
            assertThat(m.message().purpose()).isEqualTo(OtpPurpose.ACCOUNT_EXISTS_NOTICE);
            assertThat(m.message().code()).isEmpty();
            assertThat(m.message().text()).contains("Acme").contains("already has");
        });
        assertThat(fx.loginEmail("wes@example.com")).isNotNull();
    }

    @Test
    void verifyContact_marksAnExistingAccountsPhoneVerified() {
        User user = auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
        assertThat(user.phoneVerified()).isFalse();
        auth.contacts().sendVerificationCode(user.id(), Contact.Kind.PHONE, ClientInfo.unknown());
        assertThat(auth.contacts().verify(user.id(), Contact.Kind.PHONE, fx.latestCode(PHONE)).phoneVerified()).isTrue();
    }

    @Test
    void passwordReset_setsTheNewPasswordAndRevokesEverySession() {
        fx.registerEmail("xia@example.com");
        Session before = fx.loginEmail("xia@example.com");
        auth.passwords().requestReset(Contact.email("xia@example.com"), CLIENT);
        wait(Duration.ofSeconds(2));
        auth.passwords().reset(Contact.email("xia@example.com"), fx.latestCode("xia@example.com"), "a fresh new passphrase", ClientInfo.unknown());
        assertCode(() -> auth.sessions().refresh(before.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> auth.tokens().verifyOnline(before.accessToken()), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> fx.loginEmail("xia@example.com"), AuthErrorCode.INVALID_CREDENTIALS);
        assertThat(auth.passwords().login(Contact.email("xia@example.com"), "a fresh new passphrase", CLIENT).sessionOrThrow()).isNotNull();
    }

    @Test
    void passwordReset_withAWeakPassword_failsWithoutUsingUpTheCode() {
        fx.registerEmail("yan@example.com");
        auth.passwords().requestReset(Contact.email("yan@example.com"), CLIENT);
        String code = fx.latestCode("yan@example.com");
        assertCode(() -> auth.passwords().reset(Contact.email("yan@example.com"), code, "password", ClientInfo.unknown()), AuthErrorCode.WEAK_PASSWORD);
        auth.passwords().reset(Contact.email("yan@example.com"), code, "a fresh new passphrase", ClientInfo.unknown());
        assertThat(auth.passwords().login(Contact.email("yan@example.com"), "a fresh new passphrase", CLIENT).sessionOrThrow()).isNotNull();
    }

    @Test
    void contactChange_needsTheNewEmailsCodeAndNoticesTheOldOne() {
        fx.registerEmail("zed@example.com");
        VerifiedAccessToken caller = auth.tokens().verify(fx.loginEmail("zed@example.com").accessToken());
        auth.contacts().startChange(caller, Contact.email("zed.new@example.com"), ClientInfo.unknown());
        assertThat(auth.accounts().get(caller.userId()).email()).contains("zed@example.com");
        User changed = auth.contacts().confirmChange(caller, Contact.email("zed.new@example.com"), fx.latestCode("zed.new@example.com"), ClientInfo.unknown());
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
        VerifiedAccessToken caller = auth.tokens().verify(mine.accessToken());
        auth.contacts().startChange(caller, Contact.email("kai.new@example.com"), ClientInfo.unknown());
        auth.contacts().confirmChange(caller, Contact.email("kai.new@example.com"), fx.latestCode("kai.new@example.com"), ClientInfo.unknown());
        assertCode(() -> auth.sessions().refresh(other.refreshToken(), CLIENT), AuthErrorCode.INVALID_TOKEN);
        assertThat(auth.sessions().refresh(mine.refreshToken(), CLIENT).sessionId()).isEqualTo(mine.sessionId());
    }

    @Test
    void contactChangeCode_worksOnlyForTheAccountThatAskedForIt() {
        fx.registerEmail("amy@example.com");
        fx.registerEmail("ben@example.com");
        VerifiedAccessToken amy = auth.tokens().verify(fx.loginEmail("amy@example.com").accessToken());
        VerifiedAccessToken ben = auth.tokens().verify(fx.loginEmail("ben@example.com").accessToken());
        auth.contacts().startChange(amy, Contact.phone(PHONE), ClientInfo.unknown());
        assertCode(() -> auth.contacts().confirmChange(ben, Contact.phone(PHONE), fx.latestCode(PHONE), ClientInfo.unknown()), AuthErrorCode.INVALID_CODE);
    }

    @Test
    void contactChangeToAnEmailTakenMeanwhile_failsWithAccountExists() {
        fx.registerEmail("cat@example.com");
        VerifiedAccessToken cat = auth.tokens().verify(fx.loginEmail("cat@example.com").accessToken());
        auth.contacts().startChange(cat, Contact.email("dog@example.com"), ClientInfo.unknown());
        String code = fx.latestCode("dog@example.com");
        fx.registerEmail("dog@example.com");
        assertCode(() -> auth.contacts().confirmChange(cat, Contact.email("dog@example.com"), code, ClientInfo.unknown()), AuthErrorCode.ACCOUNT_EXISTS);
    }

    // ---- security bar items 8-14 ----------------------------------------------------------------------------------

    @Test
    void codes_areSixDigitsByDefault_andConfigurableUpToTen() {
        sendLogin(PHONE);
        assertThat(fx.latestCode(PHONE)).matches("[0-9]{6}");
        try (AuthFixture ten = new AuthFixture(TestDatabase.H2, b -> b.codes(CodeConfig.newBuilder().length(10).loginCreatesAccounts(true).build()))) {
            ten.auth.loginCodes().send(Contact.phone(PHONE), CLIENT);
            assertThat(ten.latestCode(PHONE)).matches("[0-9]{10}");
        }
    }

    @Test
    void codes_useEveryDigitInEveryPosition() {
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < 60; i++) {
            String phone = "+1415555" + (3000 + i);
            auth.loginCodes().send(Contact.phone(phone), dev.latchkey.auth.ClientInfo.unknown());
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
        assertThatThrownBy(() -> CodeConfig.newBuilder().loginTtl(Duration.ofMinutes(11)).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("loginTtl");
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
        auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
        sendLogin(PHONE);
        String loginCode = fx.latestCode(PHONE);
        assertCode(() -> auth.passwords().reset(Contact.phone(PHONE), loginCode, "a fresh new passphrase", ClientInfo.unknown()), AuthErrorCode.INVALID_CODE);
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
        auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
        for (int i = 0; i < 5; i++) {
            sendLogin(PHONE);
            wait(Duration.ofSeconds(31));
        }
        assertCode(() -> sendLogin(PHONE), AuthErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(fx.outbox.messages(PHONE)).hasSize(5);
        assertThat(auth.passwords().login(Contact.phone(PHONE), PASSWORD, CLIENT).sessionOrThrow()).isNotNull();
        wait(Duration.ofHours(2));
        sendLogin(PHONE);
        assertThat(fx.outbox.messages(PHONE)).hasSize(6);
    }

    @Test
    void deliveryFailure_ofACodeToTheCallersOwnContact_isTypedAndLeavesNoUsableCode() {
        User user = auth.accounts().register(Registration.newBuilder().phone(PHONE).password(PASSWORD).build());
        auth.contacts().sendVerificationCode(user.id(), Contact.Kind.PHONE, CLIENT);
        String earlier = fx.latestCode(PHONE);
        wait(Duration.ofSeconds(31));
        fx.outbox.failNextDeliveries(1);
        assertCode(() -> auth.contacts().sendVerificationCode(user.id(), Contact.Kind.PHONE, CLIENT), AuthErrorCode.DELIVERY_FAILED);
        assertThat(fx.stores.otpCodes().findLatest("VERIFY_PHONE", PHONE)).isEmpty();
        assertCode(() -> auth.contacts().verify(user.id(), Contact.Kind.PHONE, earlier), AuthErrorCode.INVALID_CODE);
        auth.contacts().sendVerificationCode(user.id(), Contact.Kind.PHONE, CLIENT);
        assertThat(auth.contacts().verify(user.id(), Contact.Kind.PHONE, fx.latestCode(PHONE)).phoneVerified()).isTrue();
    }

    @Test
    void sendingACode_answersTheSameForKnownAndUnknownAccounts() {
        fx.registerEmail("known@example.com");
        Throwable known = catchAny(() -> auth.passwords().requestReset(Contact.email("known@example.com"), CLIENT));
        Throwable unknown = catchAny(() -> auth.passwords().requestReset(Contact.email("unknown@example.com"), CLIENT));
        assertThat(known).isNull();
        assertThat(unknown).isNull();
        assertThat(fx.outbox.messages("known@example.com")).hasSize(1);
        assertThat(fx.outbox.messages("unknown@example.com")).isEmpty();
        AuthException knownAgain = (AuthException) catchAny(() -> auth.passwords().requestReset(Contact.email("known@example.com"), CLIENT));
        AuthException unknownAgain = (AuthException) catchAny(() -> auth.passwords().requestReset(Contact.email("unknown@example.com"), CLIENT));
        assertThat(knownAgain.code()).isEqualTo(unknownAgain.code()).isEqualTo(AuthErrorCode.TOO_MANY_ATTEMPTS);
        assertThat(knownAgain.getMessage()).isEqualTo(unknownAgain.getMessage());
    }

    @Test
    void messages_comeFromTemplatesWithAppNameAndLifetime() {
        sendLogin(PHONE);
        auth.loginCodes().send(Contact.email("tpl@example.com"), CLIENT);
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
            ClientInfo client = ClientInfo.of("10.1." + (i / 100) + "." + (i % 100), "bot");
            results.add(pool.submit(() -> {
                gate.await();
                try {
                    instance.loginCodes().login(Contact.phone(PHONE), wrong, client).sessionOrThrow();
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

        // A spent destination budget answers like a wrong code; the store shows how many guesses got past it.
        assertThat(counts).containsOnlyKeys(AuthErrorCode.INVALID_CODE);
        assertThat(fx.stores.rateLimits().counts("otp-fail:" + PHONE, fx.clock.instant().minus(Duration.ofHours(2))).values()
                .stream().mapToInt(Integer::intValue).sum()).as("guesses let past the destination budget").isEqualTo(10);
        assertThat(fx.stores.otpCodes().findLatest("LOGIN", PHONE).orElseThrow().attempts())
                .as("guesses compared against the code").isEqualTo(5);
        assertCode(() -> loginWith(PHONE, fx.latestCode(PHONE)), AuthErrorCode.INVALID_CODE);
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
