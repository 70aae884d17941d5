package dev.latchkey.auth.jdbc.internal;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class JdbcRateLimitStoreTest {

    @Test
    void storedKey_ofKeyWithinTheColumnWidth_isTheKey() {
        String key = "k".repeat(JdbcRateLimitStore.KEY_LENGTH);

        assertThat(JdbcRateLimitStore.storedKey(key)).isEqualTo(key);
    }

    @Test
    void storedKey_ofLongerKey_fitsTheColumnAndKeepsItsStart() {
        String key = "login-fail:" + "x".repeat(300);

        assertThat(JdbcRateLimitStore.storedKey(key))
                .hasSizeLessThanOrEqualTo(JdbcRateLimitStore.KEY_LENGTH)
                .startsWith("login-fail:xxx");
    }

    @Test
    void storedKey_ofLongKeysDifferingAtTheEnd_differ() {
        String common = "x".repeat(300);

        assertThat(JdbcRateLimitStore.storedKey(common + "a")).isNotEqualTo(JdbcRateLimitStore.storedKey(common + "b"));
    }
}
