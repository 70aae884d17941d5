package dev.latchkey.auth;

import dev.latchkey.auth.internal.KeyTag;
import dev.latchkey.auth.internal.Keyring;
import dev.latchkey.auth.internal.Secrets;
import org.junit.jupiter.api.Test;

import java.nio.charset.StandardCharsets;
import java.util.Base64;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** Master-key ids and the previous master keys of a configuration. */
class MasterKeyIdsTest {
    private static final byte[] A = "master key A, 32 bytes or more, random".getBytes(StandardCharsets.US_ASCII);
    private static final byte[] B = "master key B, 32 bytes or more, random".getBytes(StandardCharsets.US_ASCII);

    private static AuthConfig.Builder config(byte[] master) {
        return AuthConfig.newBuilder().issuer("https://example.test").audience("api").masterKey(master);
    }

    @Test
    void aKeyId_isTheSameForTheSameKey_differsForAnother_andRevealsNothingOfIt() {
        String a = config(A).build().keys().keyId();

        assertThat(config(A.clone()).build().keys().keyId()).isEqualTo(a);
        assertThat(config(B).build().keys().keyId()).isNotEqualTo(a);
        assertThat(a).matches(KeyTag.KEY_ID).doesNotContain(Base64.getEncoder().encodeToString(A).substring(0, 8));
        assertThat(config(A).passwordPepper(B).build().keys().keyId()).as("a pepper set on its own changes the id")
                .isNotEqualTo(a);
    }

    @Test
    void aPreviousKey_derivesWhatItDerivedWhenItWasCurrent() {
        Keyring ring = config(B).previousMasterKeys(A).build().keyring();
        Secrets.Keys asCurrent = config(A).build().keys();
        Secrets.Keys asPrevious = ring.find(asCurrent.keyId()).orElseThrow();

        assertThat(ring.currentId()).isEqualTo(config(B).build().keys().keyId());
        assertThat(ring.previousIds()).containsExactly(asCurrent.keyId());
        assertThat(asPrevious.pepper()).isEqualTo(asCurrent.pepper());
        assertThat(asPrevious.codeKey()).isEqualTo(asCurrent.codeKey());
        assertThat(asPrevious.keyEncryptionKey()).isEqualTo(asCurrent.keyEncryptionKey());
        assertThat(asPrevious.accessTokenKeyId()).isEqualTo(asCurrent.accessTokenKeyId());
        assertThat(ring.toString()).doesNotContain(new String(A, StandardCharsets.US_ASCII));
    }

    @Test
    void previousKeys_thatAreShort_allZero_orTheCurrentKey_areRefusedNamingTheSetting() {
        assertThatThrownBy(() -> config(B).previousMasterKeys(new byte[16]).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previousMasterKeys[0]");
        assertThatThrownBy(() -> config(B).previousMasterKeys(A, new byte[32]).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("previousMasterKeys[1] is all zero");
        assertThatThrownBy(() -> config(B).previousMasterKeys(B.clone()).build())
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("is the current masterKey");
    }

    @Test
    void aTag_isReadBack_andAnUntaggedValueHasNone() {
        String tagged = KeyTag.tag("AbCdEfGh-_12", "$2a$11$x");

        assertThat(KeyTag.keyIdOf(tagged)).isEqualTo("AbCdEfGh-_12");
        assertThat(KeyTag.valueOf(tagged)).isEqualTo("$2a$11$x");
        assertThat(KeyTag.keyIdOf("$2a$11$x")).isNull();
        assertThat(KeyTag.keyIdOf("scrypt:32768:8:1$salt$hash")).isNull();
        assertThat(KeyTag.keyIdOf(null)).isNull();
        assertThat(KeyTag.valueOf("plain")).isEqualTo("plain");
    }
}
