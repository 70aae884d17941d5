package dev.latchkey.auth.flows;

import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.User;
import dev.latchkey.auth.factor.EnrolledFactor;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.factor.FactorContext;
import dev.latchkey.auth.store.StoredCredential;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * A test-only second factor written outside auth-core, on the public SPI alone: a PIN kept as a keyed hash under its
 * own credential type, its own event type and its own flow ({@link #enrol}). It proves a factor needs no edit of the
 * core.
 */
final class PinFactor implements Factor {
    static final AuthEventType PIN_ENROLLED = AuthEventType.of("PIN_ENROLLED");
    private static final String TYPE = "test_pin";

    private FactorContext context;
    private byte[] key;

    @Override
    public String id() {
        return "pin";
    }

    @Override
    public List<String> amr() {
        return List.of("pin");
    }

    @Override
    public void bind(FactorContext context) {
        this.context = context;
        this.key = context.deriveKey("test-pin");
    }

    /** The factor's own flow: sets the user's PIN. */
    void enrol(String userId, String pin) {
        enrol(userId, pin, "PIN");
    }

    /** Sets the PIN of the user a login waiting for an enrolment names, recorded as confirmed under that login. */
    String enrolUnder(String challenge, String pin) {
        var enrollment = context.enrollment(challenge);
        enrol(enrollment.userId(), pin, "PIN " + enrollment.stepId());
        return enrollment.userId();
    }

    private void enrol(String userId, String pin, String label) {
        context.credentials().replaceAll(userId, TYPE, List.of(new StoredCredential(UUID.randomUUID().toString(),
                userId, TYPE, null, label, hash(pin), null, 0, context.clock().instant(), null)));
        context.emit(PIN_ENROLLED, userId, ClientInfo.unknown(), null);
    }

    @Override
    public boolean confirmedUnder(User user, String stepId) {
        return context.credentials().findByUser(user.id(), TYPE).stream()
                .anyMatch(c -> ("PIN " + stepId).equals(c.label()));
    }

    @Override
    public boolean requiresSecondStep(User user) {
        return !context.credentials().findByUser(user.id(), TYPE).isEmpty();
    }

    @Override
    public List<String> secondStepOptions(User user) {
        return requiresSecondStep(user) ? List.of("pin") : List.of();
    }

    @Override
    public boolean verifySecondStep(User user, String option, String stepId, String answer, ClientInfo client) {
        byte[] given = hash(answer).getBytes(StandardCharsets.US_ASCII);
        for (StoredCredential c : context.credentials().findByUser(user.id(), TYPE)) {
            if (MessageDigest.isEqual(given, c.secret().getBytes(StandardCharsets.US_ASCII))) {
                context.credentials().touch(c.id(), context.clock().instant());
                return true;
            }
        }
        return false;
    }

    /** Users can enrol a PIN while a login waits for the factor a policy requires. */
    @Override
    public boolean enrollable() {
        return true;
    }

    @Override
    public List<EnrolledFactor> enrolled(User user) {
        return context.credentials().findByUser(user.id(), TYPE).stream()
                .map(c -> new EnrolledFactor("pin", c.createdAt(), Optional.ofNullable(c.lastUsedAt())))
                .toList();
    }

    @Override
    public boolean reset(String userId) {
        boolean any = !context.credentials().findByUser(userId, TYPE).isEmpty();
        context.credentials().replaceAll(userId, TYPE, List.of());
        return any;
    }

    /** The factor's own removal, under the policy's rule that the last factor stays. */
    void remove(String userId) {
        context.requireRemovable(userId, this);
        reset(userId);
    }

    private String hash(String pin) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            return Base64.getEncoder().encodeToString(mac.doFinal(pin.getBytes(StandardCharsets.UTF_8)));
        } catch (java.security.GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }
}
