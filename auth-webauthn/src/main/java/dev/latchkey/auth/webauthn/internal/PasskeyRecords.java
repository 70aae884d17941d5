package dev.latchkey.auth.webauthn.internal;

import dev.latchkey.auth.Contact;
import dev.latchkey.auth.factor.FactorContext;
import dev.latchkey.auth.store.StoredCredential;
import dev.latchkey.auth.webauthn.Passkey;
import tools.jackson.databind.json.JsonMapper;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.UUID;

/**
 * The passkeys and user handles of accounts, as credentials in the service's
 * {@link dev.latchkey.auth.store.CredentialStore}: a passkey is type {@value #TYPE} (external id: its credential id,
 * base64url; counter: its sign count; data: {@link StoredPasskey}), and the user handle authenticators know an account
 * by is type {@value #HANDLE_TYPE} (external id: 32 random bytes, base64url), made once per account.
 */
public final class PasskeyRecords {
    /** The credential type of a passkey. */
    public static final String TYPE = "passkey";
    /** The credential type of an account's WebAuthn user handle. */
    public static final String HANDLE_TYPE = "passkey_user";
    private static final SecureRandom RANDOM = new SecureRandom();
    /** The credential id lengths of made-up credentials: those of common platform authenticators. */
    private static final int[] MADE_UP_SHAPES = {16, 16, 20, 32};

    private final FactorContext context;
    private final JsonMapper mapper;

    /** Records in the context's credential store. */
    public PasskeyRecords(FactorContext context, JsonMapper mapper) {
        this.context = context;
        this.mapper = mapper;
    }

    /** The mapper the stored form is written with. */
    public JsonMapper mapper() {
        return mapper;
    }

    /** The user's passkeys, oldest first. */
    public List<StoredCredential> of(String userId) {
        return context.credentials().findByUser(userId, TYPE);
    }

    /** The passkey with this credential id (base64url), whoever's it is. */
    public Optional<StoredCredential> byCredentialId(String credentialId) {
        return context.credentials().findByExternalId(TYPE, credentialId);
    }

    /** The user's passkey with this credential id. */
    public Optional<StoredCredential> ofUser(String userId, String credentialId) {
        return byCredentialId(credentialId).filter(c -> c.userId().equals(userId));
    }

    /** The account a user handle names. */
    public Optional<String> ownerOfHandle(byte[] handle) {
        return context.credentials().findByExternalId(HANDLE_TYPE, Base64Url.encode(handle))
                .map(StoredCredential::userId);
    }

    /**
     * The user's handle, made (32 random bytes) if the user has none yet. Of handles made by concurrent first
     * registrations, the oldest is the one offered from then on; each names the same account.
     */
    public byte[] handle(String userId) {
        List<StoredCredential> handles = context.credentials().findByUser(userId, HANDLE_TYPE);
        if (handles.isEmpty()) {
            byte[] handle = new byte[32];
            RANDOM.nextBytes(handle);
            context.credentials().insert(new StoredCredential(UUID.randomUUID().toString(), userId, HANDLE_TYPE,
                    Base64Url.encode(handle), null, null, null, 0, context.clock().instant(), null));
            handles = context.credentials().findByUser(userId, HANDLE_TYPE);
        }
        return Base64Url.decode(handles.get(0).externalId());
    }

    /** The stored form of a passkey credential. */
    public StoredPasskey stored(StoredCredential credential) {
        return StoredPasskey.parse(credential.data(), mapper);
    }

    /** The owner's view of a passkey credential. */
    public Passkey view(StoredCredential credential) {
        StoredPasskey p = stored(credential);
        return new Passkey(credential.externalId(), credential.label() == null ? "Passkey" : credential.label(),
                credential.createdAt(), Optional.ofNullable(credential.lastUsedAt()), p.backupEligible(),
                p.backedUp(), p.transports(), p.aaguid());
    }

    /**
     * A made-up credential for a contact without passkeys, so that options for it look like any account's: its id is
     * a keyed hash of the contact, the same on every call and every instance, in one of the shapes real passkeys have
     * (chosen by the same hash): 16 bytes as Google Password Manager's and the testkit's software authenticator's, 20
     * as iCloud Keychain's, 32 as Windows Hello's, with the transports those report.
     */
    public OptionsJson.Descriptor madeUp(Contact contact) {
        byte[] key = context.deriveKey("passkey/made-up-credential");
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(key, "HmacSHA256"));
            byte[] id = mac.doFinal((contact.kind() + "\u0000" + contact.value().strip().toLowerCase(Locale.ROOT))
                    .getBytes(StandardCharsets.UTF_8));
            int shape = Math.floorMod(mac.doFinal(id)[0], MADE_UP_SHAPES.length);
            return new OptionsJson.Descriptor(Base64Url.encode(Arrays.copyOf(id, MADE_UP_SHAPES[shape])),
                    MADE_UP_SHAPES[shape] == 32 ? List.of("internal") : List.of("internal", "hybrid"));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is missing from this JDK", e);
        } finally {
            Arrays.fill(key, (byte) 0);
        }
    }

    /** The descriptors of the user's passkeys, for allow and exclude lists. */
    public List<OptionsJson.Descriptor> descriptors(String userId) {
        return of(userId).stream()
                .map(c -> new OptionsJson.Descriptor(c.externalId(), stored(c).transports()))
                .toList();
    }
}
