package dev.latchkey.auth.spring;

import dev.latchkey.auth.AuthService;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.Contact;
import dev.latchkey.auth.Registration;
import dev.latchkey.auth.hash.Argon2idHashing;
import dev.latchkey.auth.hash.LegacyHashFormats;
import dev.latchkey.auth.imports.ImportListener;
import dev.latchkey.auth.imports.ImportSummary;
import dev.latchkey.auth.imports.ImportedUser;
import dev.latchkey.auth.password.PasswordHashFormat;
import dev.latchkey.auth.password.PasswordHashing;
import org.junit.jupiter.api.Test;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * With {@code auth-hashes} on the class path, imported scrypt and Argon2 hashes verify (unless
 * {@code latchkey.passwords.legacy-formats=false}; bcrypt and PBKDF2 always do), and {@code argon2id} can be the
 * algorithm of new hashes.
 */
class LatchkeyPasswordHashesAutoConfigurationTest {
    private static final String PASSWORD = "correct horse battery staple";
    /** Vectors of auth-core's legacy-vectors.tsv: argon2-cffi's Argon2id, Werkzeug's scrypt and PBKDF2, bcrypt. */
    private static final String ARGON2ID = "$argon2id$v=19$m=19456,t=2,p=1$2cW+Sxgb/qrzgzA4A2xldw$"
            + "53xtpvnwAi58Cb/wAGNCIXbMJRvTwrpsxu6RCWxBfnM";
    private static final String WERKZEUG_SCRYPT = "scrypt:1024:8:1$25aebd9afc80c3b6$ff49a87aa9e218e91b611d63ebce9d681"
            + "c007e808bef03ff09ab093927fb66a2b3a9b8f17db1f01ee18604c0bcac84ec9b86e2e53f2eaa03d8b1173ab186d0da";
    private static final String WERKZEUG_PBKDF2 = "pbkdf2:sha256:1000$ba48a045c415af98$6b6b34a097d612c297eb24039665"
            + "58ab426e0506fe65499b1a861028c708799a";
    private static final String BCRYPT = "$2b$05$E17K44wrWR6yeq9J/lNfYO/gUjrvK2W71df7.5IYXkFZJ4.bDcrMG";

    @Test
    void authHashesOnTheClassPath_registersItsFormats_andTheirUsersLogIn() {
        Contexts.withDatabase().run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBeansOfType(PasswordHashFormat.class)).hasSize(LegacyHashFormats.all().size());
            AuthService auth = context.getBean(AuthService.class);

            assertThat(importOne(auth, "argon2@example.test", ARGON2ID).imported()).isEqualTo(1);
            assertThat(importOne(auth, "scrypt@example.test", WERKZEUG_SCRYPT).imported()).isEqualTo(1);

            assertLogsIn(auth, "argon2@example.test");
            assertLogsIn(auth, "scrypt@example.test");
        });
    }

    @Test
    void legacyFormatsTurnedOff_registersNone_andRefusesScryptAndArgon2Imports() {
        Contexts.withDatabase().withPropertyValues("latchkey.passwords.legacy-formats=false").run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean(PasswordHashFormat.class);
            AuthService auth = context.getBean(AuthService.class);

            assertThat(importOne(auth, "argon2@example.test", ARGON2ID).invalid()).isEqualTo(1);
        });
    }

    @Test
    void withoutAuthHashes_registersNoFormatAndNoHashing() {
        Contexts.withDatabase().withClassLoader(new FilteredClassLoader(LegacyHashFormats.class))
                .run(context -> assertThat(context).hasNotFailed().doesNotHaveBean(PasswordHashFormat.class)
                        .doesNotHaveBean(PasswordHashing.class));
    }

    @Test
    void withoutAuthHashesOrTurnedOff_bcryptAndPbkdf2UsersStillLogIn() {
        run(Contexts.withDatabase().withClassLoader(new FilteredClassLoader(LegacyHashFormats.class)));
        run(Contexts.withDatabase().withPropertyValues("latchkey.passwords.legacy-formats=false"));
    }

    @Test
    void aHostBeanOfTheSameName_replacesOurs() {
        Contexts.withDatabase().withUserConfiguration(HostFormat.class).run(context -> {
            assertThat(context).hasNotFailed();
            assertThat(context.getBean("latchkeyArgon2HashFormat")).isSameAs(HostFormat.FORMAT);
            assertThat(context.getBeansOfType(PasswordHashFormat.class)).hasSize(LegacyHashFormats.all().size());
        });
    }

    @Test
    void argon2idAsTheAlgorithm_withAuthHashes_hashesNewPasswordsWithArgon2id() {
        Contexts.withDatabase().withPropertyValues("latchkey.passwords.hash-algorithm=argon2id").run(context -> {
            assertThat(context).hasNotFailed().hasSingleBean(Argon2idHashing.class);
            AuthService auth = context.getBean(AuthService.class);

            auth.accounts().register(Registration.newBuilder().email("new@example.test").password(PASSWORD).build());

            assertThat(auth.imports().passwordHashFormats()).containsOnlyKeys("argon2id-hmac-sha384");
            assertLogsIn(auth, "new@example.test");
        });
    }

    @Test
    void bcryptStaysTheAlgorithm_byDefault_withAuthHashes() {
        Contexts.withDatabase().withPropertyValues(Contexts.FAST).run(context -> {
            AuthService auth = context.getBean(AuthService.class);

            auth.accounts().register(Registration.newBuilder().email("new@example.test").password(PASSWORD).build());

            assertThat(auth.imports().passwordHashFormats()).containsOnlyKeys("bcrypt-hmac-sha384");
        });
    }

    @Test
    void aHostPasswordHashing_replacesOurArgon2id() {
        Argon2idHashing host = Argon2idHashing.newBuilder().memoryKib(7168).build();
        Contexts.withDatabase().withBean("hostHashing", PasswordHashing.class, () -> host).run(context -> {
            assertThat(context).hasNotFailed().doesNotHaveBean("latchkeyArgon2idHashing");
            assertThat(context.getBean(PasswordHashing.class)).isSameAs(host);
        });
    }

    @Test
    void aValueThatIsNotABoolean_failsStartUpNamingTheProperty() {
        Contexts.withDatabase().withPropertyValues("latchkey.passwords.legacy-formats=sometimes").run(context -> {
            assertThat(context).hasFailed();
            assertThat(causes(context.getStartupFailure())).contains("latchkey.passwords.legacy-formats");
        });
    }

    private static void run(ApplicationContextRunner runner) {
        runner.run(context -> {
            assertThat(context).hasNotFailed();
            AuthService auth = context.getBean(AuthService.class);
            assertThat(importOne(auth, "bcrypt@example.test", BCRYPT).imported()).isEqualTo(1);
            assertThat(importOne(auth, "pbkdf2@example.test", WERKZEUG_PBKDF2).imported()).isEqualTo(1);
            assertLogsIn(auth, "bcrypt@example.test");
            assertLogsIn(auth, "pbkdf2@example.test");
        });
    }

    private static ImportSummary importOne(AuthService auth, String email, String hash) {
        return auth.imports().importUsers(List.of(ImportedUser.newBuilder().email(email, true).passwordHash(hash)
                .build()), ImportListener.ignoring());
    }

    private static void assertLogsIn(AuthService auth, String email) {
        assertThat(auth.passwords().login(Contact.email(email), PASSWORD, ClientInfo.unknown())
                .sessionOrThrow().accessToken())
                .isNotBlank();
    }

    private static String causes(Throwable t) {
        StringBuilder b = new StringBuilder();
        for (Throwable c = t; c != null; c = c.getCause()) {
            b.append(c.getMessage()).append(" | ");
        }
        return b.toString();
    }

    @Configuration(proxyBeanMethods = false)
    static class HostFormat {
        static final PasswordHashFormat FORMAT = LegacyHashFormats.argon2();

        @Bean
        PasswordHashFormat latchkeyArgon2HashFormat() {
            return FORMAT;
        }
    }
}
