package dev.latchkey.auth.spring.properties;

/**
 * Latchkey's whole JSON HTTP API on Spring MVC ({@code latchkey.web.*}): the same routes, bodies, status codes and
 * problem answers as the example application, under a base path, each group of routes on or off.
 */
public class WebProperties {
    /** Whether Latchkey serves its HTTP API (registration, login, refresh, codes, second factors, passkeys, ...). */
    private boolean enabled = false;
    /** The path the API's routes are served under, e.g. /auth; empty for the root. */
    private String basePath = "";
    /** The realm of the API's WWW-Authenticate: Bearer answers. */
    private String realm = "latchkey";
    private Groups groups = new Groups();

    public boolean isEnabled() {
        return enabled;
    }

    public void setEnabled(boolean enabled) {
        this.enabled = enabled;
    }

    public String getBasePath() {
        return basePath;
    }

    public void setBasePath(String basePath) {
        this.basePath = basePath;
    }

    public String getRealm() {
        return realm;
    }

    public void setRealm(String realm) {
        this.realm = realm;
    }

    public Groups getGroups() {
        return groups;
    }

    public void setGroups(Groups groups) {
        this.groups = groups;
    }

    /** Which groups of routes are served ({@code latchkey.web.groups.*}). */
    public static class Groups {
        /** /api/auth/*: registration, password and code login, refresh, logout, password reset, sessions. */
        private boolean auth = true;
        /** /api/auth/mfa* and /api/auth/reauthenticate: TOTP, recovery codes, second steps, step-up. */
        private boolean mfa = true;
        /** /api/auth/passkeys*: passkey registration, sign-in and the owner's list. */
        private boolean passkeys = true;
        /** /api/profile*: the caller's own account, contact changes and deletion. */
        private boolean profile = true;
        /** /api/admin/*: the user list, second-factor reset and signing-key rotation (admin role). */
        private boolean admin = true;
        /** GET /health and GET /.well-known/jwks.json. */
        private boolean system = true;
        /**
         * GET /dev/outbox: every code of the mock delivery, to whoever asks; only with the mock delivery. For
         * development only.
         */
        private boolean outbox = false;

        public boolean isAuth() {
            return auth;
        }

        public void setAuth(boolean auth) {
            this.auth = auth;
        }

        public boolean isMfa() {
            return mfa;
        }

        public void setMfa(boolean mfa) {
            this.mfa = mfa;
        }

        public boolean isPasskeys() {
            return passkeys;
        }

        public void setPasskeys(boolean passkeys) {
            this.passkeys = passkeys;
        }

        public boolean isProfile() {
            return profile;
        }

        public void setProfile(boolean profile) {
            this.profile = profile;
        }

        public boolean isAdmin() {
            return admin;
        }

        public void setAdmin(boolean admin) {
            this.admin = admin;
        }

        public boolean isSystem() {
            return system;
        }

        public void setSystem(boolean system) {
            this.system = system;
        }

        public boolean isOutbox() {
            return outbox;
        }

        public void setOutbox(boolean outbox) {
            this.outbox = outbox;
        }
    }
}
