package dev.latchkey.auth.token.internal;

import dev.latchkey.auth.AuthException;
import dev.latchkey.auth.VerifiedAccessToken;
import dev.latchkey.auth.internal.AccessTokenCodec;
import dev.latchkey.auth.internal.Core;
import dev.latchkey.auth.internal.JwsKey;
import dev.latchkey.auth.internal.KekRing;
import dev.latchkey.auth.internal.KeySource;
import dev.latchkey.auth.internal.StoredKeyRing;
import dev.latchkey.auth.store.SigningKeyStore;
import dev.latchkey.auth.store.SessionStanding;
import dev.latchkey.auth.token.AccessTokens;
import dev.latchkey.auth.token.SigningConfig;

import java.time.Instant;
import java.util.List;

/** Access tokens signed with the configured keys. */
public final class DefaultAccessTokens implements AccessTokens {
    private final Core core;
    private final KeySource keys;
    private final AccessTokenCodec codec;
    private final boolean rotates;

    /** Tokens over the core; {@code hostKeys} are the host's own keys, empty for HS256 or generated keys. */
    public DefaultAccessTokens(Core core, List<JwsKey> hostKeys) {
        this.core = core;
        SigningConfig signing = core.config().signing();
        this.rotates = hostKeys.isEmpty() && signing.algorithm().isAsymmetric();
        this.keys = keySource(core, hostKeys);
        this.codec = new AccessTokenCodec(keys, core.config().issuer(), core.config().audience(),
                core.config().clientId(), core.config().clockSkew());
        keys.current(core.now());
    }

    /** The codec sessions issue their tokens with. */
    public AccessTokenCodec codec() {
        return codec;
    }

    @Override
    public VerifiedAccessToken verify(String accessToken) {
        return core.mint(codec.verify(accessToken, core.now()));
    }

    @Override
    public VerifiedAccessToken verifyOnline(String accessToken) {
        VerifiedAccessToken token = verify(accessToken);
        Instant now = core.now();
        SessionStanding standing = core.stores().sessionStanding(token.sessionId())
                .filter(s -> s.userId().equals(token.userId()))
                .orElseThrow(Core::invalidToken);
        boolean keeps = Core.keepsSessions(standing.status());
        boolean cutOff = standing.tokensValidFrom() != null
                && token.issuedAt().getEpochSecond() < standing.tokensValidFrom().getEpochSecond();
        if (!keeps || cutOff || standing.revokedAt() != null || !now.isBefore(standing.absoluteExpiresAt())) {
            throw Core.invalidToken();
        }
        return token;
    }

    @Override
    public String publicJwks() {
        return codec.jwksJson(core.now());
    }

    @Override
    public String rotateSigningKey() {
        if (!rotates) {
            throw AuthException.validation("signing", "keys rotate only when Latchkey generates them (RS256, ES256, "
                    + "EDDSA without host-supplied keys); rotate HS256 or host keys by changing the configuration");
        }
        return keys.rotate(core.now());
    }

    /** Deletes retired keys; returns how many. */
    public int purgeExpired() {
        return keys.purgeExpired(core.now());
    }

    private static KeySource keySource(Core core, List<JwsKey> hostKeys) {
        if (!hostKeys.isEmpty()) {
            return KeySource.fixed(hostKeys.get(0), hostKeys);
        }
        SigningConfig signing = core.config().signing();
        if (!signing.algorithm().isAsymmetric()) {
            // The current master key's HMAC key signs; the previous ones' still verify what they signed.
            JwsKey hmac = JwsKey.hmac(core.keys().accessTokenKeyId(), core.keys().accessTokenKey());
            List<JwsKey> verifiers = core.keyring().all().stream()
                    .map(k -> k == core.keys() ? hmac : JwsKey.hmac(k.accessTokenKeyId(), k.accessTokenKey()))
                    .toList();
            return KeySource.fixed(hmac, verifiers);
        }
        SigningKeyStore store = core.stores().signingKeys().orElseThrow(() -> new IllegalStateException(
                "signing algorithm " + signing.algorithm().jwsName() + " without host keys needs stores with a "
                        + "SigningKeyStore (JdbcAuthStores has one)"));
        return new StoredKeyRing(store, signing.algorithm(), new KekRing(core.keyring()), signing.rotationPeriod(),
                signing.publishLead(), signing.refreshInterval(),
                core.config().sessions().accessTokenTtl().plus(core.config().clockSkew()));
    }
}
