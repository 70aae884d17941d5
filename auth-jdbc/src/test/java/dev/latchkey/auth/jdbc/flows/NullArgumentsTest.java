package dev.latchkey.auth.jdbc.flows;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.Session;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.accounts.Accounts;
import dev.latchkey.auth.code.LoginCodes;
import dev.latchkey.auth.contact.Contacts;
import dev.latchkey.auth.factor.SecondSteps;
import dev.latchkey.auth.factor.StepUp;
import dev.latchkey.auth.jdbc.TestDatabase;
import dev.latchkey.auth.password.Passwords;
import dev.latchkey.auth.registration.Registrations;
import dev.latchkey.auth.session.Sessions;
import dev.latchkey.auth.token.AccessTokens;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestFactory;
import org.junit.jupiter.api.TestInstance;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

import static dev.latchkey.auth.jdbc.flows.AuthFixture.CLIENT;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.PASSWORD;
import static dev.latchkey.auth.jdbc.flows.AuthFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/**
 * Every public method of every area, called with each of its object arguments null in turn (the others valid): a
 * token string (access token, refresh token, challenge) null or blank is {@code invalid_token} (logout ignores it);
 * any other null is a {@link NullPointerException} naming the argument. Before, the same mistake gave an NPE in one
 * method, {@code validation_failed} in another and nothing in a third.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class NullArgumentsTest {
    private static final List<Class<?>> AREAS = List.of(Accounts.class, Registrations.class, Passwords.class,
            LoginCodes.class, Contacts.class, SecondSteps.class, StepUp.class, Sessions.class, AccessTokens.class);
    private static final String EMAIL = "nulls@example.com";
    private static final Contact CONTACT = Contact.email(EMAIL);
    private static final String CHALLENGE = "c".repeat(43);

    private enum Outcome { NULL_POINTER, INVALID_TOKEN, NO_OP }

    /** One argument of one method: {@code Area.method/arity#index}, and what null (or a blank token) gives. */
    private record Case(String key, String argument, Outcome outcome, Consumer<String> call) {
    }

    private final AuthFixture fx = new AuthFixture(TestDatabase.H2);
    private final AuthService auth = fx.auth;
    private final User user = fx.registerEmail(EMAIL);
    private final Session session = fx.loginEmail(EMAIL);
    private final VerifiedAccessToken caller = auth.tokens().verify(session.accessToken());
    private final String id = user.id();
    private final Registration registration = Registration.newBuilder().email("other@example.com").password(PASSWORD)
            .build();

    @AfterAll
    void close() {
        fx.close();
    }

    private static Case npe(String key, String argument, Runnable call) {
        return new Case(key, argument, Outcome.NULL_POINTER, ignored -> call.run());
    }

    private static Case token(String key, Outcome outcome, Consumer<String> call) {
        return new Case(key, null, outcome, call);
    }

    private List<Case> cases() {
        return List.of(
                npe("Accounts.register/1#0", "registration", () -> auth.accounts().register(null)),
                npe("Accounts.get/1#0", "userId", () -> auth.accounts().get(null)),
                npe("Accounts.findByContact/1#0", "contact", () -> auth.accounts().findByContact(null)),
                npe("Accounts.updateProfile/3#0", "userId", () -> auth.accounts().updateProfile(null, Map.of(), 1)),
                npe("Accounts.updateProfile/3#1", "changes", () -> auth.accounts().updateProfile(id, null, 1)),
                npe("Accounts.updateProfile/2#0", "userId", () -> auth.accounts().updateProfile(null, Map.of())),
                npe("Accounts.updateProfile/2#1", "changes", () -> auth.accounts().updateProfile(id, null)),
                npe("Accounts.setRoles/2#0", "userId", () -> auth.accounts().setRoles(null, Set.of("user"))),
                npe("Accounts.setRoles/2#1", "roles", () -> auth.accounts().setRoles(id, null)),
                npe("Accounts.setEnabled/2#0", "userId", () -> auth.accounts().setEnabled(null, true)),
                npe("Accounts.deleteOwn/2#0", "caller", () -> auth.accounts().deleteOwn(null, PASSWORD)),
                npe("Accounts.deleteOwn/2#1", "password", () -> auth.accounts().deleteOwn(caller, null)),
                npe("Accounts.deleteOwnWithCode/3#0", "caller",
                        () -> auth.accounts().deleteOwnWithCode(null, CONTACT, "123456")),
                npe("Accounts.deleteOwnWithCode/3#1", "contact",
                        () -> auth.accounts().deleteOwnWithCode(caller, null, "123456")),
                npe("Accounts.deleteOwnWithCode/3#2", "code",
                        () -> auth.accounts().deleteOwnWithCode(caller, CONTACT, null)),
                npe("Accounts.delete/1#0", "userId", () -> auth.accounts().delete(null)),

                npe("Registrations.start/2#0", "registration", () -> auth.registrations().start(null, CLIENT)),
                npe("Registrations.start/2#1", "client", () -> auth.registrations().start(registration, null)),
                npe("Registrations.complete/3#0", "contact",
                        () -> auth.registrations().complete(null, "123456", CLIENT)),
                npe("Registrations.complete/3#1", "code", () -> auth.registrations().complete(CONTACT, null, CLIENT)),
                npe("Registrations.complete/3#2", "client",
                        () -> auth.registrations().complete(CONTACT, "123456", null)),

                npe("Passwords.login/3#0", "contact", () -> auth.passwords().login(null, PASSWORD, CLIENT)),
                npe("Passwords.login/3#1", "password", () -> auth.passwords().login(CONTACT, null, CLIENT)),
                npe("Passwords.login/3#2", "client", () -> auth.passwords().login(CONTACT, PASSWORD, null)),
                npe("Passwords.change/3#0", "caller", () -> auth.passwords().change(null, PASSWORD, PASSWORD)),
                npe("Passwords.change/3#1", "currentPassword", () -> auth.passwords().change(caller, null, PASSWORD)),
                npe("Passwords.change/3#2", "newPassword", () -> auth.passwords().change(caller, PASSWORD, null)),
                npe("Passwords.requestReset/2#0", "contact", () -> auth.passwords().requestReset(null, CLIENT)),
                npe("Passwords.requestReset/2#1", "client", () -> auth.passwords().requestReset(CONTACT, null)),
                npe("Passwords.reset/4#0", "contact", () -> auth.passwords().reset(null, "123456", PASSWORD, CLIENT)),
                npe("Passwords.reset/4#1", "code", () -> auth.passwords().reset(CONTACT, null, PASSWORD, CLIENT)),
                npe("Passwords.reset/4#2", "newPassword",
                        () -> auth.passwords().reset(CONTACT, "123456", null, CLIENT)),
                npe("Passwords.reset/4#3", "client", () -> auth.passwords().reset(CONTACT, "123456", PASSWORD, null)),

                npe("LoginCodes.send/2#0", "contact", () -> auth.loginCodes().send(null, CLIENT)),
                npe("LoginCodes.send/2#1", "client", () -> auth.loginCodes().send(CONTACT, null)),
                npe("LoginCodes.login/3#0", "contact", () -> auth.loginCodes().login(null, "123456", CLIENT)),
                npe("LoginCodes.login/3#1", "code", () -> auth.loginCodes().login(CONTACT, null, CLIENT)),
                npe("LoginCodes.login/3#2", "client", () -> auth.loginCodes().login(CONTACT, "123456", null)),

                npe("Contacts.sendVerificationCode/3#0", "userId",
                        () -> auth.contacts().sendVerificationCode(null, Contact.Kind.EMAIL, CLIENT)),
                npe("Contacts.sendVerificationCode/3#1", "kind",
                        () -> auth.contacts().sendVerificationCode(id, null, CLIENT)),
                npe("Contacts.sendVerificationCode/3#2", "client",
                        () -> auth.contacts().sendVerificationCode(id, Contact.Kind.EMAIL, null)),
                npe("Contacts.verify/3#0", "userId", () -> auth.contacts().verify(null, Contact.Kind.EMAIL, "123456")),
                npe("Contacts.verify/3#1", "kind", () -> auth.contacts().verify(id, null, "123456")),
                npe("Contacts.verify/3#2", "code", () -> auth.contacts().verify(id, Contact.Kind.EMAIL, null)),
                npe("Contacts.startChange/3#0", "caller",
                        () -> auth.contacts().startChange(null, Contact.email("new@example.com"), CLIENT)),
                npe("Contacts.startChange/3#1", "newContact", () -> auth.contacts().startChange(caller, null, CLIENT)),
                npe("Contacts.startChange/3#2", "client",
                        () -> auth.contacts().startChange(caller, Contact.email("new@example.com"), null)),
                npe("Contacts.confirmChange/4#0", "caller",
                        () -> auth.contacts().confirmChange(null, Contact.email("new@example.com"), "123456", CLIENT)),
                npe("Contacts.confirmChange/4#1", "newContact",
                        () -> auth.contacts().confirmChange(caller, null, "123456", CLIENT)),
                npe("Contacts.confirmChange/4#2", "code",
                        () -> auth.contacts().confirmChange(caller, Contact.email("new@example.com"), null, CLIENT)),
                npe("Contacts.confirmChange/4#3", "client",
                        () -> auth.contacts().confirmChange(caller, Contact.email("new@example.com"), "123456", null)),

                token("SecondSteps.prepare/3#0", Outcome.INVALID_TOKEN,
                        t -> auth.secondSteps().prepare(t, "pin", CLIENT)),
                npe("SecondSteps.prepare/3#1", "factor", () -> auth.secondSteps().prepare(CHALLENGE, null, CLIENT)),
                npe("SecondSteps.prepare/3#2", "client", () -> auth.secondSteps().prepare(CHALLENGE, "pin", null)),
                token("SecondSteps.complete/4#0", Outcome.INVALID_TOKEN,
                        t -> auth.secondSteps().complete(t, "pin", "1234", CLIENT)),
                npe("SecondSteps.complete/4#1", "factor",
                        () -> auth.secondSteps().complete(CHALLENGE, null, "1234", CLIENT)),
                npe("SecondSteps.complete/4#2", "answer",
                        () -> auth.secondSteps().complete(CHALLENGE, "pin", null, CLIENT)),
                npe("SecondSteps.complete/4#3", "client",
                        () -> auth.secondSteps().complete(CHALLENGE, "pin", "1234", null)),

                token("SecondSteps.enrollingUser/1#0", Outcome.INVALID_TOKEN, t -> auth.secondSteps().enrollingUser(t)),
                token("SecondSteps.completeEnrollment/2#0", Outcome.INVALID_TOKEN,
                        t -> auth.secondSteps().completeEnrollment(t, CLIENT)),
                npe("SecondSteps.completeEnrollment/2#1", "client",
                        () -> auth.secondSteps().completeEnrollment(CHALLENGE, null)),
                npe("SecondSteps.enrolled/1#0", "userId", () -> auth.secondSteps().enrolled(null)),
                npe("SecondSteps.required/1#0", "userId", () -> auth.secondSteps().required(null)),
                npe("SecondSteps.reset/2#0", "userId", () -> auth.secondSteps().reset(null, CLIENT)),
                npe("SecondSteps.reset/2#1", "client", () -> auth.secondSteps().reset(id, null)),

                npe("StepUp.requireRecent/1#0", "caller", () -> auth.stepUp().requireRecent(null)),
                npe("StepUp.reauthenticate/3#0", "caller", () -> auth.stepUp().reauthenticate(null, PASSWORD, CLIENT)),
                npe("StepUp.reauthenticate/3#1", "password",
                        () -> auth.stepUp().reauthenticate(caller, (String) null, CLIENT)),
                npe("StepUp.reauthenticate/3#2", "client", () -> auth.stepUp().reauthenticate(caller, PASSWORD, null)),
                npe("StepUp.prepare/3#0", "caller", () -> auth.stepUp().prepare(null, "email", CLIENT)),
                npe("StepUp.prepare/3#1", "factor", () -> auth.stepUp().prepare(caller, null, CLIENT)),
                npe("StepUp.prepare/3#2", "client", () -> auth.stepUp().prepare(caller, "email", null)),
                npe("StepUp.reauthenticate/4#0", "caller",
                        () -> auth.stepUp().reauthenticate(null, "email", "123456", CLIENT)),
                npe("StepUp.reauthenticate/4#1", "factor",
                        () -> auth.stepUp().reauthenticate(caller, null, "123456", CLIENT)),
                npe("StepUp.reauthenticate/4#2", "code",
                        () -> auth.stepUp().reauthenticate(caller, "email", null, CLIENT)),
                npe("StepUp.reauthenticate/4#3", "client",
                        () -> auth.stepUp().reauthenticate(caller, "email", "123456", null)),

                token("Sessions.refresh/2#0", Outcome.INVALID_TOKEN, t -> auth.sessions().refresh(t, CLIENT)),
                npe("Sessions.refresh/2#1", "client", () -> auth.sessions().refresh(session.refreshToken(), null)),
                token("Sessions.logout/2#0", Outcome.NO_OP, t -> auth.sessions().logout(t, CLIENT)),
                npe("Sessions.logout/2#1", "client", () -> auth.sessions().logout(session.refreshToken(), null)),
                npe("Sessions.logoutEverywhere/1#0", "userId", () -> auth.sessions().logoutEverywhere(null)),
                npe("Sessions.list/1#0", "userId", () -> auth.sessions().list(null)),
                npe("Sessions.revoke/2#0", "userId", () -> auth.sessions().revoke(null, session.sessionId())),
                npe("Sessions.revoke/2#1", "sessionId", () -> auth.sessions().revoke(id, null)),

                token("AccessTokens.verify/1#0", Outcome.INVALID_TOKEN, t -> auth.tokens().verify(t)),
                token("AccessTokens.verifyOnline/1#0", Outcome.INVALID_TOKEN, t -> auth.tokens().verifyOnline(t)));
    }

    @Test
    void everyObjectArgumentOfEveryAreaMethod_hasACase() {
        List<String> arguments = new ArrayList<>();
        for (Class<?> area : AREAS) {
            for (Method m : area.getMethods()) {
                Class<?>[] types = m.getParameterTypes();
                for (int i = 0; i < types.length; i++) {
                    if (!types[i].isPrimitive()) {
                        arguments.add(area.getSimpleName() + "." + m.getName() + "/" + types.length + "#" + i);
                    }
                }
            }
        }

        assertThat(cases().stream().map(Case::key).toList()).containsExactlyInAnyOrderElementsOf(arguments);
    }

    @TestFactory
    Stream<DynamicTest> nullArgument_isANullPointerNamingIt_orInvalidTokenForATokenString() {
        return cases().stream().map(c -> DynamicTest.dynamicTest(c.key(), () -> {
            switch (c.outcome()) {
                case NULL_POINTER -> assertThatThrownBy(() -> c.call().accept(null))
                        .isExactlyInstanceOf(NullPointerException.class).hasMessage(c.argument());
                case INVALID_TOKEN -> {
                    assertCode(() -> c.call().accept(null), AuthErrorCode.INVALID_TOKEN);
                    assertCode(() -> c.call().accept(" \t "), AuthErrorCode.INVALID_TOKEN);
                }
                case NO_OP -> {
                    assertThatCode(() -> c.call().accept(null)).doesNotThrowAnyException();
                    assertThatCode(() -> c.call().accept(" \t ")).doesNotThrowAnyException();
                }
            }
        }));
    }

    @Test
    void nullArguments_changedNothing() {
        cases().forEach(c -> {
            try {
                c.call().accept(null);
            } catch (RuntimeException expected) {
                // the outcomes are checked above; here only that nothing was written
            }
        });

        assertThat(auth.accounts().get(id)).isEqualTo(user);
        assertThat(auth.tokens().verifyOnline(session.accessToken()).userId()).isEqualTo(id);
        assertThat(auth.accounts().findByContact(Contact.email("other@example.com"))).isEmpty();
        assertThat(fx.outbox.messages(EMAIL)).isEmpty();
    }
}
