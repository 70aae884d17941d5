package dev.latchkey.auth.http;

import java.util.Locale;

/**
 * The groups of routes a host can leave out (the Spring Boot auto-configuration's {@code latchkey.web.groups.*}).
 * A route belongs to exactly one group.
 */
public enum RouteGroup {
    /** {@code /api/auth/*}: registration, password and code login, refresh, logout, password reset, sessions. */
    AUTH,
    /** {@code /api/auth/mfa*} and {@code /api/auth/reauthenticate}: second factors and step-up. */
    MFA,
    /** {@code /api/auth/passkeys*}: passkey registration, sign-in and the owner's list. */
    PASSKEYS,
    /** {@code /api/profile*}: the caller's own account. */
    PROFILE,
    /** {@code /api/admin/*}: the admin's list of users, second-factor reset and signing-key rotation. */
    ADMIN,
    /** {@code GET /health} and {@code GET /.well-known/jwks.json}. */
    SYSTEM,
    /** {@code GET /dev/outbox}: the mock provider's messages; only offered when a mock outbox is given. */
    OUTBOX,
    /** The host application's own routes over the same {@link Exchange} (such as the example's customers). */
    APP;

    /** The group's name in settings: lower case, such as {@code passkeys}. */
    public String settingName() {
        return name().toLowerCase(Locale.ROOT);
    }
}
