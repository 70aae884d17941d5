package dev.latchkey.auth;

import java.util.concurrent.Executor;

/** Reaches package-private test seams of {@link AuthService.Builder} from the flow tests. */
public final class ServiceHooks {
    private ServiceHooks() {
    }

    /** Runs legacy-hash upgrades on {@code executor} instead of the background thread. */
    public static AuthService.Builder upgradesOn(AuthService.Builder builder, Executor executor) {
        return builder.passwordUpgrades(executor);
    }
}
