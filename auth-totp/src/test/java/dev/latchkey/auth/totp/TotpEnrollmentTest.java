package dev.latchkey.auth.totp;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEvent;
import dev.latchkey.auth.LoginResult;
import dev.latchkey.auth.User;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.totp.internal.Base32;
import org.junit.jupiter.api.Test;

import java.time.Duration;
import java.util.List;

import static dev.latchkey.auth.totp.TotpFixture.CLIENT;
import static dev.latchkey.auth.totp.TotpFixture.assertCode;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Enrolment: the secret, its URI and QR code, storage at rest, confirmation by a first code, removal. */
class TotpEnrollmentTest {
    private final TotpFixture fx = new TotpFixture();

    @Test
    void enroll_givesA160BitBase32Secret_andTheOtpauthUriOfIt() {
        User ann = fx.register("ann@example.com");
        TotpEnrollment e = fx.totp.enroll(ann.id());
        assertThat(e.secret()).matches("[A-Z2-7]{32}");
        assertThat(Base32.decode(e.secret())).hasSize(20);
        assertThat(e.otpauthUri()).isEqualTo("otpauth://totp/Acme:ann%40example.com?secret=" + e.secret()
                + "&issuer=Acme&algorithm=SHA1&digits=6&period=30");
        assertThat(e.qrSvg()).startsWith("<svg xmlns=\"http://www.w3.org/2000/svg\"").endsWith("</svg>")
                .doesNotContain("script");
    }

    @Test
    void enroll_writesTheSettingsAndIssuerIntoTheUri_andNamesAPhoneOnlyAccountByItsPhone() {
        TotpFixture custom = new TotpFixture(TotpConfig.newBuilder().issuer("Acme Corp").algorithm(TotpAlgorithm.SHA256)
                .digits(8).period(Duration.ofSeconds(60)).build());
        User bob = custom.auth.accounts().register(dev.latchkey.auth.Registration.newBuilder().phone("+14155550123")
                .password(TotpFixture.PASSWORD).build());
        TotpEnrollment e = custom.totp.enroll(bob.id());
        assertThat(e.otpauthUri()).isEqualTo("otpauth://totp/Acme%20Corp:%2B14155550123?secret=" + e.secret()
                + "&issuer=Acme%20Corp&algorithm=SHA256&digits=8&period=60");
    }

    @Test
    void twoEnrolments_haveDifferentSecrets() {
        User ann = fx.register("ann@example.com");
        assertThat(fx.totp.enroll(ann.id()).secret()).isNotEqualTo(fx.totp.enroll(ann.id()).secret());
    }

    @Test
    void theStoredSecret_isEncrypted_andPendingUntilConfirmed() {
        User ann = fx.register("ann@example.com");
        TotpEnrollment e = fx.totp.enroll(ann.id());
        List<StoredCredential> pending = fx.stores.credentials().findByUser(ann.id(), "totp_pending");
        assertThat(pending).hasSize(1);
        StoredCredential stored = pending.get(0);
        assertThat(stored.secret()).isNotEqualTo(e.secret()).doesNotContain(e.secret())
                .doesNotContain(e.secret().toLowerCase(java.util.Locale.ROOT));
        assertThat(stored.data()).isEqualTo("SHA1 6 30");
        assertThat(fx.stores.credentials().findByUser(ann.id(), "totp")).isEmpty();
        assertThat(fx.totp.isActive(ann.id())).isFalse();
    }

    @Test
    void aPendingEnrolment_changesNothingForLogin() {
        User ann = fx.register("ann@example.com");
        fx.totp.enroll(ann.id());
        assertThat(fx.passwordLogin("ann@example.com")).isInstanceOf(LoginResult.Authenticated.class);
    }

    @Test
    void confirm_withTheCurrentCode_activatesTotp_andEmitsTotpEnrolled() {
        User ann = fx.register("ann@example.com");
        TotpEnrollment e = fx.totp.enroll(ann.id());
        fx.totp.confirm(ann.id(), fx.code(e), CLIENT);
        assertThat(fx.totp.isActive(ann.id())).isTrue();
        assertThat(fx.stores.credentials().findByUser(ann.id(), "totp_pending")).isEmpty();
        StoredCredential active = fx.stores.credentials().findByUser(ann.id(), "totp").get(0);
        assertThat(active.secret()).doesNotContain(e.secret());
        AuthEvent enrolled = fx.events.stream().filter(ev -> ev.type().equals(TotpFactor.TOTP_ENROLLED))
                .findFirst().orElseThrow();
        assertThat(enrolled.userId()).isEqualTo(ann.id());
        assertThat(enrolled.clientAddress()).isEqualTo("203.0.113.7");
        assertThat(enrolled.detail()).isEqualTo("SHA1, 6 digits, 30 s");
    }

    @Test
    void confirm_withAWrongCode_isInvalidCode_andLeavesItPending() {
        User ann = fx.register("ann@example.com");
        TotpEnrollment e = fx.totp.enroll(ann.id());
        assertCode(() -> fx.totp.confirm(ann.id(), fx.wrongCode(e), CLIENT), AuthErrorCode.INVALID_CODE);
        assertCode(() -> fx.totp.confirm(ann.id(), "12345x", CLIENT), AuthErrorCode.INVALID_CODE);
        assertThat(fx.totp.isActive(ann.id())).isFalse();
        fx.totp.confirm(ann.id(), fx.code(e), CLIENT);
        assertThat(fx.totp.isActive(ann.id())).isTrue();
    }

    @Test
    void confirm_withoutAnEnrolment_isNotFound() {
        User ann = fx.register("ann@example.com");
        assertCode(() -> fx.totp.confirm(ann.id(), "123456", CLIENT), AuthErrorCode.NOT_FOUND);
    }

    @Test
    void enroll_forAnUnknownUser_isNotFound() {
        assertCode(() -> fx.totp.enroll("no-such-user"), AuthErrorCode.NOT_FOUND);
    }

    @Test
    void aSecondEnrolment_replacesThePendingOne() {
        User ann = fx.register("ann@example.com");
        TotpEnrollment first = fx.totp.enroll(ann.id());
        TotpEnrollment second = fx.totp.enroll(ann.id());
        assertThat(fx.stores.credentials().findByUser(ann.id(), "totp_pending")).hasSize(1);
        assertCode(() -> fx.totp.confirm(ann.id(), fx.code(first), CLIENT), AuthErrorCode.INVALID_CODE);
        fx.totp.confirm(ann.id(), fx.code(second), CLIENT);
        assertThat(fx.totp.isActive(ann.id())).isTrue();
    }

    @Test
    void reEnrolling_keepsTheActiveSecretUntilTheNewOneIsConfirmed() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        TotpEnrollment next = fx.totp.enroll(ann.user().id());
        String oldCode = fx.code(ann.enrollment());
        String challenge = TotpFixture.challenge(fx.passwordLogin("ann@example.com"));
        fx.auth.secondSteps().complete(challenge, "totp", oldCode, CLIENT).sessionOrThrow();
        fx.advance(fx.config.period());
        fx.totp.confirm(ann.user().id(), fx.code(next), CLIENT);
        fx.advance(fx.config.period());
        assertThat(fx.stores.credentials().findByUser(ann.user().id(), "totp")).hasSize(1);
        String again = TotpFixture.challenge(fx.passwordLogin("ann@example.com"));
        assertCode(() -> fx.auth.secondSteps().complete(again, "totp", fx.code(ann.enrollment()), CLIENT),
                AuthErrorCode.INVALID_CODE);
        fx.auth.secondSteps().complete(again, "totp", fx.code(next), CLIENT).sessionOrThrow();
        assertThat(fx.events).filteredOn(ev -> ev.type().equals(TotpFactor.TOTP_ENROLLED)).last()
                .extracting(AuthEvent::detail).isEqualTo("SHA1, 6 digits, 30 s, replaced the previous one");
    }

    @Test
    void remove_endsTheSecondStep_andEmitsTotpRemoved() {
        TotpFixture.Enrolled ann = fx.enrolled("ann@example.com");
        assertThat(fx.totp.remove(ann.user().id(), CLIENT)).isTrue();
        assertThat(fx.totp.isActive(ann.user().id())).isFalse();
        assertThat(fx.passwordLogin("ann@example.com")).isInstanceOf(LoginResult.Authenticated.class);
        assertThat(fx.eventNames()).contains("TOTP_REMOVED");
        assertThat(fx.totp.remove(ann.user().id(), CLIENT)).isFalse();
    }

    @Test
    void remove_alsoDropsAPendingEnrolment() {
        User ann = fx.register("ann@example.com");
        TotpEnrollment e = fx.totp.enroll(ann.id());
        assertThat(fx.totp.remove(ann.id(), CLIENT)).isFalse();
        assertCode(() -> fx.totp.confirm(ann.id(), fx.code(e), CLIENT), AuthErrorCode.NOT_FOUND);
        assertThat(fx.eventNames()).doesNotContain("TOTP_REMOVED");
    }

    @Test
    void toString_showsNoSecret() {
        User ann = fx.register("ann@example.com");
        TotpEnrollment e = fx.totp.enroll(ann.id());
        assertThat(e.toString()).doesNotContain(e.secret()).isEqualTo("TotpEnrollment[secret=****]");
        assertThat(fx.totp.toString()).doesNotContain(e.secret()).contains("Acme");
        fx.stores.credentials().findByUser(ann.id()).forEach(c -> assertThat(c.toString()).doesNotContain(c.secret()));
    }

    @Test
    void aFactorInstance_belongsToOneService_andWorksOnlyOnceBound() {
        assertThatThrownBy(() -> fx.service(fx.stores, fx.totp, RecoveryCodeFactor.create()))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("one per service");
        assertThatThrownBy(() -> TotpFactor.create("Acme").enroll("u"))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("factor(...)");
    }

    @Test
    void withoutAKeyToEncryptSecretsWith_theServiceDoesNotBuild() {
        byte[] key = "a 32-byte key for tokens only!!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        byte[] pepper = "a 32-byte pepper for passwords!!".getBytes(java.nio.charset.StandardCharsets.US_ASCII);
        dev.latchkey.auth.AuthConfig config = dev.latchkey.auth.AuthConfig.newBuilder().issuer("https://auth.test")
                .audience("test-api").accessTokenKey(key).passwordPepper(pepper).build();
        assertThatThrownBy(() -> dev.latchkey.auth.AuthService.newBuilder(config,
                dev.latchkey.auth.testkit.memory.InMemoryAuthStores.create()).factor(TotpFactor.create("Acme")).build())
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("keyEncryptionKey");
    }
}
