package dev.latchkey.auth;

/** Reaches the package-private upgrade seam of {@link AuthService.Builder}: upgrades run on the login's thread. */
public final class UpgradeHooks {
    private UpgradeHooks() {
    }

    /** The builder, with legacy-hash upgrades run at once instead of in the background. */
    public static AuthService.Builder upgradeInline(AuthService.Builder builder) {
        return builder.passwordUpgrades(Runnable::run);
    }
}
