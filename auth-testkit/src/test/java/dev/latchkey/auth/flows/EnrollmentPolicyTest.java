package dev.latchkey.auth.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.code.CodeConfig;
import dev.latchkey.auth.factor.SecondFactorConfig;
import dev.latchkey.auth.factor.SecondFactorPolicy;
import dev.latchkey.auth.testkit.memory.InMemoryAuthStores;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;

import static dev.latchkey.auth.flows.MemoryFixture.CLIENT;
import static dev.latchkey.auth.flows.MemoryFixture.PASSWORD;
import static dev.latchkey.auth.flows.MemoryFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * The second-factor policy's three modes, the enrolment challenge a required policy answers with, the last factor that
 * cannot be removed, and an administrator's reset.
 */
class EnrollmentPolicyTest {
    private final PinFactor pin = new PinFactor();
    private final List<AuthEvent> events = new ArrayList<>();

    private MemoryFixture fixture(SecondFactorPolicy policy) {
        return new MemoryFixture(b -> b.secondFactors(SecondFactorConfig.newBuilder().policy(policy).build())
                .codes(CodeConfig.newBuilder().allowLoginCodesByEmail().build()),
                b -> b.factor(pin).eventListener(events::add));
    }

    @Test
    void optional_logsInWithoutASecondFactor() {
        MemoryFixture fx = fixture(SecondFactorPolicy.optional());
        User ann = fx.registerEmail("ann@example.com");
        assertThat(fx.auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT))
                .isInstanceOf(LoginResult.Authenticated.class);
        assertThat(fx.auth.secondSteps().required(ann.id())).isFalse();
    }

    @Test
    void required_answersWithAnEnrolmentChallenge_thatEndsTheLoginOnceAFactorIsConfirmed() {
        MemoryFixture fx = fixture(SecondFactorPolicy.required());
        User ann = fx.registerEmail("ann@example.com");
        LoginResult result = fx.auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT);

        LoginResult.EnrollmentRequired enrol = (LoginResult.EnrollmentRequired) result;
        assertThat(enrol.factors()).containsExactly("pin");
        assertThat(enrol.toString()).doesNotContain(enrol.challenge());
        assertThat(fx.auth.secondSteps().enrollingUser(enrol.challenge())).isEqualTo(ann.id());
        assertThatThrownBy(() -> fx.auth.secondSteps().completeEnrollment(enrol.challenge(), CLIENT))
                .isInstanceOfSatisfying(AuthException.class, e -> {
                    assertThat(e.code()).isEqualTo(AuthErrorCode.FORBIDDEN);
                    assertThat(e.reason()).hasValue("nothing_enrolled");
                });

        assertThat(pin.enrolUnder(enrol.challenge(), "4242")).isEqualTo(ann.id());
        assertCode(() -> fx.auth.secondSteps().enrollingUser(enrol.challenge()), AuthErrorCode.INVALID_TOKEN);
        VerifiedAccessToken token = fx.auth.tokens().verify(fx.auth.secondSteps()
                .completeEnrollment(enrol.challenge(), CLIENT).sessionOrThrow().accessToken());

        assertThat(token.amr()).containsExactly("pwd", "pin", "mfa");
        assertThat(fx.auth.secondSteps().required(ann.id())).isTrue();
        assertCode(() -> fx.auth.secondSteps().completeEnrollment(enrol.challenge(), CLIENT),
                AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> fx.auth.secondSteps().enrollingUser(enrol.challenge()), AuthErrorCode.INVALID_TOKEN);
        assertThat(fx.auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT))
                .isInstanceOf(LoginResult.SecondFactorRequired.class);
        assertThat(events).extracting(e -> e.type().name()).contains("SECOND_FACTOR_ENROLLMENT_REQUIRED");
    }

    @Test
    void aChallengeHeldBySomeoneElse_isNotCompletedByTheOwnersEnrolmentThroughAnotherLogin() {
        MemoryFixture fx = fixture(SecondFactorPolicy.required());
        fx.registerEmail("ann@example.com");
        String held = ((LoginResult.EnrollmentRequired) fx.auth.passwords()
                .login(Contact.email("ann@example.com"), PASSWORD, CLIENT)).challenge();
        String owners = ((LoginResult.EnrollmentRequired) fx.auth.passwords()
                .login(Contact.email("ann@example.com"), PASSWORD, CLIENT)).challenge();

        pin.enrolUnder(owners, "4242");

        assertThatThrownBy(() -> fx.auth.secondSteps().completeEnrollment(held, CLIENT))
                .isInstanceOfSatisfying(AuthException.class, e -> assertThat(e.reason()).hasValue("nothing_enrolled"));
        fx.auth.secondSteps().completeEnrollment(owners, CLIENT).sessionOrThrow();
    }

    @Test
    void required_appliesToLoginByCodeAndRegistrationCompletionToo() {
        MemoryFixture fx = fixture(SecondFactorPolicy.required());
        fx.auth.registrations().start(Registration.newBuilder().email("bob@example.com").password(PASSWORD).build(),
                CLIENT);
        assertThat(fx.auth.registrations().complete(Contact.email("bob@example.com"),
                fx.latestCode("bob@example.com"), CLIENT)).isInstanceOf(LoginResult.EnrollmentRequired.class);

        fx.clock.advance(java.time.Duration.ofMinutes(1));
        fx.auth.loginCodes().send(Contact.email("bob@example.com"), CLIENT);
        assertThat(fx.auth.loginCodes().login(Contact.email("bob@example.com"),
                fx.outbox.lastCode("bob@example.com", OtpPurpose.LOGIN), CLIENT))
                .isInstanceOf(LoginResult.EnrollmentRequired.class);
    }

    @Test
    void challengesOfOnePurpose_doNotServeTheOther() {
        MemoryFixture fx = fixture(SecondFactorPolicy.required());
        User ann = fx.registerEmail("ann@example.com");
        String enrolment = ((LoginResult.EnrollmentRequired) fx.auth.passwords()
                .login(Contact.email("ann@example.com"), PASSWORD, CLIENT)).challenge();
        assertCode(() -> fx.auth.secondSteps().complete(enrolment, "pin", "4242", CLIENT),
                AuthErrorCode.INVALID_TOKEN);

        pin.enrol(ann.id(), "4242");
        String step = ((LoginResult.SecondFactorRequired) fx.auth.passwords()
                .login(Contact.email("ann@example.com"), PASSWORD, CLIENT)).challenge();
        assertCode(() -> fx.auth.secondSteps().enrollingUser(step), AuthErrorCode.INVALID_TOKEN);
        assertCode(() -> fx.auth.secondSteps().completeEnrollment(step, CLIENT), AuthErrorCode.INVALID_TOKEN);
    }

    @Test
    void roles_requireASecondFactorOnlyOfAccountsWithThem() {
        MemoryFixture fx = fixture(SecondFactorPolicy.parse("roles:admin,ops"));
        fx.registerEmail("user@example.com");
        fx.auth.accounts().register(Registration.newBuilder().email("root@example.com").password(PASSWORD)
                .roles(Set.of("user", "ops")).build());

        assertThat(fx.auth.passwords().login(Contact.email("user@example.com"), PASSWORD, CLIENT))
                .isInstanceOf(LoginResult.Authenticated.class);
        assertThat(fx.auth.passwords().login(Contact.email("root@example.com"), PASSWORD, CLIENT))
                .isInstanceOf(LoginResult.EnrollmentRequired.class);
    }

    @Test
    void underARequiredPolicy_theLastFactorCannotBeRemoved() {
        MemoryFixture fx = fixture(SecondFactorPolicy.required());
        User ann = fx.registerEmail("ann@example.com");
        pin.enrol(ann.id(), "4242");
        assertThatThrownBy(() -> pin.remove(ann.id())).isInstanceOfSatisfying(AuthException.class, e -> {
            assertThat(e.code()).isEqualTo(AuthErrorCode.FORBIDDEN);
            assertThat(e.reason()).hasValue("second_factor_required");
        });
        assertThat(fx.auth.secondSteps().enrolled(ann.id())).extracting(f -> f.type()).containsExactly("pin");
    }

    @Test
    void anAdministratorsReset_removesEveryFactor_auditsIt_andNoticesTheProvedContacts() {
        MemoryFixture fx = fixture(SecondFactorPolicy.optional());
        fx.auth.registrations().start(Registration.newBuilder().email("ann@example.com").password(PASSWORD).build(),
                CLIENT);
        User ann = fx.auth.registrations().complete(Contact.email("ann@example.com"),
                fx.latestCode("ann@example.com"), CLIENT).sessionOrThrow().user();
        pin.enrol(ann.id(), "4242");
        assertThat(fx.auth.secondSteps().enrolled(ann.id())).hasSize(1);

        fx.auth.secondSteps().reset(ann.id(), CLIENT);

        assertThat(fx.auth.secondSteps().enrolled(ann.id())).isEmpty();
        assertThat(fx.auth.passwords().login(Contact.email("ann@example.com"), PASSWORD, CLIENT))
                .isInstanceOf(LoginResult.Authenticated.class);
        assertThat(fx.outbox.messages("ann@example.com")).extracting(m -> m.purpose())
                .contains(OtpPurpose.SECOND_FACTORS_RESET_NOTICE);
        assertThat(events).filteredOn(e -> e.type().name().equals("SECOND_FACTORS_RESET"))
                .singleElement().satisfies(e -> assertThat(e.detail()).contains("pin"));
        assertCode(() -> fx.auth.secondSteps().reset("no-such-user", CLIENT), AuthErrorCode.NOT_FOUND);
    }

    @Test
    void aRequiredPolicyWithoutAnEnrollableFactor_failsAtBuild() {
        assertThatThrownBy(() -> AuthService.newBuilder(new MemoryFixture().configBuilder()
                        .secondFactors(SecondFactorConfig.newBuilder().policy(SecondFactorPolicy.required()).build())
                        .build(), InMemoryAuthStores.create()).build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("TotpFactor");
    }

    @Test
    void policies_parseAndPrint() {
        assertThat(SecondFactorPolicy.parse("optional")).isEqualTo(SecondFactorPolicy.optional());
        assertThat(SecondFactorPolicy.parse(" REQUIRED ")).isEqualTo(SecondFactorPolicy.required());
        assertThat(SecondFactorPolicy.parse("roles:ops, admin").toString()).isEqualTo("roles:admin,ops");
        assertThat(SecondFactorPolicy.parse("roles:admin").appliesTo(Set.of("user"))).isFalse();
        for (String bad : List.of("", "sometimes", "roles:", "roles:a b", "roles:admin,")) {
            assertThatThrownBy(() -> SecondFactorPolicy.parse(bad)).isInstanceOf(IllegalArgumentException.class);
        }
    }
}
