package dev.latchkey.auth.totp;

import dev.latchkey.auth.AuthErrorCode;
import dev.latchkey.auth.AuthEventType;
import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.ClientInfo;
import dev.latchkey.auth.OtpPurpose;
import dev.latchkey.auth.User;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.factor.Factor;
import dev.latchkey.auth.factor.FactorContext;
import dev.latchkey.auth.factor.KeyedCredentials;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.totp.internal.RecoveryCodeFormat;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;

/**
 * Single-use recovery codes, the way back in when the authenticator app is lost: a second-step option
 * ({@value #ID}) for users who have a second factor that requires a step, such as {@link TotpFactor}. Register it
 * after that factor: {@code .factor(totp).factor(RecoveryCodeFactor.create())}.
 *
 * <p>{@link #regenerate} makes {@value #CODES_PER_USER} codes of 50 random bits each ({@code k7q2-m9xd-4r}), returns
 * them once, and keeps only their keyed hashes ({@link FactorContext#keyedHash}: HMAC-SHA-256 under a key derived for
 * recovery codes from the current master key, bound to the user) as credentials of type {@value #CREDENTIAL_TYPE}, replacing the whole previous set in one transaction. A code
 * works once, across every instance ({@link dev.latchkey.auth.store.CredentialStore#markUsedOnce}); using one emits
 * {@code RECOVERY_CODE_USED} with the number left and sends a notice to the account's proved contacts. Typed codes
 * may differ in case, hyphens and spaces.
 *
 * <p>Recovery codes alone never make a second step required; they are offered as an option whenever another factor
 * requires one. A success adds {@code otp} to the token's {@code amr}: RFC 8176 has no value for recovery codes, and
 * a recovery code is a one-time password the user was given in advance. One instance belongs to one
 * {@code AuthService}. Thread-safe.
 */
public final class RecoveryCodeFactor implements Factor {
    /** The factor's id and its second-step option. */
    public static final String ID = "recovery_code";
    /** The credential type of one recovery code's hash. */
    public static final String CREDENTIAL_TYPE = "recovery_code";
    /** How many codes a set has. */
    public static final int CODES_PER_USER = 10;
    /** A recovery code was used (detail: how many are left). */
    public static final AuthEventType RECOVERY_CODE_USED = AuthEventType.of("RECOVERY_CODE_USED");
    /** A new set of recovery codes replaced the user's old one. */
    public static final AuthEventType RECOVERY_CODES_GENERATED = AuthEventType.of("RECOVERY_CODES_GENERATED");

    private static final String PURPOSE = "recovery-codes";

    private volatile FactorContext context;

    private RecoveryCodeFactor() {
    }

    /** The factor. */
    public static RecoveryCodeFactor create() {
        return new RecoveryCodeFactor();
    }

    @Override
    public String id() {
        return ID;
    }

    /** {@code ["otp"]}: RFC 8176 has no value for recovery codes, which are one-time passwords issued in advance. */
    @Override
    public List<String> amr() {
        return List.of("otp");
    }

    /** Binds the factor to its service; a second call (another service) is refused. */
    @Override
    public synchronized void bind(FactorContext context) {
        Objects.requireNonNull(context, "context");
        if (this.context != null) {
            throw new IllegalStateException("this RecoveryCodeFactor already belongs to a service; create one per "
                    + "service");
        }
        this.context = context;
    }

    /**
     * A new set of {@value #CODES_PER_USER} codes for the user, replacing every earlier code (used or not) in one
     * transaction; the only time the codes are visible. Emits {@code RECOVERY_CODES_GENERATED}.
     *
     * @throws AuthException {@link AuthErrorCode#NOT_FOUND} for an unknown user
     */
    public List<String> regenerate(String userId, ClientInfo client) {
        Objects.requireNonNull(userId, "userId");
        Objects.requireNonNull(client, "client");
        return generate(userId, client);
    }

    /**
     * As {@link #regenerate(String, ClientInfo)} for the caller, a sensitive operation: the caller must have
     * authenticated recently ({@link dev.latchkey.auth.factor.StepUp}).
     *
     * @throws AuthException {@link AuthErrorCode#INSUFFICIENT_USER_AUTHENTICATION} otherwise
     */
    public List<String> regenerate(VerifiedAccessToken caller, ClientInfo client) {
        Objects.requireNonNull(caller, "caller");
        Objects.requireNonNull(client, "client");
        context().requireRecent(caller);
        return generate(caller.userId(), client);
    }

    private List<String> generate(String userId, ClientInfo client) {
        FactorContext ctx = context();
        if (ctx.user(userId).isEmpty()) {
            throw new AuthException(AuthErrorCode.NOT_FOUND, "no such account");
        }
        Set<String> codes = new LinkedHashSet<>();
        while (codes.size() < CODES_PER_USER) {
            codes.add(RecoveryCodeFormat.generate());
        }
        var now = ctx.clock().instant();
        List<StoredCredential> hashes = new ArrayList<>();
        for (String code : codes) {
            hashes.add(new StoredCredential(UUID.randomUUID().toString(), userId, CREDENTIAL_TYPE, null, null,
                    ctx.keyedHash(PURPOSE, hashed(userId, RecoveryCodeFormat.canonical(code))), null, 0, now, null));
        }
        ctx.credentials().replaceAll(userId, CREDENTIAL_TYPE, hashes);
        ctx.emit(RECOVERY_CODES_GENERATED, userId, client, CODES_PER_USER + " codes");
        return List.copyOf(codes);
    }

    /** How many of the user's recovery codes are still unused; 0 for a user who has none. */
    public int remaining(String userId) {
        Objects.requireNonNull(userId, "userId");
        return (int) context().credentials().findByUser(userId, CREDENTIAL_TYPE).stream()
                .filter(c -> c.lastUsedAt() == null).count();
    }

    /** Deletes every recovery code of the user; true when there were any. */
    @Override
    public boolean reset(String userId) {
        Objects.requireNonNull(userId, "userId");
        FactorContext ctx = context();
        return ctx.inTransaction(() -> {
            boolean any = !ctx.credentials().findByUser(userId, CREDENTIAL_TYPE).isEmpty();
            ctx.credentials().replaceAll(userId, CREDENTIAL_TYPE, List.of());
            return any;
        });
    }

    /** {@code ["recovery_code"]} while the user has an unused code, else none; never required on its own. */
    @Override
    public List<String> secondStepOptions(User user) {
        return remaining(user.id()) > 0 ? List.of(ID) : List.of();
    }

    /**
     * Whether {@code answer} is one of the user's unused codes; accepting it uses it up (atomically, across
     * instances); {@link #afterSecondStep} then emits {@code RECOVERY_CODE_USED}.
     */
    @Override
    public boolean verifySecondStep(User user, String option, String stepId, String answer, ClientInfo client) {
        String canonical = RecoveryCodeFormat.canonical(answer);
        if (!ID.equals(option) || canonical == null) {
            return false;
        }
        FactorContext ctx = context();
        List<StoredCredential> codes = ctx.credentials().findByUser(user.id(), CREDENTIAL_TYPE);
        StoredCredential match = null;
        for (StoredCredential c : codes) {
            // One HMAC per code, under the master key its hash is tagged with, compared in constant time.
            if (c.lastUsedAt() == null && ctx.matchesKeyedHash(PURPOSE, hashed(user.id(), canonical), c.secret())) {
                match = c;
            }
        }
        return match != null && ctx.credentials().markUsedOnce(match.id(), ctx.clock().instant());
    }

    /** Once the use is committed: {@code RECOVERY_CODE_USED} with the number left, and the notice. */
    @Override
    public void afterSecondStep(User user, String option, ClientInfo client) {
        FactorContext ctx = context();
        ctx.emit(RECOVERY_CODE_USED, user.id(), client, remaining(user.id()) + " left");
        ctx.notice(user.id(), OtpPurpose.RECOVERY_CODE_USED_NOTICE);
    }

    /** Letters, digits, hyphens and spaces only; a code of the wrong length is merely wrong. */
    @Override
    public boolean wellFormedAnswer(String option, String answer) {
        return answer.length() <= 64 && answer.chars().allMatch(c -> Character.isLetterOrDigit(c) && c < 128
                || c == '-' || c == ' ');
    }

    /**
     * The codes, kept as keyed hashes under the master key: after a rotation, unused codes made under the previous
     * key work until it is removed; only a new set ({@link #regenerate}) is made under the new key.
     */
    @Override
    public List<KeyedCredentials> keyedCredentials() {
        return List.of(KeyedCredentials.singleUse(CREDENTIAL_TYPE));
    }

    @Override
    public String toString() {
        return "RecoveryCodeFactor[codesPerUser=" + CODES_PER_USER + "]";
    }

    private FactorContext context() {
        FactorContext ctx = context;
        if (ctx == null) {
            throw new IllegalStateException("register the factor with AuthService.newBuilder(...).factor(...) first");
        }
        return ctx;
    }

    /** What a code's keyed hash covers: the user and the code, so a code of one user never works for another. */
    private static String hashed(String userId, String canonicalCode) {
        return userId + "\u0000" + canonicalCode;
    }
}
